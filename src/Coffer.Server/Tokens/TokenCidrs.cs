using Coffer.Server.Domain;
using Coffer.Core.Network;
using Coffer.Server.Http;

namespace Coffer.Server.Tokens;

/// <summary>
/// Bound CIDRs between parent and child, and when they change. A bound token's children are always
/// bound inside its networks: a child without a list — or with an empty one — inherits the parent's
/// (an empty list cannot mean "unbound" under a bound parent: that would be a way out of the binding),
/// and a child's own list must lie inside the parent's. Only root may clear or widen a token's binding.
/// </summary>
public static class TokenCidrs
{
    public const int MaxEntries = 64;

    public static IReadOnlyList<string> ForChild(IReadOnlyList<string>? requested, IReadOnlyList<string> parent)
    {
        if (requested is null || requested.Count == 0) return parent;
        RequireWithin(requested, parent, "the parent token's bound CIDRs");
        return requested;
    }

    /// <summary>
    /// The list a non-root owner may set: inside the token's current networks. An unbound token may be
    /// bound to anything (that narrows it); a bound one may not be cleared.
    /// </summary>
    public static void RequireNarrowing(IReadOnlyList<string> requested, IReadOnlyList<string> current)
    {
        if (current.Count > 0 && requested.Count == 0)
            throw new DeniedException("bound-cidrs: only root may remove a token's binding; give a list inside the current one to narrow it");
        RequireWithin(requested, current, "the token's current bound CIDRs");
    }

    private static void RequireWithin(IReadOnlyList<string> requested, IReadOnlyList<string> outer, string what)
    {
        if (outer.Count == 0) return;
        var outerBlocks = outer.Select(CidrBlock.Parse).ToList();
        foreach (var entry in requested)
            if (!outerBlocks.Any(CidrBlock.Parse(entry).IsWithin))
                throw new DeniedException($"bound-cidrs: {entry} is outside {what}");
    }

    /// <summary>Parses and normalizes a request's list; the error names the entry.</summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string> entries, string field = "bound-cidrs")
    {
        if (entries.Count > MaxEntries) throw new InvalidException($"{field}: at most {MaxEntries} entries (got {entries.Count})");
        return CidrList.Parse(entries, field).Select(b => b.ToString()).Distinct().ToList();
    }
}
