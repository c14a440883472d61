using System.Text.Json.Serialization;
using Coffer.Server.Seal;
using Coffer.Server.Health;

namespace Coffer.Server.Http;

/// <summary>Source-generated JSON for the native API: kebab-case, unknown fields refused, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(InitRequest))]
[JsonSerializable(typeof(InitResponse))]
[JsonSerializable(typeof(InitStatus))]
[JsonSerializable(typeof(UnsealRequest))]
[JsonSerializable(typeof(SealStatus))]
[JsonSerializable(typeof(HealthStatus))]
public sealed partial class NativeJsonContext : JsonSerializerContext;
