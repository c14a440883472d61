using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Coffer.Cli.Machine;

/// <summary>
/// YAML exactly as bws prints it (serde_yaml 0.9 over libyaml): a block mapping, or a block sequence of them
/// (`[]` when empty). A string is plain when it reads back as a string; single-quoted when it would read as
/// null, a boolean or a number (so `''` for an empty one) or cannot be plain; double-quoted when it holds
/// characters single quotes cannot carry; a multi-line one is a literal block (`|-`, `|`, `|+`).
/// </summary>
public static class BwsYaml
{
    public static string Write(JsonElement document)
    {
        var writer = new Writer();
        if (document.ValueKind != JsonValueKind.Array) writer.Mapping(document, indent: 0);
        else if (document.GetArrayLength() == 0) writer.Text.Append("[]\n");
        else
            foreach (var item in document.EnumerateArray())
            {
                writer.Text.Append("- ");
                writer.Mapping(item, indent: 2);
            }
        // libyaml closes a document whose block scalar kept its trailing line breaks (|+) with "...".
        if (writer.OpenEnded) writer.Text.Append("...\n");
        return writer.Text.ToString();
    }

    private sealed class Writer
    {
        public StringBuilder Text { get; } = new();
        public bool OpenEnded { get; private set; }

        public void Mapping(JsonElement mapping, int indent)
        {
            var first = true;
            foreach (var property in mapping.EnumerateObject())
            {
                if (!first) Text.Append(' ', indent);
                first = false;
                Text.Append(property.Name).Append(':');
                Value(property.Value, indent + 2);
            }
        }

        private void Value(JsonElement value, int indent)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    Scalar(value.GetString()!, indent);
                    break;
                case JsonValueKind.Null:
                    Text.Append(" null\n");
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    Text.Append(' ').Append(value.GetRawText()).Append('\n');
                    break;
                default:
                    throw new NotSupportedException("bws output holds only flat records");
            }
        }

        private void Scalar(string value, int indent)
        {
            var shape = YamlScalarShape.Of(value);
            switch (shape.Style(value))
            {
                case YamlStyle.Plain:
                    Text.Append(' ').Append(value).Append('\n');
                    break;
                case YamlStyle.SingleQuoted:
                    Text.Append(" '").Append(value.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
                    break;
                case YamlStyle.DoubleQuoted:
                    Text.Append(" \"").Append(YamlScalarShape.Escape(value)).Append("\"\n");
                    break;
                default:
                    Literal(value, indent);
                    break;
            }
        }

        /// <summary>`|` with libyaml's hints (an indentation digit when the text starts blank, then - or +), one line per line.</summary>
        private void Literal(string value, int indent)
        {
            Text.Append(" |");
            if (value[0] is ' ' || YamlScalarShape.IsBreak(value[0])) Text.Append('2');
            var trailingBreaks = value.Length - value.TrimEnd('\n').Length;
            if (trailingBreaks == 0) Text.Append('-');
            else if (trailingBreaks > 1 || value.Length == 1) { Text.Append('+'); OpenEnded = true; }
            Text.Append('\n');
            var lines = value.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > 0) Text.Append(' ', indent).Append(lines[i]);
                if (i < lines.Length - 1 || lines[i].Length > 0) Text.Append('\n');
            }
        }
    }
}

public enum YamlStyle { Plain, SingleQuoted, DoubleQuoted, Literal }

/// <summary>What libyaml's analysis finds in a scalar, and the style serde_yaml then gets for it.</summary>
public readonly record struct YamlScalarShape(bool PlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed)
{
    public YamlStyle Style(string value)
    {
        var wanted = value.Contains('\n') ? YamlStyle.Literal : YamlResolver.ReadsAsNonString(value) ? YamlStyle.SingleQuoted : YamlStyle.Plain;
        if (wanted == YamlStyle.Plain && !PlainAllowed) wanted = YamlStyle.SingleQuoted;
        if (wanted == YamlStyle.SingleQuoted && !SingleQuotedAllowed) wanted = YamlStyle.DoubleQuoted;
        if (wanted == YamlStyle.Literal && !BlockAllowed) wanted = YamlStyle.DoubleQuoted;
        return wanted;
    }

    public static bool IsBreak(int c) => c is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    private static bool IsBlank(int c) => c is ' ' or '\t' || IsBreak(c);

    private static bool IsPrintable(int c) =>
        c == '\n' || c is >= 0x20 and <= 0x7E || c is >= 0xA0 and <= 0xD7FF || (c is >= 0xE000 and <= 0xFFFD && c != 0xFEFF) || c >= 0x10000;

    /// <summary>libyaml's yaml_emitter_analyze_scalar, for a value in block context.</summary>
    public static YamlScalarShape Of(string value)
    {
        if (value.Length == 0) return new(true, true, false);
        var runes = value.EnumerateRunes().Select(r => r.Value).ToArray();
        bool indicators = value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal);
        bool breaks = false, special = false, leadingBlank = false, trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false;
        bool previousSpace = false, previousBreak = false, precededByBlank = true;
        for (var i = 0; i < runes.Length; i++)
        {
            var c = runes[i];
            var followedByBlank = i + 1 >= runes.Length || IsBlank(runes[i + 1]);
            if (i == 0)
                indicators |= "#,[]{}&*!|>'\"%@`".Contains((char)Math.Min(c, 0xFFFF)) || (c is '?' or ':' or '-' && followedByBlank);
            else indicators |= (c == ':' && followedByBlank) || (c == '#' && precededByBlank);
            special |= !IsPrintable(c);
            if (c == ' ')
            {
                leadingBlank |= i == 0;
                trailingSpace |= i == runes.Length - 1;
                breakSpace |= previousBreak;
                (previousSpace, previousBreak) = (true, false);
            }
            else if (IsBreak(c))
            {
                breaks = true;
                leadingBlank |= i == 0;
                trailingBreak |= i == runes.Length - 1;
                spaceBreak |= previousSpace;
                (previousSpace, previousBreak) = (false, true);
            }
            else (previousSpace, previousBreak) = (false, false);
            precededByBlank = IsBlank(c);
        }
        var plain = !(leadingBlank || trailingSpace || trailingBreak || breakSpace || spaceBreak || special || breaks || indicators);
        return new(plain, !(breakSpace || spaceBreak || special), !(trailingSpace || spaceBreak || special));
    }

    /// <summary>libyaml's double-quoted escapes; upper-case hex.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            var c = rune.Value;
            if (IsPrintable(c) && c != 0xFEFF && !IsBreak(c) && c is not '"' and not '\\') { text.Append(rune.ToString()); continue; }
            text.Append(c switch
            {
                0 => "\\0", 7 => "\\a", 8 => "\\b", 9 => "\\t", 10 => "\\n", 11 => "\\v", 12 => "\\f", 13 => "\\r", 0x1B => "\\e",
                '"' => "\\\"", '\\' => "\\\\", 0x85 => "\\N", 0xA0 => "\\_", 0x2028 => "\\L", 0x2029 => "\\P",
                <= 0xFF => "\\x" + c.ToString("X2", CultureInfo.InvariantCulture),
                <= 0xFFFF => "\\u" + c.ToString("X4", CultureInfo.InvariantCulture),
                _ => "\\U" + c.ToString("X8", CultureInfo.InvariantCulture),
            });
        }
        return text.ToString();
    }
}
