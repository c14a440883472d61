namespace Coffer.Server.MachineAccounts;

/// <summary>Persistence for machine accounts, their grants and access tokens; reached only through the MachineAccounts managers.</summary>
internal interface IMachineAccountStore
{
    Task InsertAsync(MachineAccount account, CancellationToken cancellationToken);
    Task<MachineAccount?> GetAsync(Guid id, CancellationToken cancellationToken);
    Task<IReadOnlyList<MachineAccount>> ListAsync(Guid organizationId, Guid? after, int limit, CancellationToken cancellationToken);
    Task<bool> RenameAsync(Guid id, string name, DateTimeOffset now, CancellationToken cancellationToken);
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>All of a machine account's grants (its derived policy needs every one).</summary>
    Task<IReadOnlyList<Grant>> GrantsAsync(Guid machineAccountId, CancellationToken cancellationToken);
    Task<IReadOnlyList<Grant>> ListGrantsAsync(Guid machineAccountId, Guid? after, int limit, CancellationToken cancellationToken);
    Task SetGrantAsync(Grant grant, DateTimeOffset now, CancellationToken cancellationToken);
    Task<bool> RemoveGrantAsync(Guid machineAccountId, Guid projectId, DateTimeOffset now, CancellationToken cancellationToken);

    Task InsertAccessTokenAsync(AccessTokenRecord token, CancellationToken cancellationToken);
    Task<AccessTokenRecord?> GetAccessTokenAsync(Guid id, CancellationToken cancellationToken);
    Task<IReadOnlyList<AccessTokenRecord>> ListAccessTokensAsync(Guid machineAccountId, Guid? after, int limit, CancellationToken cancellationToken);
    /// <summary>Renames one of this machine account's tokens and moves its revision date; false if it has no such token.</summary>
    Task<bool> RenameAccessTokenAsync(Guid machineAccountId, Guid id, string name, DateTimeOffset now, CancellationToken cancellationToken);
    /// <summary>Records when tokens were last used (a batch; an older time never overwrites a newer one).</summary>
    Task TouchAccessTokensAsync(IReadOnlyList<(Guid Id, DateTimeOffset UsedAt)> uses, CancellationToken cancellationToken);

    /// <summary>Deletes the given tokens of this machine account (all of them when <paramref name="ids"/> is null).</summary>
    Task<int> RevokeAccessTokensAsync(Guid machineAccountId, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken);
}
