using Coffer.Core.Bitwarden;
using Coffer.Core.Jwt;
using Coffer.Server.Domain;
using Coffer.Server.Seal;
using Coffer.Server.Secrets;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// A machine account's access tokens (spec §4.7), and logging in with one. A token is minted here: the string is
/// returned once; only the verifier of its client secret and the encrypted payload (the organization key wrapped
/// under the token's own key) are kept. A login answers a JWT, and the token counts as used.
/// </summary>
internal sealed class AccessTokenManager(IMachineAccountStore store, AccessTokenCache cache, AccessTokenUsage usage, OrganizationKeys keys,
    SealManager seal, TimeProvider time)
{
    public const int MaxTokenName = 200, MaxRevokedPerRequest = 1000;
    public const int JwtLifetimeSeconds = 3600;
    public const string JwtScope = "api.secrets";

    public sealed record MintedToken(AccessTokenRecord Record, string Token);

    public sealed record Login(string Jwt, string EncryptedPayload);

    public async Task<MintedToken> CreateAsync(MachineAccount account, string? name, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var trimmed = TokenName(name);
        var now = StoredTime.Now(time);
        if (expiresAt is { } expiry && expiry <= now)
            throw new InvalidException($"expires: {Http.Rfc3339Converter.Write(expiry)} is in the past; give a future date, or leave it out for a token that never expires", "expires");
        var token = AccessToken.Generate(Guid.NewGuid());
        var organizationKey = await keys.GetAsync(account.OrganizationId, cancellationToken);
        var record = new AccessTokenRecord(token.Id, account.Id, await keys.EncryptAsync(account.OrganizationId, trimmed, cancellationToken),
            AccessTokenVerifier.Compute(seal.Keyring, token.Id, token.ClientSecret), EncryptedPayload.Create(token.DeriveKey(), organizationKey.Key),
            expiresAt is { } end ? StoredTime.Truncate(end) : null, now, now, LastUsedAt: null, account.OrganizationId);
        await store.InsertAccessTokenAsync(record, cancellationToken);
        return new MintedToken(record, token.ToString());
    }

    /// <summary>One of the machine account's tokens (404 if it has no such token), with its last use up to date.</summary>
    public async Task<AccessTokenRecord> GetAsync(MachineAccount account, Guid id, CancellationToken cancellationToken)
    {
        await usage.FlushAsync(cancellationToken);
        return await store.GetAccessTokenAsync(id, cancellationToken) is { } token && token.MachineAccountId == account.Id
            ? token
            : throw new NotFoundException($"machine account {account.Id} has no access token {id}");
    }

    public async Task<Page<AccessTokenRecord>> ListAsync(MachineAccount account, Guid? after, int limit, CancellationToken cancellationToken)
    {
        await usage.FlushAsync(cancellationToken);
        return await Page<AccessTokenRecord>.ReadAsync(limit, rows => store.ListAccessTokensAsync(account.Id, after, rows, cancellationToken));
    }

    /// <summary>A new name; the revision date ("last edited") moves. The token itself is unchanged and never shown again.</summary>
    public async Task<AccessTokenRecord> RenameAsync(MachineAccount account, Guid id, string? name, CancellationToken cancellationToken)
    {
        var encrypted = await keys.EncryptAsync(account.OrganizationId, TokenName(name), cancellationToken);
        if (!await store.RenameAccessTokenAsync(account.Id, id, encrypted, StoredTime.Now(time), cancellationToken))
            throw new NotFoundException($"machine account {account.Id} has no access token {id}");
        return await GetAsync(account, id, cancellationToken);
    }

    /// <summary>Revokes the given tokens (all of the machine account's when <paramref name="ids"/> is null); JWTs minted from them stop at once.</summary>
    public async Task<int> RevokeAsync(MachineAccount account, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        if (ids is { Count: > MaxRevokedPerRequest }) throw new InvalidException($"ids: at most {MaxRevokedPerRequest} per request", "ids");
        return await store.RevokeAccessTokensAsync(account.Id, ids, cancellationToken);
    }

    public bool IsExpired(AccessTokenRecord token) => token.IsExpiredAt(StoredTime.Now(time));

    /// <summary>
    /// OAuth client credentials: the token's id and client secret give a JWT for the Bitwarden API. Unknown, revoked,
    /// wrong secret or expired: refused (the message says which, except which of the first three).
    /// </summary>
    public async Task<Login> LoginAsync(Guid id, string clientSecret, CancellationToken cancellationToken)
    {
        var token = await cache.GetAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        if (token is null || !AccessTokenVerifier.Matches(seal.Keyring, token, clientSecret))
            throw new UnauthenticatedException("Invalid access token: it is unknown or revoked, or its secret is wrong.");
        if (token.IsExpiredAt(now)) throw new UnauthenticatedException("Access token has expired.");
        usage.Record(token.Id, now);
        var jwt = HmacJwt.Mint(seal.Keyring.Secret(KeyringSecrets.JwtSigning), new JwtClaims(
            token.MachineAccountId.ToString(), token.OrganizationId, token.Id, JwtAuthenticator.MachineAccountType, [JwtScope],
            now, now, now.AddSeconds(JwtLifetimeSeconds), Guid.NewGuid().ToString("N"), "coffer"));
        return new Login(jwt, token.EncryptedPayload);
    }

    private static string TokenName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is > 0 and <= MaxTokenName ? trimmed : throw new InvalidException($"name: give 1 to {MaxTokenName} characters (not only spaces)", "name");
    }
}
