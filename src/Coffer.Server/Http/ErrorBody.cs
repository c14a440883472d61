namespace Coffer.Server.Http;

/// <summary>
/// The native error shape. It carries both forms the native clients read: Coffer's own
/// {"error", "message"} and Strongbox's {"errors": [{"error-message", "error-info"}]}.
/// </summary>
public sealed record ErrorBody(string Error, string Message, IReadOnlyList<ErrorEntry> Errors)
{
    public static ErrorBody Of(string code, string message) => new(code, message, [new ErrorEntry(message, new ErrorInfo(code))]);
}

public sealed record ErrorEntry(string ErrorMessage, ErrorInfo ErrorInfo);

public sealed record ErrorInfo(string Error);
