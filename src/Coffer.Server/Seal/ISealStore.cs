using Coffer.Core.Barrier;

namespace Coffer.Server.Seal;

/// <summary>The stored seal configuration and keyring; reached only through <see cref="SealManager"/>.</summary>
internal interface ISealStore
{
    Task<SealRecord?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the seal and, in the same transaction, the first root token (<paramref name="rootToken"/>, kept only as
    /// its verifier under <paramref name="keyring"/>); false if already initialized.
    /// </summary>
    Task<bool> InitializeAsync(SealRecord record, Keyring keyring, string rootToken, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Replaces the keyring if its version is still <paramref name="expectedVersion"/>; false if another node won.</summary>
    Task<bool> SaveKeyringAsync(byte[] sealedKeyring, long expectedVersion, CancellationToken cancellationToken);
}

/// <summary>Change-feed topic: the keyring changed (another node added a named secret); every node reloads it.</summary>
public static class SealChanges
{
    public const string KeyringTopic = "keyring";
}
