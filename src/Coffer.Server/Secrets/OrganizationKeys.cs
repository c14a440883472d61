using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Bitwarden;
using Coffer.Server.Domain;
using Coffer.Server.Seal;

namespace Coffer.Server.Secrets;

/// <summary>A secret's fields both ways: the EncStrings as stored, and the plaintext key and value the server checks and indexes.</summary>
public sealed record SecretInput(string EncryptedKey, string EncryptedValue, string EncryptedNote, string Key, string Value);

/// <summary>
/// Organization keys, opened from the keyring on first use and kept while unsealed (they never change,
/// so the cache needs no invalidation across nodes); dropped the moment the server seals. Everything
/// stored under an organization key (names, secret fields) is encrypted and decrypted here, and each
/// organization's key-index key, which finds secrets by name, is derived here.
/// </summary>
internal sealed class OrganizationKeys
{
    private readonly ISecretStore _store;
    private readonly SealManager _seal;
    private readonly ConcurrentDictionary<Guid, OpenKey> _open = new();

    public OrganizationKeys(ISecretStore store, SealManager seal)
    {
        (_store, _seal) = (store, seal);
        seal.StateChanged += state => { if (state != SealState.Unsealed) _open.Clear(); };
    }

    public sealed record OpenKey(SymmetricKey Key, byte[] IndexKey);

    public byte[] Seal(Guid organizationId, SymmetricKey key) => _seal.Keyring.Encrypt(key.Bytes, Context(organizationId));

    public async ValueTask<OpenKey> GetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue(organizationId, out var open)) return open;
        var organization = await _store.GetOrganizationAsync(organizationId, cancellationToken)
            ?? throw new NotFoundException($"no organization {organizationId}");
        return Open(organization);
    }

    private OpenKey Open(Organization organization) => _open.GetOrAdd(organization.Id, _ =>
    {
        var key = new SymmetricKey(_seal.Keyring.Decrypt(organization.SealedKey, Context(organization.Id)));
        var indexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.MacKey.ToArray(), 32, info: "coffer-secret-key-index"u8.ToArray());
        return new OpenKey(key, indexKey);
    });

    /// <summary>Equal plaintext keys give equal indexes within an organization, and nothing readable.</summary>
    public static byte[] KeyIndex(OpenKey key, string plaintextKey) => HMACSHA256.HashData(key.IndexKey, Encoding.UTF8.GetBytes(plaintextKey));

    /// <summary>Plaintext from the native API, encrypted under the organization key as Bitwarden clients would.</summary>
    public async Task<SecretInput> EncryptAsync(Guid organizationId, string key, string value, string note, CancellationToken cancellationToken)
    {
        var open = await GetAsync(organizationId, cancellationToken);
        return new SecretInput(EncString.Encrypt(open.Key, key), EncString.Encrypt(open.Key, value), EncString.Encrypt(open.Key, note), key, value);
    }

    public async Task<string> EncryptAsync(Guid organizationId, string plaintext, CancellationToken cancellationToken) =>
        EncString.Encrypt((await GetAsync(organizationId, cancellationToken)).Key, plaintext);

    public async Task<string> DecryptAsync(Guid organizationId, string encrypted, CancellationToken cancellationToken) =>
        EncString.DecryptToString((await GetAsync(organizationId, cancellationToken)).Key, encrypted);

    private static string Context(Guid organizationId) => $"organizations/key/{organizationId}";
}
