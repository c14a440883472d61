using System.Text.Json.Serialization;
using Coffer.Server.Http;

namespace Coffer.Server.Tokens;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    Converters = [typeof(Rfc3339Converter)])]
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
public sealed partial class TokensJson : JsonSerializerContext;
