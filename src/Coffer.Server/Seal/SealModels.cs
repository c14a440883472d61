namespace Coffer.Server.Seal;

public sealed record InitRequest
{
    public required int SecretShares { get; init; }
    public required int SecretThreshold { get; init; }
}

/// <summary>Returned exactly once: the shares and the root token are never stored in usable form.</summary>
public sealed record InitResponse(IReadOnlyList<string> KeysBase64, string RootToken);

public sealed record InitStatus(bool Initialized);

public sealed record UnsealRequest
{
    public string? Key { get; init; }
    public bool? Reset { get; init; }
}

public sealed record SealStatus(
    string Type, bool Initialized, bool Sealed, int T, int N, int Progress, string Nonce, string Version, string StorageType);

/// <summary>The stored seal configuration; readable while sealed except for the encrypted keyring.</summary>
public sealed record SealRecord(
    Guid DeploymentId, string SealType, int Shares, int Threshold, byte[] SealedKeyring, byte[]? WrappedRootKey,
    long KeyringVersion, DateTimeOffset InitializedAt);

public enum SealState { Uninitialized, Sealed, Unsealed }
