namespace Coffer.Server.Domain;

/// <summary>
/// One page of a keyset-paginated list. Every list reads one row more than it shows: that row's existence is
/// <see cref="HasMore"/>, so the next page is asked for only when there is one.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, bool HasMore)
{
    /// <summary>Reads up to <paramref name="limit"/> rows with <paramref name="fetch"/> (given limit + 1) and cuts the page.</summary>
    public static async Task<Page<T>> ReadAsync(int limit, Func<int, Task<IReadOnlyList<T>>> fetch)
    {
        var rows = await fetch(limit + 1);
        return rows.Count > limit ? new Page<T>(rows.Take(limit).ToList(), HasMore: true) : new Page<T>(rows, HasMore: false);
    }

    /// <summary>The cursor of the next page: the key of this page's last item when there is more, else null.</summary>
    public TKey? NextAfter<TKey>(Func<T, TKey> key) where TKey : struct => HasMore ? key(Items[^1]) : null;

    /// <summary>As <see cref="NextAfter{TKey}"/>, for text keys (names).</summary>
    public string? NextAfterName(Func<T, string> key) => HasMore ? key(Items[^1]) : null;
}
