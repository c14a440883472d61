using System.Text.Json.Serialization;
using Coffer.Server.Http;

namespace Coffer.Server.MachineAccounts;

[JsonSerializable(typeof(MachineAccountView))]
[JsonSerializable(typeof(MachineAccountList))]
[JsonSerializable(typeof(GrantBody))]
[JsonSerializable(typeof(GrantView))]
[JsonSerializable(typeof(GrantList))]
[JsonSerializable(typeof(AccessTokenBody))]
[JsonSerializable(typeof(AccessTokenRequest))]
[JsonSerializable(typeof(AccessTokenCreated))]
[JsonSerializable(typeof(AccessTokenView))]
[JsonSerializable(typeof(AccessTokenList))]
[JsonSerializable(typeof(RevokeBody))]
[JsonSerializable(typeof(RevokeRequest))]
[JsonSerializable(typeof(RevokeResult))]
public sealed partial class MachineAccountsJson : JsonSerializerContext
{
    public static MachineAccountsJson Native { get; } = new(NativeJson.Options());
}
