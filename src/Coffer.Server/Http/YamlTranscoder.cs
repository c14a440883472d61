using Coffer.Server.Domain;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Coffer.Server.Http;

/// <summary>
/// YAML bodies are transcoded to JSON and back, so one set of source-generated contracts serves both.
/// Plain scalars resolve by the YAML 1.2 core schema; quoted scalars are always strings. Alias
/// expansion is bounded, so a "billion laughs" document is refused instead of filling memory.
/// </summary>
public static class YamlTranscoder
{
    private const int MaxNodes = 100_000;

    public static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new InvalidException($"the body is not valid YAML: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet reports some breaks (an unclosed [ or { followed by more keys) as a bare
            // InvalidOperationException whose message means nothing to a client: say where instead.
            var at = parser.Current?.Start is { } mark ? $" near line {mark.Line}, column {mark.Column}" : "";
            throw new InvalidException($"the body is not valid YAML: the document breaks off{at}; check for an unclosed '[', '{{' or quote");
        }
        if (stream.Documents.Count == 0) return null;
        if (stream.Documents.Count > 1) throw new InvalidException("the body holds several YAML documents; send one");
        var budget = MaxNodes;
        return Convert(stream.Documents[0].RootNode, ref budget);
    }

    private static JsonNode? Convert(YamlNode node, ref int budget)
    {
        if (--budget < 0) throw new InvalidException($"the YAML body expands to more than {MaxNodes} values (aliases?); send a smaller document");
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                        throw new InvalidException($"YAML line {key.Start.Line}: mapping keys must be plain strings");
                    if (obj.ContainsKey(name)) throw new InvalidException($"YAML line {key.Start.Line}: the key '{name}' appears twice");
                    obj[name] = Convert(value, ref budget);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children) array.Add(Convert(item, ref budget));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new InvalidException($"YAML line {node.Start.Line}: unsupported YAML node");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return JsonValue.Create(text);
        return YamlScalars.Resolve(text) switch
        {
            YamlScalars.Kind.Null => null,
            YamlScalars.Kind.Boolean => JsonValue.Create(text is "true" or "True" or "TRUE"),
            YamlScalars.Kind.Integer => JsonNode.Parse(text.TrimStart('+')),
            YamlScalars.Kind.Float when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }

    public static string FromJson(JsonElement element)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, element);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var emptyObject = !element.EnumerateObject().Any();
                emitter.Emit(new MappingStart(null, null, true, emptyObject ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var property in element.EnumerateObject())
                {
                    emitter.Emit(StringScalar(property.Name));
                    Emit(emitter, property.Value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                emitter.Emit(new SequenceStart(null, null, true, element.GetArrayLength() == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in element.EnumerateArray()) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                emitter.Emit(StringScalar(element.GetString()!));
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                emitter.Emit(Plain("null"));
                break;
            default: // numbers and booleans keep their JSON spelling, which is also valid plain YAML
                emitter.Emit(Plain(element.GetRawText()));
                break;
        }
    }

    private static Scalar Plain(string text) => new(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false);

    /// <summary>A string that would read back as another type (true, 12, null, "") must be quoted.</summary>
    private static Scalar StringScalar(string text) =>
        new(AnchorName.Empty, TagName.Empty, text,
            YamlScalars.Resolve(text) == YamlScalars.Kind.String ? ScalarStyle.Any : ScalarStyle.DoubleQuoted, true, true);
}
