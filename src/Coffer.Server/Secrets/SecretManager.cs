using Coffer.Core.Bitwarden;
using Coffer.Server.Http;

namespace Coffer.Server.Secrets;

/// <summary>A secret's fields both ways: the EncStrings as stored, and the plaintext key and value the server checks and indexes.</summary>
public sealed record SecretInput(string EncryptedKey, string EncryptedValue, string EncryptedNote, string Key, string Value);

/// <summary>
/// The rules of organizations, projects and secrets shared by the native API (plaintext in and out) and
/// the Bitwarden API (EncStrings in and out): organization keys, the key index, and version history —
/// every change of a secret's value keeps the previous version.
/// </summary>
public sealed class SecretManager(ISecretStore store, OrganizationKeys keys, SecretCache cache, TimeProvider time)
{
    public ISecretStore Store => store;
    public OrganizationKeys Keys => keys;

    /// <summary>
    /// The time every write records and answers: the clock truncated to the microseconds storage keeps, so
    /// the dates a create or update answers are the dates later reads give.
    /// </summary>
    public DateTimeOffset Now => Stored(time.GetUtcNow());

    public static DateTimeOffset Stored(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    /// <summary>A secret with its project, through the cache.</summary>
    public async ValueTask<(Secret Secret, Project Project)?> SecretWithProjectAsync(Guid id, CancellationToken cancellationToken)
    {
        if (cache.Find(id) is { } cached) return cached;
        var generation = cache.Generation;
        var found = await store.GetSecretWithProjectAsync(id, cancellationToken);
        if (found is { } entry) cache.Remember(entry, generation);
        return found;
    }

    public async Task<Organization> CreateOrganizationAsync(string name, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var now = Now;
        var organization = new Organization(id, SecretFields.Name(name), keys.Seal(id, SymmetricKey.Generate()), now, now);
        await store.InsertOrganizationAsync(organization, cancellationToken);
        return organization;
    }

    public async Task<Organization> OrganizationAsync(Guid id, CancellationToken cancellationToken) =>
        await store.GetOrganizationAsync(id, cancellationToken) ?? throw ApiException.NotFound($"no organization {id}");

    public async Task<Project> CreateProjectAsync(Guid organizationId, string encryptedName, CancellationToken cancellationToken)
    {
        var now = Now;
        var project = new Project(Guid.NewGuid(), organizationId, encryptedName, now, now);
        await store.InsertProjectAsync(project, cancellationToken);
        return project;
    }

    public async Task<Secret> CreateSecretAsync(Guid organizationId, Guid projectId, SecretInput input, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(organizationId, cancellationToken);
        var now = Now;
        var secret = new Secret(Guid.NewGuid(), organizationId, projectId, input.EncryptedKey, input.EncryptedValue, input.EncryptedNote,
            OrganizationKeys.KeyIndex(key, input.Key), Version: 1, now, now);
        await store.InsertSecretAsync(secret, cancellationToken);
        return secret;
    }

    public async Task<Secret> UpdateSecretAsync(Secret current, Guid projectId, SecretInput input, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(current.OrganizationId, cancellationToken);
        var now = Now;
        var valueChanged = EncString.DecryptToString(key.Key, current.Value) != input.Value;
        var updated = current with
        {
            ProjectId = projectId, Key = input.EncryptedKey, Value = input.EncryptedValue, Note = input.EncryptedNote,
            KeyIndex = OrganizationKeys.KeyIndex(key, input.Key), Version = valueChanged ? current.Version + 1 : current.Version, RevisionDate = now,
        };
        var previous = valueChanged ? new SecretVersion(current.Id, current.Version, current.Key, current.Value, current.Note, current.RevisionDate) : null;
        if (!await store.UpdateSecretAsync(updated, current.Version, previous, cancellationToken))
            throw ApiException.Conflict("the secret was changed by someone else meanwhile; read it again and retry");
        return updated;
    }

    /// <summary>Makes an old version current again; the version it replaces is kept, like any value change.</summary>
    public async Task<Secret> RestoreVersionAsync(Secret current, int version, CancellationToken cancellationToken)
    {
        var old = await store.GetVersionAsync(current.Id, version, cancellationToken)
            ?? throw ApiException.NotFound($"secret {current.Id} has no version {version}");
        var key = await keys.GetAsync(current.OrganizationId, cancellationToken);
        var input = new SecretInput(old.Key, old.Value, old.Note, EncString.DecryptToString(key.Key, old.Key), EncString.DecryptToString(key.Key, old.Value));
        var now = Now;
        var restored = current with
        {
            Key = old.Key, Value = old.Value, Note = old.Note, KeyIndex = OrganizationKeys.KeyIndex(key, input.Key), Version = current.Version + 1, RevisionDate = now,
        };
        var previous = new SecretVersion(current.Id, current.Version, current.Key, current.Value, current.Note, current.RevisionDate);
        if (!await store.UpdateSecretAsync(restored, current.Version, previous, cancellationToken))
            throw ApiException.Conflict("the secret was changed by someone else meanwhile; read it again and retry");
        return restored;
    }

    /// <summary>Plaintext from the native API, encrypted under the organization key as Bitwarden clients would.</summary>
    public async Task<SecretInput> EncryptAsync(Guid organizationId, string key, string value, string note, CancellationToken cancellationToken)
    {
        var open = await keys.GetAsync(organizationId, cancellationToken);
        return new SecretInput(EncString.Encrypt(open.Key, key), EncString.Encrypt(open.Key, value), EncString.Encrypt(open.Key, note), key, value);
    }

    public async Task<string> EncryptAsync(Guid organizationId, string plaintext, CancellationToken cancellationToken) =>
        EncString.Encrypt((await keys.GetAsync(organizationId, cancellationToken)).Key, plaintext);

    public async Task<string> DecryptAsync(Guid organizationId, string encrypted, CancellationToken cancellationToken) =>
        EncString.DecryptToString((await keys.GetAsync(organizationId, cancellationToken)).Key, encrypted);
}
