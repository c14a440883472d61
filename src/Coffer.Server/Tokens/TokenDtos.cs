using System.Text.Json.Serialization;

namespace Coffer.Server.Tokens;

public sealed record CreateTokenBody
{
    public string? Ttl { get; init; }
    public Dictionary<string, string>? Meta { get; init; }
    public List<string>? Policies { get; init; }
    public bool? NoParent { get; init; }
    public bool? NoDefaultPolicy { get; init; }
    public string? DisplayName { get; init; }
    public List<string>? BoundCidrs { get; init; }
    public bool? Renewable { get; init; }
    public string? ExplicitMaxTtl { get; init; }
    public int? NumUses { get; init; }
}

/// <summary>create-token's answer: the contract's fields, each always present (`warnings` is `[]` when nothing was capped).</summary>
public sealed record CreateTokenResponse(
    Guid Accessor, string Token, DateTimeOffset CreationTime, DateTimeOffset Expires, string Ttl,
    IReadOnlyList<string> Policies, IReadOnlyList<string> Warnings);

/// <summary>The body of operations that take no fields (list-accessors, revoke-self): absent or `{}`.</summary>
public sealed record NoFieldsBody;

public sealed record TokenBody
{
    public string? Token { get; init; }
}

public sealed record TokenInfoBody
{
    public string? Token { get; init; }
    public Guid? Accessor { get; init; }
}

public sealed record AccessorBody
{
    public Guid? Accessor { get; init; }
}

/// <summary>
/// info and token-info: every field of the contract's list, always present — `expires` is null for a token
/// that never expires, `renewal-time` null until the token is first refreshed.
/// </summary>
public sealed record TokenInfoResponse(
    string DisplayName, Guid Accessor, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? Expires, IReadOnlyList<string> Policies, IReadOnlyDictionary<string, string> Meta,
    DateTimeOffset CreationTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? RenewalTime, string EntityId, bool Orphan, bool Renewable, string Ttl, string MaxTtl,
    string ExplicitMaxTtl, int NumUses, string Period, string Type, bool Disabled, IReadOnlyList<string> BoundCidrs);

public sealed record RefreshBody
{
    public string? Increment { get; init; }
}

public sealed record RefreshResponse(
    string Token, Guid Accessor, DateTimeOffset Expires, long ExpiresIn, DateTimeOffset CreationTime, DateTimeOffset RenewalTime,
    IReadOnlyList<string>? Warnings);

public sealed record AccessorEntry(Guid Accessor, string DisplayName, DateTimeOffset CreationTime, DateTimeOffset? Expires);

public sealed record AccessorList(IReadOnlyList<AccessorEntry> Accessors, Guid? NextAfter);

public sealed record SetBoundCidrsBody
{
    public string? Token { get; init; }
    public Guid? Accessor { get; init; }
    public List<string>? BoundCidrs { get; init; }
}

public sealed record BoundCidrsResponse(Guid Accessor, IReadOnlyList<string> BoundCidrs);
