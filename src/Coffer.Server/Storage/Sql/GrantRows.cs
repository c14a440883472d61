using System.Data.Common;
using Coffer.Server.Changes;
using Coffer.Server.MachineAccounts;

namespace Coffer.Server.Storage.Sql;

/// <summary>
/// Writing a grant, shared by the machine-account store and by project creation (whose creator is granted in the
/// same transaction): the grant, the machine account's revision date (Bitwarden sync), and the announcement that
/// drops its derived policy on every node.
/// </summary>
internal static class GrantRows
{
    public static async Task SetAsync(DbTransaction tx, ChangeList changes, Grant grant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await tx.Sql("""
            INSERT INTO machine_account_grants (machine_account_id, project_id, can_write) VALUES (@ma, @project, @write)
            ON CONFLICT (machine_account_id, project_id) DO UPDATE SET can_write = excluded.can_write
            """).With("ma", grant.MachineAccountId).With("project", grant.ProjectId).With("write", grant.CanWrite).RunAsync(cancellationToken);
        await BumpAsync(tx, changes, grant.MachineAccountId, now, cancellationToken);
    }

    public static async Task BumpAsync(DbTransaction tx, ChangeList changes, Guid machineAccountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await tx.Sql("UPDATE machine_accounts SET revision_date = @now WHERE id = @id")
            .With("now", UnixTime.ToMicroseconds(now)).With("id", machineAccountId).RunAsync(cancellationToken);
        changes.Add(MachineAccountChanges.Topic, machineAccountId.ToString());
    }
}
