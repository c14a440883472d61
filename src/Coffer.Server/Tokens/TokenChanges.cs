namespace Coffer.Server.Tokens;

/// <summary>
/// Change-feed topic for revoked tokens: each key lists accessors, comma-separated, in chunks that fit
/// PostgreSQL's NOTIFY payload limit (8000 bytes).
/// </summary>
public static class TokenChanges
{
    public const string Topic = "tokens";
    private const int PerKey = 150;

    public static IEnumerable<string> Keys(IReadOnlyList<Guid> accessors) =>
        accessors.Chunk(PerKey).Select(chunk => string.Join(',', chunk));
}
