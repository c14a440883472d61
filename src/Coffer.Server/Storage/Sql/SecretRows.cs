using System.Data.Common;
using Coffer.Server.Secrets;

namespace Coffer.Server.Storage.Sql;

/// <summary>Row mapping for organizations, projects, secrets and versions, and the revision bump that sync relies on.</summary>
internal static class SecretRows
{
    public const string OrganizationColumns = "id, name, sealed_key, created_at, revision_date";
    public const string ProjectColumns = "id, organization_id, name, created_at, revision_date";
    public const string SecretColumns = "id, organization_id, project_id, key, value, note, key_index, version, created_at, revision_date";
    public const string VersionColumns = "secret_id, version, key, value, note, created_at";

    public static Organization Organization(DbDataReader r) =>
        new(r.GetGuid(0), r.GetString(1), (byte[])r.GetValue(2), UnixTime.FromMicroseconds(r.GetInt64(3)), UnixTime.FromMicroseconds(r.GetInt64(4)));

    public static Project Project(DbDataReader r) => ProjectAt(r, 0);

    /// <summary>A project's columns starting at <paramref name="first"/> (after another table's in a join).</summary>
    public static Project ProjectAt(DbDataReader r, int first) =>
        new(r.GetGuid(first), r.GetGuid(first + 1), r.GetString(first + 2), UnixTime.FromMicroseconds(r.GetInt64(first + 3)), UnixTime.FromMicroseconds(r.GetInt64(first + 4)));

    public static Secret Secret(DbDataReader r) =>
        new(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5), (byte[])r.GetValue(6), r.GetInt32(7),
            UnixTime.FromMicroseconds(r.GetInt64(8)), UnixTime.FromMicroseconds(r.GetInt64(9)));

    public static SecretVersion Version(DbDataReader r) =>
        new(r.GetGuid(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), UnixTime.FromMicroseconds(r.GetInt64(5)));

    /// <summary>Machine accounts granted on these projects see a change: their revision date moves (Bitwarden sync).</summary>
    public static Task BumpMachineAccountsAsync(DbTransaction tx, string projectFilter, Action<DbCommand> bind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var command = tx.Sql($"UPDATE machine_accounts SET revision_date = @bump_now WHERE id IN (SELECT machine_account_id FROM machine_account_grants WHERE project_id IN ({projectFilter}))")
            .With("bump_now", UnixTime.ToMicroseconds(now));
        bind(command);
        return command.RunAsync(cancellationToken);
    }
}
