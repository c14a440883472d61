namespace Coffer.Server.MachineAccounts;

public sealed record MachineAccountView(Guid Id, Guid OrganizationId, string Name, DateTimeOffset CreationTime, DateTimeOffset RevisionTime);

public sealed record MachineAccountList(IReadOnlyList<MachineAccountView> MachineAccounts, Guid? NextAfter);

public sealed record GrantBody
{
    public string? Access { get; init; }
}

public sealed record GrantView(Guid ProjectId, string Access);

public sealed record GrantList(IReadOnlyList<GrantView> Grants, Guid? NextAfter);

/// <summary>A new access token, as clients (the CLI) write it. The server reads <see cref="AccessTokenRequest"/>.</summary>
public sealed record AccessTokenBody
{
    public string? Name { get; init; }
    public DateTimeOffset? Expires { get; init; }
}

/// <summary>
/// The same body as the server reads it: the expiry as text, so a bad one is refused by name and a date
/// without a zone is refused rather than guessed (<see cref="ZonedDates"/>).
/// </summary>
public sealed record AccessTokenRequest
{
    public string? Name { get; init; }
    public string? Expires { get; init; }
}

/// <summary>The only answer that ever contains the token itself.</summary>
public sealed record AccessTokenCreated(Guid Id, string Name, string Token, DateTimeOffset? Expires, DateTimeOffset CreationTime);

public sealed record AccessTokenView(Guid Id, string Name, DateTimeOffset? Expires, DateTimeOffset CreationTime, DateTimeOffset RevisionTime,
    DateTimeOffset? LastUsed, bool Expired);

public sealed record AccessTokenList(IReadOnlyList<AccessTokenView> AccessTokens, Guid? NextAfter);

/// <summary>Tokens to revoke, as clients (the CLI) write it. The server reads <see cref="RevokeRequest"/>.</summary>
public sealed record RevokeBody
{
    public List<Guid>? Ids { get; init; }
    public bool? All { get; init; }
}

/// <summary>The same body as the server reads it: ids as text, so a bad one is refused by its position.</summary>
public sealed record RevokeRequest
{
    public List<string?>? Ids { get; init; }
    public bool? All { get; init; }
}

public sealed record RevokeResult(int Revoked);
