using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Http;

/// <summary>Native lists: ?limit= (1–1000, default 100) and ?after= (the last key of the previous page).</summary>
public static class Paging
{
    public const int DefaultLimit = 100, MaxLimit = 1000;

    public static (int Limit, string? After) Read(HttpRequest request)
    {
        var limit = DefaultLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            throw ApiException.BadRequest($"limit: give a whole number from 1 to {MaxLimit}");
        var after = request.Query["after"].ToString();
        return (limit, after.Length == 0 ? null : after);
    }

    public static Guid Guid(string text, string field) =>
        System.Guid.TryParse(text, out var value) ? value : throw ApiException.BadRequest($"{field}: '{text}' is not a UUID");
}
