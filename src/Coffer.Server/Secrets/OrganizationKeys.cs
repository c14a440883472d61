using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Bitwarden;
using Coffer.Server.Http;
using Coffer.Server.Seal;

namespace Coffer.Server.Secrets;

/// <summary>
/// Organization keys, opened from the keyring on first use and kept while unsealed (they never change,
/// so the cache needs no invalidation across nodes); dropped the moment the server seals.
/// Also derives each organization's key-index key, which finds secrets by name.
/// </summary>
public sealed class OrganizationKeys
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
            ?? throw ApiException.NotFound($"no organization {organizationId}");
        return Open(organization);
    }

    public OpenKey Open(Organization organization) => _open.GetOrAdd(organization.Id, _ =>
    {
        var key = new SymmetricKey(_seal.Keyring.Decrypt(organization.SealedKey, Context(organization.Id)));
        var indexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.MacKey.ToArray(), 32, info: "coffer-secret-key-index"u8.ToArray());
        return new OpenKey(key, indexKey);
    });

    /// <summary>Equal plaintext keys give equal indexes within an organization, and nothing readable.</summary>
    public static byte[] KeyIndex(OpenKey key, string plaintextKey) => HMACSHA256.HashData(key.IndexKey, Encoding.UTF8.GetBytes(plaintextKey));

    private static string Context(Guid organizationId) => $"organizations/key/{organizationId}";
}
