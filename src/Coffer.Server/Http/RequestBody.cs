using Coffer.Server.Domain;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

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

        // No body at all (lookup-self, list-accessors…): skip the reader, which costs a buffer on every such request.
        if (request.ContentLength == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return whenEmpty();
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return whenEmpty();
        try
        {
            var node = yaml ? YamlTranscoder.ToJson(text) : ParseJson(text);
            if (node is null) return whenEmpty();
            BodyShape.Check(node, type);
            return node.Deserialize(type) ?? whenEmpty();
        }
        catch (JsonException e)
        {
            throw new InvalidException(Explain(e, type, yaml));
        }
    }

    /// <summary>JSON with each key at most once per object, like YAML (a repeated key would silently win).</summary>
    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e) when (DuplicateKey().Match(e.Message) is { Success: true } duplicate)
        {
            throw new InvalidException($"the key '{duplicate.Groups[1].Value}' appears twice in an object of the body; give each field once");
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
            if (full == name && type.Properties.Count == 0) return $"unknown field '{full}'; this operation takes no body fields";
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

    /// <summary>Follows a field path (`meta.a`, `rules[0].path`) through the contract to the .NET type expected there.</summary>
    private static Type? PropertyType(JsonTypeInfo type, string path)
    {
        Type? current = null;
        JsonTypeInfo? info = type;
        foreach (var segment in path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (info is null) return current;
            if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary) current = info.ElementType;
            else if (info.Properties.FirstOrDefault(p => p.Name == segment) is { } property) current = property.PropertyType;
            else return current;
            info = current is not null && info.Options.TryGetTypeInfo(current, out var next) ? next : null;
        }
        return current;
    }

    private static string Describe(Type? type) => BodyShape.Describe(type);

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("missing required properties including: (.*)\\.")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("Duplicate property '([^']*)'")]
    private static partial Regex DuplicateKey();
}
