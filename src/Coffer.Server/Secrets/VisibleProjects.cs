using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Policies;

namespace Coffer.Server.Secrets;

/// <summary>
/// A page of the projects a caller may read. A machine account's grants are filtered in the query; any
/// other caller's policies are applied while scanning, reading on until the page is full, so a page is
/// empty only when nothing visible is left — or, to bound the work, after <see cref="MaxScanned"/> hidden
/// projects in a row (then next-after still says where to go on).
/// </summary>
public static class VisibleProjects
{
    public const int MaxScanned = 10_000;

    public sealed record Page(IReadOnlyList<Project> Projects, Guid? NextAfter);

    public static async Task<Page> ReadAsync(SecretManager secrets, Authorizer authorizer, Principal caller, Guid org, Guid? after, int limit,
        CancellationToken cancellationToken)
    {
        if (caller.Kind == PrincipalKind.MachineAccount && Guid.TryParse(caller.EntityId, out var machineAccount))
        {
            var page = await secrets.Store.ListProjectsOfMachineAccountAsync(org, machineAccount, after, limit + 1, cancellationToken);
            return new Page(page.Take(limit).ToList(), page.Count > limit ? page[limit - 1].Id : null);
        }

        var visible = new List<Project>(limit);
        var cursor = after;
        for (var scanned = 0; scanned < MaxScanned;)
        {
            var batch = await secrets.Store.ListProjectsAsync(org, cursor, limit + 1, cancellationToken);
            foreach (var project in batch)
            {
                scanned++;
                if ((await authorizer.DecideAsync(caller, ProjectEndpoints.Path(org, project.Id), Operation.Read, false, cancellationToken)).Allowed)
                {
                    // A visible project beyond a full page: there is a next page, and it is not empty.
                    if (visible.Count == limit) return new Page(visible, visible[^1].Id);
                    visible.Add(project);
                }
                cursor = project.Id;
            }
            if (batch.Count <= limit) return new Page(visible, null);
        }
        return new Page(visible, cursor);
    }
}
