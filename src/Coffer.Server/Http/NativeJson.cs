using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Server.Http;

/// <summary>
/// The one source of the native API's JSON options: kebab-case, unknown fields refused, nulls left out, nullable
/// annotations respected, times as RFC 3339 UTC. Every feature's source-generated contract set is created with
/// them (<c>XxxJson.Native</c>), so the sets cannot drift apart. (The Bitwarden surface has its own, as its
/// clients expect: <c>BitwardenJson</c>.)
/// </summary>
public static class NativeJson
{
    /// <summary>A fresh copy: each context binds its own options instance.</summary>
    public static JsonSerializerOptions Options() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        Converters = { new Rfc3339Converter() },
    };
}

/// <summary>The native error body's contract.</summary>
[JsonSerializable(typeof(ErrorBody))]
public sealed partial class HttpJson : JsonSerializerContext
{
    public static HttpJson Native { get; } = new(NativeJson.Options());
}
