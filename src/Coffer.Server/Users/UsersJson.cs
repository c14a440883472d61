using System.Text.Json.Serialization;
using Coffer.Server.Http;

namespace Coffer.Server.Users;

[JsonSerializable(typeof(UserBody))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(UserList))]
[JsonSerializable(typeof(LoginBody))]
[JsonSerializable(typeof(LoginResponse))]
public sealed partial class UsersJson : JsonSerializerContext
{
    public static UsersJson Native { get; } = new(NativeJson.Options());
}
