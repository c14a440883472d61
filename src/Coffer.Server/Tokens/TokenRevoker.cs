using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tokens;

/// <summary>
/// Revokes a token and all its descendants: children first (deepest first), one transaction per batch,
/// so no child ever outlives its parent even if revocation stops halfway. Cycles in a corrupted parent
/// index end the walk. Children created under the tree while it is being revoked are caught afterwards.
/// </summary>
public sealed class TokenRevoker(ITokenStore store, TokenSettings settings, ILogger<TokenRevoker> logger)
{
    public async Task<int> RevokeTreeAsync(Guid root, CancellationToken cancellationToken)
    {
        var revoked = 0;
        var pending = new Queue<Guid>([root]);
        var seen = new HashSet<Guid>();
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next)) continue;
            var order = DeepestFirst(next, await store.SubtreeAsync(next, cancellationToken));
            foreach (var batch in order.Chunk(settings.RevocationBatch))
            {
                revoked += await store.DeleteAsync(batch, cancellationToken);
                // A child created under this batch after the walk would be stranded: revoke it too.
                foreach (var straggler in await store.ChildrenOfAsync(batch, cancellationToken)) pending.Enqueue(straggler);
            }
        }
        if (revoked > 1) logger.LogInformation("Revoked a token tree of {Count} tokens", revoked);
        return revoked;
    }

    /// <summary>Breadth-first from the root over the (accessor, parent) pairs, then reversed.</summary>
    internal static List<Guid> DeepestFirst(Guid root, IReadOnlyList<(Guid Accessor, Guid? Parent)> tree)
    {
        var children = tree.Where(n => n.Parent is not null).ToLookup(n => n.Parent!.Value, n => n.Accessor);
        var order = new List<Guid>();
        if (tree.All(n => n.Accessor != root)) return order;
        var visited = new HashSet<Guid> { root };
        var queue = new Queue<Guid>([root]);
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
