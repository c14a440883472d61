using System.Text.Json.Serialization;
using Coffer.Server.Http;

namespace Coffer.Server.Users;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    Converters = [typeof(Rfc3339Converter)])]
[JsonSerializable(typeof(UserBody))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(UserList))]
[JsonSerializable(typeof(LoginBody))]
[JsonSerializable(typeof(LoginResponse))]
public sealed partial class UsersJson : JsonSerializerContext;
