namespace Coffer.Server.Domain;

/// <summary>
/// A refusal decided below the endpoints, in the domain's words: what was wrong and how to fix it, never an
/// HTTP status. Each surface turns these into its own error shape in one place (native: <c>Http.ErrorReport</c>;
/// Bitwarden: <c>BitwardenErrors</c>).
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>The request is malformed or breaks a rule of its fields; <see cref="Field"/> names the field when there is one.</summary>
public sealed class InvalidException(string message, string? field = null) : DomainException(message)
{
    public string? Field { get; } = field;
}

/// <summary>No credential, or one that is unknown, expired or revoked.</summary>
public sealed class UnauthenticatedException(string message) : DomainException(message);

/// <summary>The caller is known but may not do this.</summary>
public sealed class DeniedException(string message) : DomainException(message);

/// <summary>The thing named does not exist (or, where existence must not leak, is not visible to the caller).</summary>
public sealed class NotFoundException(string message) : DomainException(message);

/// <summary>The thing changed meanwhile, or already exists.</summary>
public sealed class ConflictException(string message) : DomainException(message);

/// <summary>Nothing behind the seal can be read: the server holds no keys (sealed, or not initialized).</summary>
public sealed class SealedException(string message) : DomainException(message)
{
    public SealedException() : this("Coffer is sealed: unseal it with `coffer operator unseal` (POST /v1/sys/unseal) before using the API") { }
}
