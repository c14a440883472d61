using Coffer.Server.Changes;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// Access tokens by id, for the check every Bitwarden API call makes (is the token behind this JWT still
/// there?). Bounded, and dropped on revocation by any node — revocation takes effect on the next request.
/// Only found tokens are cached: an unknown id may be created later.
/// </summary>
internal sealed class AccessTokenCache(IMachineAccountStore store, ChangeFeed changes)
{
    private const int MaxEntries = 50_000;
    private readonly BoundedCache<Guid, AccessTokenRecord?> _entries = new(changes, MachineAccountChanges.AccessTokenTopic, MaxEntries, Guid.TryParse);

    public ValueTask<AccessTokenRecord?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        _entries.GetOrLoadAsync(id, store.GetAccessTokenAsync, cancellationToken, keep: token => token is not null);
}
