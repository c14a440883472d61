using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Http;

/// <summary>
/// A request Coffer refuses, with the status, a short machine code and a message that says what was
/// wrong and how to fix it. Thrown anywhere below an endpoint; the error middleware writes it.
/// </summary>
public class ApiException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, "invalid-request", message);
    public static ApiException Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, "unauthorized", message);
    public static ApiException Forbidden(string message) => new(StatusCodes.Status403Forbidden, "forbidden", message);
    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, "not-found", message);
    public static ApiException Conflict(string message) => new(StatusCodes.Status409Conflict, "conflict", message);
}

/// <summary>Every API except seal, init and health answers this while the server holds no keys.</summary>
public sealed class SealedException(string message) : ApiException(StatusCodes.Status503ServiceUnavailable, "sealed", message)
{
    public SealedException() : this("Coffer is sealed: unseal it with `coffer operator unseal` (POST /v1/sys/unseal) before using the API") { }
}
