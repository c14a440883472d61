using System.Text.Json.Serialization;
using Coffer.Server.Http;

namespace Coffer.Server.Tokens;

[JsonSerializable(typeof(CreateTokenBody))]
[JsonSerializable(typeof(CreateTokenResponse))]
[JsonSerializable(typeof(NoFieldsBody))]
[JsonSerializable(typeof(TokenBody))]
[JsonSerializable(typeof(TokenInfoBody))]
[JsonSerializable(typeof(AccessorBody))]
[JsonSerializable(typeof(TokenInfoResponse))]
[JsonSerializable(typeof(RefreshBody))]
[JsonSerializable(typeof(RefreshResponse))]
[JsonSerializable(typeof(AccessorList))]
[JsonSerializable(typeof(SetBoundCidrsBody))]
[JsonSerializable(typeof(BoundCidrsResponse))]
public sealed partial class TokensJson : JsonSerializerContext
{
    public static TokensJson Native { get; } = new(NativeJson.Options());
}
