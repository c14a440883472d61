using Coffer.Core.Bitwarden;
using Coffer.Server.Domain;

namespace Coffer.Server.Secrets;

/// <summary>Organizations: each is created with its own organization key (sealed by the keyring); deleting one deletes everything in it.</summary>
internal sealed class OrganizationManager(ISecretStore store, OrganizationKeys keys, TimeProvider time)
{
    public async Task<Organization> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var now = StoredTime.Now(time);
        var organization = new Organization(id, SecretFields.Name(name), keys.Seal(id, SymmetricKey.Generate()), now, now);
        await store.InsertOrganizationAsync(organization, cancellationToken);
        return organization;
    }

    public async Task<Organization> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await store.GetOrganizationAsync(id, cancellationToken) ?? throw NotFound(id);

    public Task<Page<Organization>> ListAsync(Guid? after, int limit, CancellationToken cancellationToken) =>
        Page<Organization>.ReadAsync(limit, rows => store.ListOrganizationsAsync(after, rows, cancellationToken));

    public async Task<Organization> RenameAsync(Guid id, string? name, CancellationToken cancellationToken)
    {
        if (!await store.RenameOrganizationAsync(id, SecretFields.Name(name), StoredTime.Now(time), cancellationToken)) throw NotFound(id);
        return await GetAsync(id, cancellationToken);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await store.DeleteOrganizationAsync(id, cancellationToken)) throw NotFound(id);
    }

    private static NotFoundException NotFound(Guid id) => new($"no organization {id}");
}
