namespace Coffer.Server.Users;

public sealed record UserBody
{
    public string? Password { get; init; }
    public List<string>? Policies { get; init; }
    public string? TokenTtl { get; init; }
    public string? TokenMaxTtl { get; init; }
    public List<string>? TokenBoundCidrs { get; init; }
}

/// <summary>
/// A user write as <see cref="UserManager"/> takes it: the body parsed (durations read, CIDRs normalized); null is
/// a field not given, which PATCH keeps and PUT clears.
/// </summary>
public sealed record UserChange(string? Password, IReadOnlyList<string>? Policies, TimeSpan? TokenTtl, TimeSpan? TokenMaxTtl, IReadOnlyList<string>? TokenBoundCidrs);

public sealed record UserView(string Name, string EntityId, IReadOnlyList<string> Policies, string? TokenTtl, string? TokenMaxTtl,
    IReadOnlyList<string> TokenBoundCidrs, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record UserList(IReadOnlyList<string> Users, string? NextAfter);

public sealed record LoginBody
{
    public string? Username { get; init; }
    public string? Password { get; init; }
}

/// <summary>
/// The contract's login answer. `renewal-time` is when the TTL was last set — for a fresh token its creation —
/// so clients (Avassa's own) can schedule their refresh from it.
/// </summary>
public sealed record LoginResponse(string Token, Guid Accessor, DateTimeOffset Expires, DateTimeOffset CreationTime, DateTimeOffset RenewalTime,
    IReadOnlyList<string> Policies, string DisplayName);
