namespace Coffer.Core.Policies;

/// <summary>
/// A rule's path: literal segments, `*` for exactly one segment, and `**` as the last segment for zero
/// or more further segments (so `/a/**` covers `/a` itself and everything below it).
/// </summary>
public sealed class PathPattern
{
    public const int MaxLength = 1024;
    private readonly string?[] _segments; // null = `*`

    private PathPattern(string text, string?[] segments, bool openEnded)
    {
        Text = text;
        _segments = segments;
        OpenEnded = openEnded;
        Literals = segments.Count(s => s is not null);
    }

    public string Text { get; }
    public bool OpenEnded { get; }
    public int Literals { get; }
    public int Segments => _segments.Length;

    /// <summary>Parses a pattern; the message says what is wrong (the caller adds which rule).</summary>
    public static PathPattern Parse(string text)
    {
        if (string.IsNullOrEmpty(text) || text[0] != '/') throw new CofferFormatException($"'{text}' must start with '/'");
        if (text.Length > MaxLength) throw new CofferFormatException($"a path may be at most {MaxLength} characters");
        if (text.IndexOfAny(['?', '#', ' ']) >= 0) throw new CofferFormatException($"'{text}' may not contain spaces, '?' or '#'");
        var parts = text.Length == 1 ? [] : text[1..].TrimEnd('/').Split('/');
        var segments = new List<string?>();
        var openEnded = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0) throw new CofferFormatException($"'{text}' has an empty segment ('//')");
            if (part == "**")
            {
                if (i != parts.Length - 1) throw new CofferFormatException($"'{text}': '**' may only be the last segment");
                openEnded = true;
            }
            else if (part == "*") segments.Add(null);
            else if (part.Contains('*')) throw new CofferFormatException($"'{text}': a wildcard must be a whole segment ('*' or '**'), not '{part}'");
            else segments.Add(part);
        }
        return new PathPattern(text, segments.ToArray(), openEnded);
    }

    /// <summary>Matches a request path already split into segments.</summary>
    public bool Matches(ReadOnlySpan<char> path, ReadOnlySpan<Range> segments)
    {
        if (OpenEnded ? segments.Length < _segments.Length : segments.Length != _segments.Length) return false;
        for (var i = 0; i < _segments.Length; i++)
            if (_segments[i] is { } literal && !path[segments[i]].SequenceEqual(literal)) return false;
        return true;
    }

    /// <summary>Higher is more specific: more literal segments, then not open-ended, then more segments.</summary>
    public long Specificity => ((long)Literals << 32) | ((OpenEnded ? 0L : 1L) << 16) | (long)Segments;
}
