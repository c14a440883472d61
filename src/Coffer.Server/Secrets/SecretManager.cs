using Coffer.Core.Bitwarden;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Domain;
using Coffer.Server.Policies;

namespace Coffer.Server.Secrets;

/// <summary>
/// The rules of secrets, shared by the native API (plaintext in and out, encrypted by <see cref="OrganizationKeys"/>)
/// and the Bitwarden API (EncStrings in and out): the key index, moves between projects, and version history —
/// every change of a secret's value keeps the previous version.
/// </summary>
internal sealed class SecretManager(ISecretStore store, OrganizationKeys keys, SecretCache cache, ProjectManager projects, Authorizer authorizer, TimeProvider time)
{
    /// <summary>A secret with its project, through the cache.</summary>
    public ValueTask<(Secret Secret, Project Project)?> SecretWithProjectAsync(Guid id, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(id, store.GetSecretWithProjectAsync, cancellationToken);

    /// <summary>The secret if it is in this project of this organization (404 otherwise).</summary>
    public async Task<Secret> FindAsync(Guid org, Guid project, Guid id, CancellationToken cancellationToken) =>
        await store.GetSecretAsync(id, cancellationToken) is { } found && found.OrganizationId == org && found.ProjectId == project
            ? found
            : throw new NotFoundException($"no secret {id} in project {project}");

    /// <summary>The secrets with these ids that exist (any organization: the caller checks).</summary>
    public Task<IReadOnlyList<Secret>> GetManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) => store.GetSecretsAsync(ids, cancellationToken);

    /// <summary>A page of a project's secrets, all of them or those whose key is <paramref name="key"/>.</summary>
    public async Task<Page<Secret>> ListAsync(Guid org, Guid project, string? key, Guid? after, int limit, CancellationToken cancellationToken)
    {
        if (key is null) return await Page<Secret>.ReadAsync(limit, rows => store.ListSecretsAsync(project, after, rows, cancellationToken));
        var index = OrganizationKeys.KeyIndex(await keys.GetAsync(org, cancellationToken), key);
        return await Page<Secret>.ReadAsync(limit, rows => store.FindSecretsByKeyAsync(project, index, after, rows, cancellationToken));
    }

    /// <summary>Every secret a machine account is granted (in one project, or in all).</summary>
    public Task<IReadOnlyList<Secret>> OfMachineAccountAsync(Guid machineAccountId, Guid? projectId, CancellationToken cancellationToken) =>
        store.SecretsOfMachineAccountAsync(machineAccountId, projectId, cancellationToken);

    /// <summary>Whether a secret the machine account is granted was created or changed at or after <paramref name="since"/>.</summary>
    public Task<bool> ChangedSinceAsync(Guid machineAccountId, DateTimeOffset since, CancellationToken cancellationToken) =>
        store.SecretChangedSinceAsync(machineAccountId, since, cancellationToken);

    public async Task<Secret> CreateAsync(Guid organizationId, Guid projectId, SecretInput input, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(organizationId, cancellationToken);
        var now = StoredTime.Now(time);
        var secret = new Secret(Guid.NewGuid(), organizationId, projectId, input.EncryptedKey, input.EncryptedValue, input.EncryptedNote,
            OrganizationKeys.KeyIndex(key, input.Key), Version: 1, now, now);
        await store.InsertSecretAsync(secret, cancellationToken);
        return secret;
    }

    /// <summary>
    /// Replaces the fields; a new value keeps the old one as a version. A secret moves only to a project in its own
    /// organization where the caller may create secrets (404 if there is no such project, denied if the caller may not).
    /// </summary>
    public async Task<Secret> UpdateAsync(Principal caller, Secret current, Guid projectId, SecretInput input, CancellationToken cancellationToken)
    {
        if (projectId != current.ProjectId)
        {
            var target = await projects.FindAsync(current.OrganizationId, projectId, cancellationToken);
            await authorizer.RequireAsync(caller, SecretPaths.Secrets(target.OrganizationId, target.Id), Operation.Create, cancellationToken);
        }
        var key = await keys.GetAsync(current.OrganizationId, cancellationToken);
        var valueChanged = EncString.DecryptToString(key.Key, current.Value) != input.Value;
        var updated = current with
        {
            ProjectId = projectId, Key = input.EncryptedKey, Value = input.EncryptedValue, Note = input.EncryptedNote,
            KeyIndex = OrganizationKeys.KeyIndex(key, input.Key), Version = valueChanged ? current.Version + 1 : current.Version, RevisionDate = StoredTime.Now(time),
        };
        return await SaveAsync(current, updated, keepPrevious: valueChanged, cancellationToken);
    }

    /// <summary>Makes an old version current again; the version it replaces is kept, like any value change.</summary>
    public async Task<Secret> RestoreVersionAsync(Secret current, int version, CancellationToken cancellationToken)
    {
        var old = await store.GetVersionAsync(current.Id, version, cancellationToken)
            ?? throw new NotFoundException($"secret {current.Id} has no version {version}");
        var key = await keys.GetAsync(current.OrganizationId, cancellationToken);
        var restored = current with
        {
            Key = old.Key, Value = old.Value, Note = old.Note, KeyIndex = OrganizationKeys.KeyIndex(key, EncString.DecryptToString(key.Key, old.Key)),
            Version = current.Version + 1, RevisionDate = StoredTime.Now(time),
        };
        return await SaveAsync(current, restored, keepPrevious: true, cancellationToken);
    }

    /// <summary>A page of a secret's previous versions, newest first, before version <paramref name="before"/>.</summary>
    public Task<Page<SecretVersion>> VersionsAsync(Secret secret, int? before, int limit, CancellationToken cancellationToken) =>
        Page<SecretVersion>.ReadAsync(limit, rows => store.ListVersionsAsync(secret.Id, before, rows, cancellationToken));

    public Task<int> DeleteAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        store.DeleteSecretsAsync(ids, StoredTime.Now(time), cancellationToken);

    private async Task<Secret> SaveAsync(Secret current, Secret updated, bool keepPrevious, CancellationToken cancellationToken)
    {
        var previous = keepPrevious ? new SecretVersion(current.Id, current.Version, current.Key, current.Value, current.Note, current.RevisionDate) : null;
        if (!await store.UpdateSecretAsync(updated, current.Version, previous, cancellationToken))
            throw new ConflictException("the secret was changed by someone else meanwhile; read it again and retry");
        return updated;
    }
}
