namespace Coffer.Server.Secrets;

/// <summary>A tenant. Its 64-byte organization key is kept encrypted by the keyring.</summary>
public sealed record Organization(Guid Id, string Name, byte[] SealedKey, DateTimeOffset CreatedAt, DateTimeOffset RevisionDate);

/// <summary>A group of secrets; <see cref="Name"/> is an EncString under the organization key.</summary>
public sealed record Project(Guid Id, Guid OrganizationId, string Name, DateTimeOffset CreatedAt, DateTimeOffset RevisionDate);

/// <summary>
/// A secret in exactly one project. Key, value and note are EncStrings under the organization key, exactly
/// as Bitwarden clients send them; <see cref="KeyIndex"/> finds it by name without revealing the name.
/// </summary>
public sealed record Secret(
    Guid Id, Guid OrganizationId, Guid ProjectId, string Key, string Value, string Note, byte[] KeyIndex, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset RevisionDate);

/// <summary>A previous state of a secret, kept when its value changed.</summary>
public sealed record SecretVersion(Guid SecretId, int Version, string Key, string Value, string Note, DateTimeOffset CreatedAt);
