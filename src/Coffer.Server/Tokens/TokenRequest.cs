namespace Coffer.Server.Tokens;

/// <summary>A parsed create-token request: durations and CIDRs already validated and normalized.</summary>
public sealed record TokenRequest
{
    public TimeSpan? Ttl { get; init; }
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string>? Policies { get; init; }
    public bool NoParent { get; init; }
    public bool NoDefaultPolicy { get; init; }
    public string? DisplayName { get; init; }
    public IReadOnlyList<string>? BoundCidrs { get; init; }
    public bool Renewable { get; init; } = true;
    public TimeSpan? ExplicitMaxTtl { get; init; }
    public int NumUses { get; init; }
}

/// <summary>A minted token: the only moment the token itself exists outside the caller.</summary>
public sealed record CreatedToken(string Token, StoredToken Stored, IReadOnlyList<string> Warnings);
