using Coffer.Core;
using Coffer.Server.Domain;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Http;

/// <summary>
/// A failure as HTTP sees it: status, machine code, message, and the field when one is named. The one place
/// where domain outcomes become statuses; each surface then writes the report in its own shape
/// (<see cref="IErrorSurface"/>).
/// </summary>
public sealed record ErrorReport(int Status, string Code, string Message, string? Field = null)
{
    public static ErrorReport? From(Exception error) => error switch
    {
        InvalidException e => new(StatusCodes.Status400BadRequest, "invalid-request", e.Message, e.Field),
        UnauthenticatedException e => new(StatusCodes.Status401Unauthorized, "unauthorized", e.Message),
        DeniedException e => new(StatusCodes.Status403Forbidden, "forbidden", e.Message),
        NotFoundException e => new(StatusCodes.Status404NotFound, "not-found", e.Message),
        ConflictException e => new(StatusCodes.Status409Conflict, "conflict", e.Message),
        SealedException e => new(StatusCodes.Status503ServiceUnavailable, "sealed", e.Message),
        ApiException e => new(e.Status, e.Code, e.Message),
        CofferFormatException e => new(StatusCodes.Status400BadRequest, "invalid-request", e.Message),
        BadHttpRequestException e when e.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            new(e.StatusCode, "too-large", $"the request body is too large (the limit is {Limits.MaxRequestBodyBytes / 1024} KiB)"),
        BadHttpRequestException e => new(e.StatusCode, "invalid-request", "the request could not be read: " + e.Message),
        _ => null,
    };

    public static ErrorReport Internal { get; } = new(StatusCodes.Status500InternalServerError, "internal",
        "Coffer failed to handle this request; the server log has the details");
}

/// <summary>
/// An API surface whose clients expect their own error shape (the Bitwarden API). Paths no registered surface
/// serves are answered in the native shape.
/// </summary>
public interface IErrorSurface
{
    /// <summary>True when failures on <paramref name="path"/> get this surface's shape; <paramref name="unmatched"/> when no endpoint serves the path.</summary>
    bool Serves(PathString path, bool unmatched);

    Task WriteAsync(HttpContext context, ErrorReport error);
}

public static class Limits
{
    /// <summary>Large enough for any secret (Bitwarden's value limit is 35,000 characters) with room to spare.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;
}
