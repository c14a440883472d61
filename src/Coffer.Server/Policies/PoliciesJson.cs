using System.Text.Json.Serialization;

namespace Coffer.Server.Policies;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(PolicyDto))]
[JsonSerializable(typeof(PolicyList))]
public sealed partial class PoliciesJson : JsonSerializerContext;
