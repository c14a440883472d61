using System.Globalization;
using Coffer.Server.Domain;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Http;

/// <summary>
/// Native lists on the wire: ?limit= (1–1000, default 100) and ?after= (the last key of the previous page); the
/// answer's next-after is that key when there is more (<see cref="Page{T}"/> cuts the page).
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 100, MaxLimit = 1000;

    public static (int Limit, string? After) Read(HttpRequest request)
    {
        var limit = DefaultLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            throw new InvalidException($"limit: give a whole number from 1 to {MaxLimit}", "limit");
        var after = request.Query["after"].ToString();
        return (limit, after.Length == 0 ? null : after);
    }

    /// <summary>As <see cref="Read"/>, for lists keyed by UUID.</summary>
    public static (int Limit, Guid? After) ReadById(HttpRequest request)
    {
        var (limit, after) = Read(request);
        return (limit, after is null ? null : Guid(after, "after"));
    }

    public static Guid Guid(string text, string field) =>
        System.Guid.TryParse(text, out var value) ? value : throw new InvalidException($"{field}: '{text}' is not a UUID", field);
}
