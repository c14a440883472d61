using System.Globalization;
using System.Text;

namespace Coffer.Cli.Machine;

/// <summary>
/// `-o table` as bws draws it (comfy-table, preset "     --            "): each cell padded with one space each
/// side, columns joined by a space, a rule of dashes under the header. A cell with line breaks takes as
/// many lines as it has; the other cells of its row are blank on the extra lines, so columns stay aligned.
/// </summary>
public static class BwsTable
{
    public static string Write(IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        var all = rows.Select(r => r.Select(Lines).ToArray()).Prepend(headers.Select(Lines).ToArray()).ToList();
        var widths = headers.Select((_, i) => all.Max(r => r[i].Max(Width))).ToArray();
        var text = new StringBuilder();
        for (var r = 0; r < all.Count; r++)
        {
            var height = all[r].Max(cell => cell.Length);
            for (var line = 0; line < height; line++)
            {
                for (var i = 0; i < widths.Length; i++)
                {
                    var part = line < all[r][i].Length ? all[r][i][line] : "";
                    if (i > 0) text.Append(' ');
                    text.Append(' ').Append(part).Append(' ', widths[i] - Width(part) + 1);
                }
                text.Append('\n');
            }
            if (r == 0) text.Append(string.Join('-', widths.Select(w => new string('-', w + 2)))).Append('\n');
        }
        return text.ToString();
    }

    private static string[] Lines(string cell) => cell.Split('\n');

    /// <summary>Terminal columns: wide East Asian characters and emoji take two, combining marks none.</summary>
    public static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format || Rune.IsControl(rune)) continue;
            width += IsWide(rune.Value) ? 2 : 1;
        }
        return width;
    }

    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1F64F
            or >= 0x1F900 and <= 0x1F9FF or >= 0x20000 and <= 0x3FFFD;
}
