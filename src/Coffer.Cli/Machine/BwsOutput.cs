using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Coffer.Cli.Machine;

/// <summary>bws's output formats: json (pretty, trailing newline), yaml, env, table, tsv and none, field for field.</summary>
public static partial class BwsOutput
{
    private static readonly string[] SecretHeaders = ["ID", "Key", "Value", "Creation Date"];
    private static readonly string[] ProjectHeaders = ["ID", "Name", "Creation Date"];

    public static void Secrets(ParseResult parse, IReadOnlyList<BwsSecret> secrets, bool single) =>
        Print(parse, single ? Json(secrets[0], BwsJson.Default.BwsSecret) : Json(secrets.ToList(), BwsJson.Default.ListBwsSecret),
            SecretHeaders, secrets.Select(s => new[] { s.Id.ToString(), s.Key, s.Value, Date(s.CreationDate) }).ToList());

    public static void Projects(ParseResult parse, IReadOnlyList<BwsProject> projects, bool single) =>
        Print(parse, single ? Json(projects[0], BwsJson.Default.BwsProject) : Json(projects.ToList(), BwsJson.Default.ListBwsProject),
            ProjectHeaders, projects.Select(p => new[] { p.Id.ToString(), p.Name, Date(p.CreationDate) }).ToList());

    public static bool IsValidPosixName(string name) => PosixName().IsMatch(name);

    /// <summary>bws renders every record the same way: env and tsv take the row's cells, so a project's env line is NAME="creation date".</summary>
    private static void Print(ParseResult parse, string json, string[] headers, List<string[]> rows)
    {
        var output = Console.Out;
        switch (MachineOptions.Format(parse))
        {
            case "json":
                output.Write(json + "\n");
                break;
            case "yaml":
                output.Write(BwsYaml.Write(JsonDocument.Parse(json).RootElement));
                break;
            case "env":
                output.Write(Env(rows));
                break;
            case "table":
                output.Write(BwsTable.Write(headers, rows));
                break;
            case "tsv":
                output.Write(string.Join('\t', headers) + "\n" + string.Join('\n', rows.Select(r => string.Join('\t', r))) + "\n");
                break;
        }
    }

    /// <summary>KEY="value" lines; a key that is not a POSIX name is commented out, with a note at the end.</summary>
    private static string Env(List<string[]> rows)
    {
        var lines = new List<string>();
        var commented = false;
        foreach (var row in rows)
        {
            if (IsValidPosixName(row[1])) lines.Add($"{row[1]}=\"{row[2]}\"");
            else
            {
                commented = true;
                lines.Add($"# {row[1]}=\"{row[2].Replace("\n", "\n# ", StringComparison.Ordinal)}\"");
            }
        }
        if (commented) lines.Add("\n# one or more secrets have been commented-out due to a problematic key name");
        return string.Join('\n', lines) + "\n";
    }

    private static string Json<T>(T value, JsonTypeInfo<T> type)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            JsonSerializer.Serialize(writer, value, type);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Date(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex PosixName();
}
