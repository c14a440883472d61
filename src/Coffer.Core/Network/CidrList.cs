using System.Net;

namespace Coffer.Core.Network;

/// <summary>Checks over a token's list of bound CIDR blocks.</summary>
public static class CidrList
{
    /// <summary>
    /// Parses and normalizes every entry; the error names the bad entry by its position. Unlike a single
    /// <see cref="CidrBlock"/>, a list entry must spell out its prefix (`addr/prefix`): a bare address is
    /// refused, so nobody binds a token to one host by accident of notation.
    /// </summary>
    public static IReadOnlyList<CidrBlock> Parse(IReadOnlyList<string> entries, string field)
    {
        var blocks = new List<CidrBlock>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (!CidrBlock.TryParse(entries[i], out var block, out var error)) throw new CofferFormatException($"{field}[{i}]: {error}");
            if (!entries[i].Contains('/'))
                throw new CofferFormatException($"{field}[{i}]: '{entries[i]}' has no prefix length: write {block} for one address");
            blocks.Add(block);
        }
        return blocks;
    }

    public static bool AnyContains(IReadOnlyList<CidrBlock> blocks, IPAddress address)
    {
        foreach (var block in blocks)
            if (block.Contains(address)) return true;
        return false;
    }

    /// <summary>True when every child block lies inside some parent block.</summary>
    public static bool AllWithin(IReadOnlyList<CidrBlock> child, IReadOnlyList<CidrBlock> parent) =>
        child.All(c => parent.Any(c.IsWithin));
}
