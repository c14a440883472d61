using Coffer.Server.Secrets;
using Coffer.Server.MachineAccounts;
using static Coffer.Server.Storage.Sql.SecretRows;

namespace Coffer.Server.Storage.Sql;

internal sealed class SqlSecretStore(Database database) : ISecretStore
{
    public Task InsertOrganizationAsync(Organization o, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => tx.Sql($"INSERT INTO organizations ({OrganizationColumns}) VALUES (@id, @name, @key, @created, @revised)")
            .With("id", o.Id).With("name", o.Name).With("key", o.SealedKey).With("created", UnixTime.ToMicroseconds(o.CreatedAt))
            .With("revised", UnixTime.ToMicroseconds(o.RevisionDate)).RunAsync(cancellationToken), cancellationToken);

    public Task<Organization?> GetOrganizationAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql($"SELECT {OrganizationColumns} FROM organizations WHERE id = @id").With("id", id)
            .SingleOrDefaultAsync(Organization, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Organization>> ListOrganizationsAsync(Guid? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"SELECT {OrganizationColumns} FROM organizations {After(after, "WHERE")} ORDER BY id LIMIT @limit")
            .With("after", after).With("limit", limit).ListAsync(Organization, cancellationToken), cancellationToken);

    public Task<bool> RenameOrganizationAsync(Guid id, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx => await tx.Sql("UPDATE organizations SET name = @name, revision_date = @now WHERE id = @id")
            .With("name", name).With("now", UnixTime.ToMicroseconds(now)).With("id", id).RunAsync(cancellationToken) == 1, cancellationToken);

