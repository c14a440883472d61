using Coffer.Server.Configuration;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tokens;

/// <summary>
/// Revokes tokens and all their descendants: children first (deepest first), one transaction per batch,
/// so no child ever outlives its parent even if revocation stops halfway. Many roots are revoked together
/// (the sweeper's expired tokens): one walk and one transaction per batch, not per token. Cycles in a
/// corrupted parent index end the walk. Children created under a tree while it is revoked are caught afterwards.
/// </summary>
internal sealed class TokenRevoker(ITokenStore store, TokenSettings settings, ILogger<TokenRevoker> logger)
{
    public Task<int> RevokeTreeAsync(Guid root, CancellationToken cancellationToken) => RevokeTreesAsync([root], cancellationToken);

    public async Task<int> RevokeTreesAsync(IReadOnlyList<Guid> roots, CancellationToken cancellationToken)
    {
        var revoked = 0;
        var seen = new HashSet<Guid>();
        IReadOnlyList<Guid> next = roots;
        while ((next = next.Where(seen.Add).ToList()).Count > 0)
        {
            var stragglers = new List<Guid>();
            foreach (var chunk in next.Chunk(settings.RevocationBatch))
            {
                var order = DeepestFirst(chunk, await store.SubtreeAsync(chunk, cancellationToken));
                foreach (var batch in order.Chunk(settings.RevocationBatch))
                {
                    revoked += await store.DeleteAsync(batch, cancellationToken);
                    // A child created under this batch after the walk would be stranded: revoke it too.
                    stragglers.AddRange(await store.ChildrenOfAsync(batch, cancellationToken));
                }
            }
            next = stragglers;
        }
        if (revoked > roots.Count) logger.LogInformation("Revoked {Count} tokens with their descendants", revoked);
        return revoked;
    }

    /// <summary>Breadth-first from the roots over the (accessor, parent) pairs, then reversed.</summary>
    internal static List<Guid> DeepestFirst(IReadOnlyList<Guid> roots, IReadOnlyList<(Guid Accessor, Guid? Parent)> tree)
    {
        var children = tree.Where(n => n.Parent is not null).ToLookup(n => n.Parent!.Value, n => n.Accessor);
        var present = tree.Select(n => n.Accessor).ToHashSet();
        var visited = new HashSet<Guid>();
        var queue = new Queue<Guid>(roots.Where(r => present.Contains(r) && visited.Add(r)));
        var order = new List<Guid>();
        while (queue.TryDequeue(out var node))
        {
            order.Add(node);
            foreach (var child in children[node])
                if (visited.Add(child)) queue.Enqueue(child);
        }
        order.Reverse();
        return order;
    }
}
