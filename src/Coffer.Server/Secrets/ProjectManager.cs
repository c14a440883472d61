using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Domain;
using Coffer.Server.Policies;

namespace Coffer.Server.Secrets;

/// <summary>
/// Projects, for both surfaces: names are EncStrings under the organization key (the native API encrypts
/// plaintext first; Bitwarden clients send EncStrings). A machine account that creates a project may read and
/// write it, as upstream does — granted in the same transaction as the project is created.
/// </summary>
internal sealed class ProjectManager(ISecretStore store, Authorizer authorizer, TimeProvider time)
{
    /// <summary>Hidden projects read in a row before a visible-projects page gives up and says where to go on (bounds the work).</summary>
    public const int MaxScanned = 10_000;

    public async Task<Project> CreateAsync(Guid organizationId, string encryptedName, Principal creator, CancellationToken cancellationToken)
    {
        var now = StoredTime.Now(time);
        var project = new Project(Guid.NewGuid(), organizationId, encryptedName, now, now);
        var machineAccount = MachineAccountOf(creator);
        if (!await store.InsertProjectAsync(project, machineAccount, now, cancellationToken))
            throw new NotFoundException($"no machine account {machineAccount} in organization {organizationId}");
        return project;
    }

    /// <summary>The project if it is in this organization (404 otherwise).</summary>
    public async Task<Project> FindAsync(Guid organizationId, Guid id, CancellationToken cancellationToken) =>
        await store.GetProjectAsync(id, cancellationToken) is { } found && found.OrganizationId == organizationId
            ? found
            : throw new NotFoundException($"no project {id} in organization {organizationId}");

    /// <summary>The project wherever it is (the Bitwarden surface checks the organization itself), or null.</summary>
    public Task<Project?> GetAsync(Guid id, CancellationToken cancellationToken) => store.GetProjectAsync(id, cancellationToken);

    public async Task<Project> RenameAsync(Project project, string encryptedName, CancellationToken cancellationToken)
    {
        var now = StoredTime.Now(time);
        await store.RenameProjectAsync(project.Id, encryptedName, now, cancellationToken);
        return project with { Name = encryptedName, RevisionDate = now };
    }

    public Task<int> DeleteAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        store.DeleteProjectsAsync(ids, StoredTime.Now(time), cancellationToken);

    /// <summary>Every project a machine account is granted on (the Bitwarden lists and sync answer them all).</summary>
    public Task<IReadOnlyList<Project>> OfMachineAccountAsync(Guid machineAccountId, CancellationToken cancellationToken) =>
        store.ProjectsOfMachineAccountAsync(machineAccountId, cancellationToken);

    /// <summary>
    /// A page of the projects a caller may read. A machine account's grants are filtered in the query; any other
    /// caller's policies are applied while scanning, reading on until the page is full, so a page is empty only
    /// when nothing visible is left — or, to bound the work, after <see cref="MaxScanned"/> hidden projects in a
    /// row (then the next cursor still says where to go on).
    /// </summary>
    public async Task<(IReadOnlyList<Project> Projects, Guid? NextAfter)> ListVisibleAsync(Principal caller, Guid org, Guid? after, int limit,
        CancellationToken cancellationToken)
    {
        if (MachineAccountOf(caller) is { } machineAccount)
        {
            var page = await Page<Project>.ReadAsync(limit, rows => store.ListProjectsOfMachineAccountAsync(org, machineAccount, after, rows, cancellationToken));
            return (page.Items, page.NextAfter(p => p.Id));
        }

        var visible = new List<Project>(limit);
        var cursor = after;
        for (var scanned = 0; scanned < MaxScanned;)
        {
            var batch = await store.ListProjectsAsync(org, cursor, limit + 1, cancellationToken);
            foreach (var project in batch)
            {
                scanned++;
                if ((await authorizer.DecideAsync(caller, SecretPaths.Project(org, project.Id), Operation.Read, false, cancellationToken)).Allowed)
                {
                    // A visible project beyond a full page: there is a next page, and it is not empty.
                    if (visible.Count == limit) return (visible, visible[^1].Id);
                    visible.Add(project);
                }
                cursor = project.Id;
            }
            if (batch.Count <= limit) return (visible, null);
        }
        return (visible, cursor);
    }

    private static Guid? MachineAccountOf(Principal principal) =>
        principal.Kind == PrincipalKind.MachineAccount && Guid.TryParse(principal.EntityId, out var id) ? id : null;
}
