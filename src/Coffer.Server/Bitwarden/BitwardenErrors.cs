using Coffer.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Bitwarden;

/// <summary>
/// The Bitwarden surface's error shape (spec §5.4), in one place: {"message": …}, and for a field's mistake
/// upstream's model state {"message": "The model state is invalid.", "validationErrors": {field: [msg]}}. What a
/// machine account may not do is answered as upstream does, as missing (404): a denial must not reveal that the
/// resource exists. Thrown failures under /api take this shape; unmatched paths under /api and /identity too
/// (the identity endpoint answers its own failures in OAuth's shape).
/// </summary>
public sealed class BitwardenErrors : IErrorSurface
{
    public bool Serves(PathString path, bool unmatched) =>
        path.StartsWithSegments("/api") || (unmatched && path.StartsWithSegments("/identity"));

    public Task WriteAsync(HttpContext context, ErrorReport error)
    {
        var status = error.Status == StatusCodes.Status403Forbidden ? StatusCodes.Status404NotFound : error.Status;
        var body = error.Field is { } field && status == StatusCodes.Status400BadRequest
            ? new ErrorResponse("The model state is invalid.", new Dictionary<string, IReadOnlyList<string>> { [field] = [error.Message] })
            : new ErrorResponse(status switch
            {
                StatusCodes.Status401Unauthorized => "Unauthorized.",
                StatusCodes.Status404NotFound => BitwardenResults.NotFoundMessage,
                StatusCodes.Status405MethodNotAllowed => "Method not allowed.",
                _ => error.Message,
            }, null);
        return new BitwardenResult<ErrorResponse>(body, BitwardenJson.Default.ErrorResponse, status).ExecuteAsync(context);
    }
}
