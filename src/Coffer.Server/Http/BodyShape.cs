using Coffer.Server.Domain;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Coffer.Server.Http;

/// <summary>
/// Checks a parsed body against the shape of its contract before it is deserialized, so every mistake is a
/// 400 naming the field by its path (`meta.a`, `rest-api.rules[0]`): null inside a list or a mapping (no
/// contract holds nulls there, and deserialization would let them through to the rules), and a value of
/// the wrong kind (an object where a list belongs, a number where a string belongs). Fields the contract
/// does not know are left to the deserializer, which refuses them.
/// </summary>
internal static class BodyShape
{
    public static void Check(JsonNode? node, JsonTypeInfo type) => Check(node, type, path: null);

    private static void Check(JsonNode? node, JsonTypeInfo type, string? path)
    {
        if (node is null) return; // a field set to null: the contract's nullability decides
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                foreach (var (name, field) in obj)
                    if (type.Properties.FirstOrDefault(p => p.Name == name) is { } property && Info(type, property.PropertyType) is { } inner)
                        Check(field, inner, Join(path, name));
                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array:
                var element = Info(type, type.ElementType!);
                for (var i = 0; i < array.Count; i++)
                    Element(array[i], element, type.ElementType!, $"{path}[{i}]");
                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map:
                var value = Info(type, type.ElementType!);
                foreach (var (key, item) in map) Element(item, value, type.ElementType!, Join(path, key));
                break;
            case JsonTypeInfoKind.None when Scalar(type.Type) is { } expected:
                if (node.GetValueKind() is var kind && !expected.Contains(kind)) throw WrongType(path, type.Type);
                break;
            case JsonTypeInfoKind.Object or JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary when path is not null:
                throw WrongType(path, type.Type);
        }
    }

    private static void Element(JsonNode? item, JsonTypeInfo? info, Type elementType, string path)
    {
        if (item is null) throw new InvalidException($"field '{path}' must not be null: expected {Describe(elementType)}");
        if (info is not null) Check(item, info, path);
    }

    private static InvalidException WrongType(string? path, Type type) =>
        new InvalidException(path is null ? "the body has the wrong shape: send an object of fields" : $"field '{path}' has the wrong type: expected {Describe(type)}");

    private static JsonTypeInfo? Info(JsonTypeInfo owner, Type type) => owner.Options.TryGetTypeInfo(type, out var info) ? info : null;

    private static string Join(string? parent, string name) => parent is null ? name : $"{parent}.{name}";

    /// <summary>The JSON kinds a scalar type accepts, for the types whose JSON form is fixed; null for the rest.</summary>
    private static JsonValueKind[]? Scalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(Guid)) return [JsonValueKind.String];
        if (type == typeof(bool)) return [JsonValueKind.True, JsonValueKind.False];
        if (type == typeof(int) || type == typeof(long)) return [JsonValueKind.Number];
        return null;
    }

    /// <summary>What a value of the type looks like, in the API's words.</summary>
    public static string Describe(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(string)) return "a string (quote it in YAML)";
        if (type == typeof(Guid)) return "a UUID";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "an RFC 3339 date";
        if (type is null || type == typeof(object)) return "an object";
        if (type.IsGenericType && type.Name.Contains("Dictionary", StringComparison.Ordinal)) return "a mapping of names to values";
        if (type.IsArray) return $"a list of {Plural(type.GetElementType()!)}";
        if (type.IsGenericType && type.GetGenericArguments() is [var element]) return $"a list of {Plural(element)}";
        return "an object";
    }

    private static string Plural(Type element) => Describe(element) switch
    {
        "a string (quote it in YAML)" => "strings",
        "a UUID" => "UUIDs",
        "a whole number" => "whole numbers",
        _ => "objects",
    };
}
