using Coffer.Server.Domain;
using Coffer.Server.Secrets;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// Machine accounts and their project grants. A grant is read or read-write on one project of the machine
/// account's own organization; every change of grants moves the machine account's revision date (Bitwarden sync).
/// </summary>
internal sealed class MachineAccountManager(IMachineAccountStore store, ProjectManager projects, SecretManager secrets, OrganizationKeys keys, TimeProvider time)
{
    public async Task<MachineAccount> CreateAsync(Guid organizationId, string? name, CancellationToken cancellationToken)
    {
        var now = StoredTime.Now(time);
        var account = new MachineAccount(Guid.NewGuid(), organizationId, await keys.EncryptAsync(organizationId, SecretFields.Name(name), cancellationToken), now, now);
        await store.InsertAsync(account, cancellationToken);
        return account;
    }

    public async Task<MachineAccount> GetAsync(Guid organizationId, Guid id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } account && account.OrganizationId == organizationId
            ? account
            : throw new NotFoundException($"no machine account {id} in organization {organizationId}");

    public Task<Page<MachineAccount>> ListAsync(Guid organizationId, Guid? after, int limit, CancellationToken cancellationToken) =>
        Page<MachineAccount>.ReadAsync(limit, rows => store.ListAsync(organizationId, after, rows, cancellationToken));

    public async Task<MachineAccount> RenameAsync(MachineAccount account, string? name, CancellationToken cancellationToken)
    {
        var encrypted = await keys.EncryptAsync(account.OrganizationId, SecretFields.Name(name), cancellationToken);
        var now = StoredTime.Now(time);
        await store.RenameAsync(account.Id, encrypted, now, cancellationToken);
        return account with { Name = encrypted, RevisionDate = now };
    }

    /// <summary>Deletes the machine account with its grants and access tokens (revoked on every node at once).</summary>
    public Task DeleteAsync(MachineAccount account, CancellationToken cancellationToken) => store.DeleteAsync(account.Id, cancellationToken);

    public Task<Page<Grant>> ListGrantsAsync(MachineAccount account, Guid? after, int limit, CancellationToken cancellationToken) =>
        Page<Grant>.ReadAsync(limit, rows => store.ListGrantsAsync(account.Id, after, rows, cancellationToken));

    /// <summary>Every grant of a machine account, by project (the Bitwarden lists answer read and write per project).</summary>
    public async Task<IReadOnlyDictionary<Guid, Grant>> GrantsByProjectAsync(Guid machineAccountId, CancellationToken cancellationToken) =>
        (await store.GrantsAsync(machineAccountId, cancellationToken)).ToDictionary(g => g.ProjectId);

    public async Task SetGrantAsync(MachineAccount account, Guid projectId, bool canWrite, CancellationToken cancellationToken)
    {
        if (await projects.GetAsync(projectId, cancellationToken) is not { } project || project.OrganizationId != account.OrganizationId)
            throw new NotFoundException($"no project {projectId} in the machine account's organization");
        await store.SetGrantAsync(new Grant(account.Id, projectId, canWrite), StoredTime.Now(time), cancellationToken);
    }

    public async Task RemoveGrantAsync(MachineAccount account, Guid projectId, CancellationToken cancellationToken)
    {
        if (!await store.RemoveGrantAsync(account.Id, projectId, StoredTime.Now(time), cancellationToken))
            throw new NotFoundException($"machine account {account.Id} has no grant on project {projectId}");
    }

    /// <summary>
    /// Whether a machine account's view changed since the client's last sync (spec §5.3): its revision date (grants,
    /// projects, secrets moved away or deleted) or any granted secret's revision date is not older than
    /// <paramref name="since"/>. Without a last sync everything is new.
    /// </summary>
    public async Task<bool> ChangedSinceAsync(Guid machineAccountId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var account = await store.GetAsync(machineAccountId, cancellationToken) ?? throw new NotFoundException($"no machine account {machineAccountId}");
        return since is not { } last || last <= account.RevisionDate || await secrets.ChangedSinceAsync(machineAccountId, last, cancellationToken);
    }
}
