using Coffer.Core.Network;
using Coffer.Server.Http;

namespace Coffer.Server.Tokens;

/// <summary>
/// Bound CIDRs between parent and child: a child without its own list inherits the parent's; a child's
/// own list must lie inside the parent's (when the parent is bound at all).
/// </summary>
public static class TokenCidrs
{
    public const int MaxEntries = 64;

    public static IReadOnlyList<string> ForChild(IReadOnlyList<string>? requested, IReadOnlyList<string> parent)
    {
        if (requested is null) return parent;
        RequireWithin(requested, parent, "the parent token's bound CIDRs");
        return requested;
    }

    public static void RequireWithin(IReadOnlyList<string> requested, IReadOnlyList<string> outer, string what)
    {
        if (outer.Count == 0) return;
        var outerBlocks = outer.Select(CidrBlock.Parse).ToList();
        foreach (var entry in requested)
            if (!outerBlocks.Any(CidrBlock.Parse(entry).IsWithin))
                throw ApiException.Forbidden($"bound-cidrs: {entry} is outside {what}");
    }

    /// <summary>Parses and normalizes a request's list; the error names the entry.</summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string> entries)
    {
        if (entries.Count > MaxEntries) throw ApiException.BadRequest($"bound-cidrs: at most {MaxEntries} entries (got {entries.Count})");
        return CidrList.Parse(entries, "bound-cidrs").Select(b => b.ToString()).Distinct().ToList();
    }
}
