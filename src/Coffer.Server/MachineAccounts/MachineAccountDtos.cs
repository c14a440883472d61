namespace Coffer.Server.MachineAccounts;

public sealed record MachineAccountView(Guid Id, Guid OrganizationId, string Name, DateTimeOffset CreationTime, DateTimeOffset RevisionTime);

public sealed record MachineAccountList(IReadOnlyList<MachineAccountView> MachineAccounts, Guid? NextAfter);

public sealed record GrantBody
{
    public string? Access { get; init; }
}

public sealed record GrantView(Guid ProjectId, string Access);

public sealed record GrantList(IReadOnlyList<GrantView> Grants, Guid? NextAfter);

public sealed record AccessTokenBody
{
    public string? Name { get; init; }
    public DateTimeOffset? Expires { get; init; }
}

/// <summary>The only answer that ever contains the token itself.</summary>
public sealed record AccessTokenCreated(Guid Id, string Name, string Token, DateTimeOffset? Expires, DateTimeOffset CreationTime);

public sealed record AccessTokenView(Guid Id, string Name, DateTimeOffset? Expires, DateTimeOffset CreationTime, DateTimeOffset RevisionTime,
    DateTimeOffset? LastUsed, bool Expired);

public sealed record AccessTokenList(IReadOnlyList<AccessTokenView> AccessTokens, Guid? NextAfter);

public sealed record RevokeBody
{
    public List<Guid>? Ids { get; init; }
    public bool? All { get; init; }
}

public sealed record RevokeResult(int Revoked);
