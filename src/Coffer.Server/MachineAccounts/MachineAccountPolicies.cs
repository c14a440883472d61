using System.Collections.Concurrent;
using Coffer.Core.Policies;
using Coffer.Server.Changes;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// A machine account's grants, as its own policy `machine-account-&lt;id&gt;`: read → read on the project
/// and everything below it; read-write → every operation there. Any machine account may list and create
/// projects in its organization (it is then granted read-write on what it creates, as upstream does).
/// Cached per machine account and dropped when any node changes its grants.
/// </summary>
public sealed class MachineAccountPolicies : Policies.IDerivedPolicies
{
    public const string Prefix = "machine-account-";
    private static readonly Dictionary<string, string> ReadOnly = new() { ["read"] = "allow" };
    private static readonly Dictionary<string, string> Everything = new() { [Operations.All] = "allow" };
    private readonly IMachineAccountStore _store;
    private readonly ConcurrentDictionary<Guid, Policy?> _cache = new();

    public MachineAccountPolicies(IMachineAccountStore store, ChangeFeed changes)
    {
        _store = store;
        changes.Subscribe(MachineAccountChanges.Topic, key =>
        {
            if (Guid.TryParse(key, out var id)) _cache.TryRemove(id, out _);
            else _cache.Clear();
        });
    }

    public static string NameOf(Guid machineAccountId) => Prefix + machineAccountId.ToString("D");

    public bool Owns(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<Policy?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(name.AsSpan(Prefix.Length), out var id)) return null;
        if (_cache.TryGetValue(id, out var cached)) return cached;
        var account = await _store.GetAsync(id, cancellationToken);
        var policy = account is null ? null : Policy.Compile(Document(account, await _store.GrantsAsync(id, cancellationToken)));
        if (_cache.Count > 10_000) _cache.Clear();
        _cache[id] = policy;
        return policy;
    }

    public static PolicyDocument Document(MachineAccount account, IReadOnlyList<Grant> grants)
    {
        var org = $"/v1/config/orgs/{account.OrganizationId:D}";
        var rules = new List<PolicyRuleDocument>
        {
            new($"{org}/projects", new Dictionary<string, string> { ["read"] = "allow", ["create"] = "allow" }, "list and create projects"),
        };
        foreach (var grant in grants)
        {
            rules.Add(new($"{org}/projects/{grant.ProjectId:D}/**", grant.CanWrite ? Everything : ReadOnly, grant.CanWrite ? "read-write" : "read"));
            if (grant.CanWrite)
                rules.Add(new($"/v1/state/orgs/{account.OrganizationId:D}/projects/{grant.ProjectId:D}/**", new Dictionary<string, string> { ["execute"] = "allow" }, "read-write"));
        }
        return new PolicyDocument(NameOf(account.Id), rules);
    }
}
