using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Http;

public static class MediaTypes
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";

    public static bool IsYaml(string? mediaType) =>
        mediaType is not null && (mediaType.Contains("yaml", StringComparison.OrdinalIgnoreCase));

    public static bool IsJson(string? mediaType) =>
        mediaType is not null && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>YAML when the Accept header names a YAML type before any JSON type; JSON otherwise.</summary>
    public static bool WantsYaml(HttpRequest request)
    {
        foreach (var value in request.Headers.Accept)
            foreach (var part in (value ?? "").Split(','))
            {
                if (IsJson(part)) return false;
                if (IsYaml(part)) return true;
            }
        return false;
    }
}
