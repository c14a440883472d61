using Coffer.Core.Bitwarden;
using Coffer.Server.Http;
using Coffer.Server.Seal;
using Coffer.Server.Secrets;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// Machine accounts, their project grants and their access tokens. A token is minted here (spec §4.7):
/// the string is returned once; only the verifier of its client secret and the encrypted payload are kept.
/// </summary>
public sealed class MachineAccountManager(IMachineAccountStore store, SecretManager secrets, SealManager seal)
{
    public const int MaxTokenName = 200;

    public IMachineAccountStore Store => store;

    public async Task<MachineAccount> CreateAsync(Guid organizationId, string name, CancellationToken cancellationToken)
    {
        var now = secrets.Now;
        var account = new MachineAccount(Guid.NewGuid(), organizationId, await secrets.EncryptAsync(organizationId, SecretFields.Name(name), cancellationToken), now, now);
        await store.InsertAsync(account, cancellationToken);
        return account;
    }

    public async Task<MachineAccount> GetAsync(Guid organizationId, Guid id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } account && account.OrganizationId == organizationId
            ? account
            : throw ApiException.NotFound($"no machine account {id} in organization {organizationId}");

    public async Task SetGrantAsync(MachineAccount account, Guid projectId, bool canWrite, CancellationToken cancellationToken)
    {
        var project = await secrets.Store.GetProjectAsync(projectId, cancellationToken);
        if (project is null || project.OrganizationId != account.OrganizationId)
            throw ApiException.NotFound($"no project {projectId} in the machine account's organization");
        await store.SetGrantAsync(new Grant(account.Id, projectId, canWrite), secrets.Now, cancellationToken);
    }

    public sealed record MintedToken(AccessTokenRecord Record, string Token);

    public async Task<MintedToken> CreateAccessTokenAsync(MachineAccount account, string name, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var trimmed = TokenName(name);
        var now = secrets.Now;
        if (expiresAt is { } expiry && expiry <= now)
            throw ApiException.BadRequest($"expires: {Rfc3339Converter.Write(expiry)} is in the past; give a future date, or leave it out for a token that never expires");
        var token = AccessToken.Generate(Guid.NewGuid());
        var organizationKey = await secrets.Keys.GetAsync(account.OrganizationId, cancellationToken);
        var record = new AccessTokenRecord(token.Id, account.Id, await secrets.EncryptAsync(account.OrganizationId, trimmed, cancellationToken),
            AccessTokenVerifier.Compute(seal.Keyring, token.Id, token.ClientSecret), EncryptedPayload.Create(token.DeriveKey(), organizationKey.Key),
            expiresAt is { } end ? SecretManager.Stored(end) : null, now, now, LastUsedAt: null, account.OrganizationId);
        await store.InsertAccessTokenAsync(record, cancellationToken);
        return new MintedToken(record, token.ToString());
    }

    /// <summary>One of the machine account's tokens (404 if it has no such token).</summary>
    public async Task<AccessTokenRecord> AccessTokenAsync(MachineAccount account, Guid id, CancellationToken cancellationToken) =>
        await store.GetAccessTokenAsync(id, cancellationToken) is { } token && token.MachineAccountId == account.Id
            ? token
            : throw ApiException.NotFound($"machine account {account.Id} has no access token {id}");

    /// <summary>A new name; the revision date ("last edited") moves. The token itself is unchanged and never shown again.</summary>
    public async Task<AccessTokenRecord> RenameAccessTokenAsync(MachineAccount account, Guid id, string? name, CancellationToken cancellationToken)
    {
        var encrypted = await secrets.EncryptAsync(account.OrganizationId, TokenName(name), cancellationToken);
        var now = secrets.Now;
        if (!await store.RenameAccessTokenAsync(account.Id, id, encrypted, now, cancellationToken))
            throw ApiException.NotFound($"machine account {account.Id} has no access token {id}");
        return await AccessTokenAsync(account, id, cancellationToken);
    }

    private static string TokenName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is > 0 and <= MaxTokenName ? trimmed : throw ApiException.BadRequest($"name: give 1 to {MaxTokenName} characters (not only spaces)");
    }

    public async Task<int> RevokeAccessTokensAsync(MachineAccount account, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        if (ids is { Count: > 1000 }) throw ApiException.BadRequest("ids: at most 1000 per request");
        return await store.RevokeAccessTokensAsync(account.Id, ids, cancellationToken);
    }
}
