namespace Coffer.Server.Tokens;

/// <summary>Dumb persistence for tokens; the rules live in the token manager.</summary>
public interface ITokenStore
{
    Task InsertAsync(StoredToken token, CancellationToken cancellationToken);

    Task<StoredToken?> FindByVerifierAsync(byte[] verifier, CancellationToken cancellationToken);
}
