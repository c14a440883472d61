using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Http;

/// <summary>
/// Reads a native-API body (JSON, or YAML transcoded to JSON) into a source-generated contract, and
/// turns every way it can be wrong into a 400 that names the field: unknown fields, wrong types,
/// missing required fields, malformed documents. An unsupported Content-Type is a 415.
/// </summary>
public static partial class RequestBody
{
    public static async ValueTask<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, Func<T> whenEmpty)
    {
        var request = context.Request;
        var contentType = request.ContentType;
        var yaml = MediaTypes.IsYaml(contentType);
        if (contentType is not null && !yaml && !MediaTypes.IsJson(contentType))
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
                $"Content-Type '{contentType}' is not supported; send application/json or application/yaml");

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return whenEmpty();
        try
        {
            if (!yaml) return JsonSerializer.Deserialize(text, type) ?? whenEmpty();
            var node = YamlTranscoder.ToJson(text);
            return node is null ? whenEmpty() : node.Deserialize(type) ?? whenEmpty();
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest(Explain(e, type, yaml));
        }
    }

    /// <summary>Rewrites System.Text.Json's messages (which name .NET types) in the API's own words.</summary>
    internal static string Explain(JsonException e, JsonTypeInfo type, bool yaml)
    {
        var field = FieldName(e.Path);
        var message = e.Message;
        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups[1].Value;
            var full = field is not null && field.EndsWith(name, StringComparison.Ordinal) ? field : Join(field, name);
            var allowed = string.Join(", ", type.Properties.Select(p => p.Name));
            return $"unknown field '{full}'" + (full == name ? $"; allowed fields: {allowed}" : "");
        }
        if (MissingRequired().Match(message) is { Success: true } missing)
            return $"missing required field {missing.Groups[1].Value}";
        if (message.Contains("null", StringComparison.Ordinal) && message.Contains("doesn't allow", StringComparison.Ordinal))
            return $"field '{field}' must not be null";
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return field is null
                ? "the body has the wrong shape: send an object of fields"
                : $"field '{field}' has the wrong type: expected {Describe(PropertyType(type, field))}";
        var position = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
        return yaml ? $"the body is not a valid request{position}" : $"the body is not valid JSON{position}";
    }

    private static string? FieldName(string? path) =>
        path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Join(string? parent, string name) => parent is null ? name : $"{parent}.{name}";

    /// <summary>Follows a dotted field path through the contract to the .NET type expected there.</summary>
    private static Type? PropertyType(JsonTypeInfo type, string path)
    {
        Type? current = null;
        var info = type;
        foreach (var segment in path.Split('.'))
        {
            var property = info?.Properties.FirstOrDefault(p => p.Name == segment.Split('[')[0]);
            if (property is null) return current;
            current = property.PropertyType;
            info = info!.Options.TryGetTypeInfo(current, out var next) ? next : null;
        }
        return current;
    }

    private static string Describe(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(string)) return "a string (quote it in YAML)";
        if (type == typeof(Guid)) return "a UUID";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "an RFC 3339 date";
        if (type is not null && type.IsGenericType && type.Name.Contains("Dictionary", StringComparison.Ordinal)) return "a mapping of names to values";
        if (type is not null && (type.IsArray || type.IsGenericType)) return "a list";
        return "an object";
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("missing required properties including: (.*)\\.")]
    private static partial Regex MissingRequired();
}
