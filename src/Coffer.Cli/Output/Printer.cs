using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coffer.Server.Http;

namespace Coffer.Cli.Output;

/// <summary>Prints a result as JSON, YAML (the same fields) or a human table, as -o asks.</summary>
public static class Printer
{
    public static void Print<T>(ParseResult parse, T value, JsonTypeInfo<T> type, Func<T, IEnumerable<(string Key, string Value)>> rows)
    {
        switch (OperatorFormat(parse))
        {
            case "none":
                break;
            case "json":
                Console.Out.WriteLine(IndentedJson(JsonSerializer.SerializeToElement(value, type)));
                break;
            case "yaml":
                Console.Out.Write(YamlTranscoder.FromJson(JsonSerializer.SerializeToElement(value, type)));
                break;
            default:
                Console.Out.Write(Table(["Key", "Value"], rows(value).Select(r => new[] { r.Key, r.Value })));
                break;
        }
    }

    /// <summary>The -o of an operator command: table unless json, yaml or none is asked for.</summary>
    public static string OperatorFormat(ParseResult parse) => parse.GetValue(GlobalOptions.Output) switch
    {
        null => "table",
        "env" or "tsv" => throw new CliException("operator commands print json, yaml, table or none"),
        var format => format,
    };

    /// <summary>Columns padded to their widest cell, a dashed rule under the header.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        var text = new System.Text.StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine(string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Line(headers);
        Line(headers.Select((_, i) => new string('-', widths[i])).ToList());
        foreach (var row in all) Line(row);
        return text.ToString();
    }

    public static string IndentedJson(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true })) element.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