    public Task<bool> DeleteOrganizationAsync(Guid id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            changes.Add(MachineAccountChanges.Topic, Changes.ChangeFeed.Everything);
            changes.Add(MachineAccountChanges.AccessTokenTopic, Changes.ChangeFeed.Everything);
            changes.Add(SecretCache.Topic, Changes.ChangeFeed.Everything);
            return await tx.Sql("DELETE FROM organizations WHERE id = @id").With("id", id).RunAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task<bool> InsertProjectAsync(Project p, Guid? grantReadWriteTo, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            if (grantReadWriteTo is { } creator && await tx.Sql("SELECT count(*) FROM machine_accounts WHERE id = @ma AND organization_id = @org")
                    .With("ma", creator).With("org", p.OrganizationId).ScalarAsync<long>(cancellationToken) == 0)
                return false;
            await tx.Sql($"INSERT INTO projects ({ProjectColumns}) VALUES (@id, @org, @name, @created, @revised)")
                .With("id", p.Id).With("org", p.OrganizationId).With("name", p.Name).With("created", UnixTime.ToMicroseconds(p.CreatedAt))
                .With("revised", UnixTime.ToMicroseconds(p.RevisionDate)).RunAsync(cancellationToken);
            if (grantReadWriteTo is { } machineAccount)
                await GrantRows.SetAsync(tx, changes, new Grant(machineAccount, p.Id, CanWrite: true), now, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<Project?> GetProjectAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql($"SELECT {ProjectColumns} FROM projects WHERE id = @id").With("id", id)
            .SingleOrDefaultAsync(Project, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Project>> ListProjectsAsync(Guid organizationId, Guid? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"SELECT {ProjectColumns} FROM projects WHERE organization_id = @org {After(after, "AND")} ORDER BY id LIMIT @limit")
            .With("org", organizationId).With("after", after).With("limit", limit).ListAsync(Project, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Project>> ProjectsOfMachineAccountAsync(Guid machineAccountId, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"SELECT {Prefixed("p", ProjectColumns)} FROM projects p JOIN machine_account_grants g ON g.project_id = p.id WHERE g.machine_account_id = @ma ORDER BY p.id")
            .With("ma", machineAccountId).ListAsync(Project, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Project>> ListProjectsOfMachineAccountAsync(Guid organizationId, Guid machineAccountId, Guid? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"""
                SELECT {Prefixed("p", ProjectColumns)} FROM machine_account_grants g JOIN projects p ON p.id = g.project_id
                WHERE g.machine_account_id = @ma AND p.organization_id = @org {(after is null ? "" : "AND g.project_id > @after")} ORDER BY g.project_id LIMIT @limit
                """)
            .With("ma", machineAccountId).With("org", organizationId).With("after", after).With("limit", limit).ListAsync(Project, cancellationToken), cancellationToken);

    public Task<bool> RenameProjectAsync(Guid id, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            changes.Add(SecretCache.Topic, Changes.ChangeFeed.Everything);
            var renamed = await tx.Sql("UPDATE projects SET name = @name, revision_date = @now WHERE id = @id")
                .With("name", name).With("now", UnixTime.ToMicroseconds(now)).With("id", id).RunAsync(cancellationToken) == 1;
            await BumpMachineAccountsAsync(tx, "@project", c => c.With("project", id), now, cancellationToken);
            return renamed;
        }, cancellationToken);

    public Task<int> DeleteProjectsAsync(IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken) =>
        ids.Count == 0 ? Task.FromResult(0) : database.WriteAsync(async (tx, changes) =>
        {
            var list = SqlLists.Parameters("p", ids.Count);
            await BumpMachineAccountsAsync(tx, list, c => c.WithList("p", ids), now, cancellationToken);
            changes.Add(MachineAccountChanges.Topic, Changes.ChangeFeed.Everything);
            changes.Add(SecretCache.Topic, Changes.ChangeFeed.Everything);
            return await tx.Sql($"DELETE FROM projects WHERE id IN ({list})").WithList("p", ids).RunAsync(cancellationToken);
        }, cancellationToken);

    public Task InsertSecretAsync(Secret s, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx =>
        {
            await tx.Sql($"INSERT INTO secrets ({SecretColumns}) VALUES (@id, @org, @project, @key, @value, @note, @index, @version, @created, @revised)")
                .With("id", s.Id).With("org", s.OrganizationId).With("project", s.ProjectId).With("key", s.Key).With("value", s.Value)
                .With("note", s.Note).With("index", s.KeyIndex).With("version", s.Version).With("created", UnixTime.ToMicroseconds(s.CreatedAt))
                .With("revised", UnixTime.ToMicroseconds(s.RevisionDate)).RunAsync(cancellationToken);
            // No machine-account bump: sync finds new and changed secrets by their own revision date.
        }, cancellationToken);

    public Task<Secret?> GetSecretAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql($"SELECT {SecretColumns} FROM secrets WHERE id = @id").With("id", id)
            .SingleOrDefaultAsync(Secret, cancellationToken), cancellationToken);

    public async Task<(Secret Secret, Project Project)?> GetSecretWithProjectAsync(Guid id, CancellationToken cancellationToken)
    {
        var rows = await database.ReadAsync(c => c.Sql($"SELECT {Prefixed("s", SecretColumns)}, {Prefixed("p", ProjectColumns)} FROM secrets s JOIN projects p ON p.id = s.project_id WHERE s.id = @id")
            .With("id", id).ListAsync(r => (Secret(r), ProjectAt(r, 10)), cancellationToken), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<Secret>> GetSecretsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : await database.ReadAsync(c => c.Sql($"SELECT {SecretColumns} FROM secrets WHERE id IN ({SqlLists.Parameters("s", ids.Count)})")
            .WithList("s", ids).ListAsync(Secret, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Secret>> ListSecretsAsync(Guid projectId, Guid? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"SELECT {SecretColumns} FROM secrets WHERE project_id = @project {After(after, "AND")} ORDER BY id LIMIT @limit")
            .With("project", projectId).With("after", after).With("limit", limit).ListAsync(Secret, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Secret>> FindSecretsByKeyAsync(Guid projectId, byte[] keyIndex, Guid? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"SELECT {SecretColumns} FROM secrets WHERE project_id = @project AND key_index = @index {After(after, "AND")} ORDER BY id LIMIT @limit")
            .With("project", projectId).With("index", keyIndex).With("after", after).With("limit", limit).ListAsync(Secret, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Secret>> SecretsOfMachineAccountAsync(Guid machineAccountId, Guid? projectId, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"""
                SELECT {Prefixed("s", SecretColumns)} FROM secrets s JOIN machine_account_grants g ON g.project_id = s.project_id
                WHERE g.machine_account_id = @ma {(projectId is null ? "" : "AND s.project_id = @project")} ORDER BY s.id
                """)
            .With("ma", machineAccountId).With("project", projectId).ListAsync(Secret, cancellationToken), cancellationToken);

    public async Task<bool> SecretChangedSinceAsync(Guid machineAccountId, DateTimeOffset since, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql("""
                SELECT count(*) FROM machine_account_grants g
                WHERE g.machine_account_id = @ma AND EXISTS (SELECT 1 FROM secrets s WHERE s.project_id = g.project_id AND s.revision_date >= @since)
                """)
            .With("ma", machineAccountId).With("since", UnixTime.ToMicroseconds(since)).ScalarAsync<long>(cancellationToken), cancellationToken) > 0;

    public Task<bool> UpdateSecretAsync(Secret s, int expectedVersion, SecretVersion? previous, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            changes.Add(SecretCache.Topic, s.Id.ToString());
            var oldProject = await tx.Sql("SELECT project_id FROM secrets WHERE id = @id AND version = @expected")
                .With("id", s.Id).With("expected", expectedVersion).ListAsync(r => r.GetGuid(0), cancellationToken);
            if (oldProject.Count == 0) return false;
            if (previous is not null)
                await tx.Sql($"INSERT INTO secret_versions ({VersionColumns}) VALUES (@id, @version, @key, @value, @note, @created)")
                    .With("id", previous.SecretId).With("version", previous.Version).With("key", previous.Key).With("value", previous.Value)
                    .With("note", previous.Note).With("created", UnixTime.ToMicroseconds(previous.CreatedAt)).RunAsync(cancellationToken);
            await tx.Sql("""
                UPDATE secrets SET project_id = @project, key = @key, value = @value, note = @note, key_index = @index, version = @version, revision_date = @revised
                WHERE id = @id
                """)
                .With("project", s.ProjectId).With("key", s.Key).With("value", s.Value).With("note", s.Note).With("index", s.KeyIndex)
                .With("version", s.Version).With("revised", UnixTime.ToMicroseconds(s.RevisionDate)).With("id", s.Id).RunAsync(cancellationToken);
            // Sync sees the change through the secret's revision date, except where the secret left: bump those accounts.
            if (oldProject[0] != s.ProjectId)
                await BumpMachineAccountsAsync(tx, "@old", c => c.With("old", oldProject[0]), s.RevisionDate, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<int> DeleteSecretsAsync(IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken) =>
        ids.Count == 0 ? Task.FromResult(0) : database.WriteAsync(async (tx, changes) =>
        {
            foreach (var id in ids) changes.Add(SecretCache.Topic, id.ToString());
            var list = SqlLists.Parameters("s", ids.Count);
            await BumpMachineAccountsAsync(tx, $"SELECT project_id FROM secrets WHERE id IN ({list})", c => c.WithList("s", ids), now, cancellationToken);
            return await tx.Sql($"DELETE FROM secrets WHERE id IN ({list})").WithList("s", ids).RunAsync(cancellationToken);
        }, cancellationToken);

    public async Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(Guid secretId, int? before, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"SELECT {VersionColumns} FROM secret_versions WHERE secret_id = @id {(before is null ? "" : "AND version < @before")} ORDER BY version DESC LIMIT @limit")
            .With("id", secretId).With("before", before).With("limit", limit).ListAsync(Version, cancellationToken), cancellationToken);

    public Task<SecretVersion?> GetVersionAsync(Guid secretId, int version, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql($"SELECT {VersionColumns} FROM secret_versions WHERE secret_id = @id AND version = @version")
            .With("id", secretId).With("version", version).SingleOrDefaultAsync(Version, cancellationToken), cancellationToken);

    private static string After(Guid? after, string keyword) => after is null ? "" : $"{keyword} id > @after";

    private static string Prefixed(string alias, string columns) => string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));
}
