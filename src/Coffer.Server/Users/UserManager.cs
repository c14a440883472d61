using Coffer.Server.Domain;
using System.Text;
using Coffer.Core.Durations;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Policies;
using Coffer.Server.Seal;
using Coffer.Server.Tokens;

namespace Coffer.Server.Users;

/// <summary>
/// Userpass: users with Argon2id passwords, and login, which gives a token of the user's entity with
/// display name userpass-&lt;name&gt;, the user's policies and token settings, and meta recording the source
/// and client address. A wrong username and a wrong password get the same answer, in about the same time.
/// </summary>
internal sealed class UserManager(IUserStore store, PasswordHasher hasher, SealManager seal, PolicyCatalog policies, TokenManager tokens, TimeProvider time)
{
    public const string WrongCredentials = "wrong username or password";
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher().Hash("decoy"));

    /// <summary>
    /// Creates, replaces or patches a user. The caller hands out the user's policies, so it must be allowed
    /// to grant each of them (<see cref="PolicyGrants"/>); and it may change an existing user only if it holds
    /// every policy that user has, or a password change would hand it the user's power.
    /// </summary>
    public async Task<User> PutAsync(Principal caller, string name, UserChange body, bool patch, CancellationToken cancellationToken)
    {
        ValidateName(name);
        var existing = await store.GetAsync(name, cancellationToken);
        if (patch && existing is null) throw new NotFoundException($"no user named '{name}'");
        if (existing is null && string.IsNullOrEmpty(body.Password)) throw new InvalidException("password: a new user needs a password");
        if (body.Password is { Length: > 1024 }) throw new InvalidException("password: at most 1024 characters");
        if (body.Policies is { Count: > 64 }) throw new InvalidException($"policies: at most 64 entries (got {body.Policies.Count})");
        var granted = new List<string>();
        foreach (var raw in body.Policies ?? [])
        {
            var policy = await PolicyGrants.RequireGrantableAsync(caller, raw, "policies", policies, cancellationToken);
            if (!granted.Contains(policy)) granted.Add(policy);
        }
        foreach (var held in existing?.Policies ?? [])
            if (!PolicyGrants.MayGrant(caller, held))
                throw new DeniedException($"user '{name}' has policy '{held}', which the calling token does not hold; only root or a token holding all of a user's policies may change it");
        var ttl = body.TokenTtl ?? (patch ? existing!.TokenTtl : null);
        var maxTtl = body.TokenMaxTtl ?? (patch ? existing!.TokenMaxTtl : null);
        ValidateTokenSettings(ttl, maxTtl);
        var entity = existing?.EntityId ?? Guid.NewGuid().ToString();
        var now = time.GetUtcNow();
        var user = new User(name, entity,
            body.Password is { Length: > 0 } password ? Seal(entity, hasher.Hash(password)) : existing!.SealedPassword,
            body.Policies is null ? (patch ? existing!.Policies : []) : granted,
            ttl, maxTtl,
            body.TokenBoundCidrs ?? (patch ? existing!.TokenBoundCidrs : []),
            existing?.CreatedAt ?? now, now);
        await store.PutAsync(user, cancellationToken);
        return user;
    }

    public async Task<User> GetAsync(string name, CancellationToken cancellationToken) =>
        await store.GetAsync(name, cancellationToken) ?? throw new NotFoundException($"no user named '{name}'");

    public Task<Page<string>> ListAsync(string? after, int limit, CancellationToken cancellationToken) =>
        Page<string>.ReadAsync(limit, rows => store.ListAsync(after, rows, cancellationToken));

    /// <summary>Deletes the user and revokes every token of its entity.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var user = await GetAsync(name, cancellationToken);
        await store.DeleteAsync(name, cancellationToken);
        await tokens.RevokeEntityAsync(user.EntityId, cancellationToken);
    }

    public async Task<CreatedToken> LoginAsync(string username, string password, string clientIp, CancellationToken cancellationToken)
    {
        var user = await store.GetAsync(username, cancellationToken);
        var hash = user is null ? DecoyHash.Value : Open(user);
        var valid = hasher.Verify(password, hash);
        if (user is null || !valid) throw new UnauthenticatedException(WrongCredentials);
        var meta = new Dictionary<string, string> { ["username"] = username, ["source"] = "userpass", ["ip"] = clientIp };
        var granted = user.Policies.Append(PolicyNames.Default).Distinct().ToList();
        return await tokens.CreateForLoginAsync(user.EntityId, granted, new TokenDetails("userpass-" + username, meta),
            user.TokenBoundCidrs, user.TokenTtl, user.TokenMaxTtl, cancellationToken);
    }

    public static UserView View(User user) => new(user.Name, user.EntityId, user.Policies,
        user.TokenTtl is { } ttl ? Duration.Format(ttl) : null, user.TokenMaxTtl is { } max ? Duration.Format(max) : null,
        user.TokenBoundCidrs, user.CreatedAt, user.UpdatedAt);

    private byte[] Seal(string entity, string hash) => seal.Keyring.Encrypt(Encoding.UTF8.GetBytes(hash), $"users/password/{entity}");

    private string Open(User user) => Encoding.UTF8.GetString(seal.Keyring.Decrypt(user.SealedPassword, $"users/password/{user.EntityId}"));

    /// <summary>
    /// The settings a login token gets must make a usable token: a TTL of 0s (infinite, refused at login) or a
    /// TTL longer than the max would store a user who can never log in, so they are refused here.
    /// </summary>
    private static void ValidateTokenSettings(TimeSpan? ttl, TimeSpan? maxTtl)
    {
        if (ttl is { } t && t <= TimeSpan.Zero) throw new InvalidException("token-ttl: give a duration longer than 0s (infinite tokens are not allowed), or leave it out for the server's default");
        if (maxTtl is { } m && m <= TimeSpan.Zero) throw new InvalidException("token-max-ttl: give a duration longer than 0s, or leave it out for no max beyond the server's");
        if (ttl is { } shorter && maxTtl is { } longer && shorter > longer)
            throw new InvalidException($"token-ttl: {Duration.Format(shorter)} is longer than token-max-ttl ({Duration.Format(longer)}); make it shorter or raise token-max-ttl");
    }

    private static void ValidateName(string name)
    {
        if (name.Length is 0 or > 256 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '/' or ','))
            throw new InvalidException($"'{name}' is not a username: use 1 to 256 characters without spaces, '/' or ','");
    }
}
