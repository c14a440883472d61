namespace Coffer.Server.Http;

/// <summary>
/// A refusal that only the HTTP plumbing can make (an unsupported media type): its status and code are the
/// protocol's own. Everything below the endpoints throws domain errors instead (<see cref="Domain.DomainException"/>).
/// </summary>
public sealed class ApiException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}
