using Coffer.Server.Tokens;

namespace Coffer.Server.Seal;

public interface ISealStore
{
    Task<SealRecord?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stores the seal and the first root token together; false if already initialized.</summary>
    Task<bool> InitializeAsync(SealRecord record, StoredToken rootToken, CancellationToken cancellationToken);

    /// <summary>Replaces the keyring if its version is still <paramref name="expectedVersion"/>; false if another node won.</summary>
    Task<bool> SaveKeyringAsync(byte[] sealedKeyring, long expectedVersion, CancellationToken cancellationToken);
}
