using Coffer.Core.Policies;
using Coffer.Server.Changes;
using Coffer.Server.Secrets;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// A machine account's grants, as its own policy `machine-account-&lt;id&gt;`: read → read on the project
/// and everything below it; read-write → every operation there. Any machine account may list and create
/// projects in its organization (it is then granted read-write on what it creates, as upstream does).
/// Cached per machine account and dropped when any node changes its grants.
/// </summary>
internal sealed class MachineAccountPolicies : Policies.IDerivedPolicies
{
    public const string Prefix = "machine-account-";
    private static readonly Dictionary<string, string> ReadOnly = new() { ["read"] = "allow" };
    private static readonly Dictionary<string, string> Everything = new() { [Operations.All] = "allow" };
    private const int MaxEntries = 10_000;
    private readonly IMachineAccountStore _store;
    private readonly BoundedCache<Guid, Policy?> _cache;

    public MachineAccountPolicies(IMachineAccountStore store, ChangeFeed changes)
    {
        _store = store;
        _cache = new BoundedCache<Guid, Policy?>(changes, MachineAccountChanges.Topic, MaxEntries, Guid.TryParse);
    }

    public static string NameOf(Guid machineAccountId) => Prefix + machineAccountId.ToString("D");

    public bool Owns(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<Policy?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(name.AsSpan(Prefix.Length), out var id)) return null;
        return await _cache.GetOrLoadAsync(id, LoadAsync, cancellationToken);
    }

    private async Task<Policy?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await _store.GetAsync(id, cancellationToken) is { } account
            ? Policy.Compile(Document(account, await _store.GrantsAsync(id, cancellationToken)))
            : null;

    public static PolicyDocument Document(MachineAccount account, IReadOnlyList<Grant> grants)
    {
        var org = account.OrganizationId;
        var rules = new List<PolicyRuleDocument>
        {
            new(SecretPaths.Projects(org), new Dictionary<string, string> { ["read"] = "allow", ["create"] = "allow" }, "list and create projects"),
        };
        foreach (var grant in grants)
        {
            rules.Add(new(SecretPaths.Project(org, grant.ProjectId) + "/**", grant.CanWrite ? Everything : ReadOnly, grant.CanWrite ? "read-write" : "read"));
            if (grant.CanWrite)
                rules.Add(new(SecretPaths.ProjectState(org, grant.ProjectId) + "/**", new Dictionary<string, string> { ["execute"] = "allow" }, "read-write"));
        }
        return new PolicyDocument(NameOf(account.Id), rules);
    }
}
