using System.Collections.Concurrent;
using System.Text.Json;
using Coffer.Core;
using Coffer.Core.Policies;
using Coffer.Server.Changes;
using Coffer.Server.Http;
using Coffer.Server.Storage.Sql;

namespace Coffer.Server.Policies;

/// <summary>
/// Compiled policies by name, cached and dropped when any node changes one (change feed). Built-ins:
/// `root` (fixed) and `default` (replaceable by a stored one). Derived policies (machine accounts) come
/// from their providers. Tokens hold policy names, so an edit reaches every token that names the policy.
/// </summary>
public sealed class PolicyCatalog
{
    private readonly IPolicyStore _store;
    private readonly IDerivedPolicies[] _derived;
    private readonly ConcurrentDictionary<string, Policy?> _cache = new(StringComparer.Ordinal);
    private static readonly Policy DefaultPolicy = Policy.Compile(BuiltInPolicies.Default);

    public PolicyCatalog(IPolicyStore store, IEnumerable<IDerivedPolicies> derived, ChangeFeed changes)
    {
        (_store, _derived) = (store, derived.ToArray());
        changes.Subscribe(SqlPolicyStore.Topic, name =>
        {
            if (name == ChangeFeed.Everything) _cache.Clear();
            else _cache.TryRemove(name, out _);
        });
    }

    public async ValueTask<Policy?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(name, out var cached)) return cached;
        var policy = await LoadAsync(name, cancellationToken);
        // Derived policies follow their own source of truth; they are not cached here.
        if (!_derived.Any(d => d.Owns(name))) _cache[name] = policy;
        return policy;
    }

    /// <summary>True for a policy that is not stored but derived (a machine account's own): it belongs to its source and is never assigned.</summary>
    public bool IsDerived(string name) => _derived.Any(d => d.Owns(name));

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        name == PolicyNames.Root || await GetAsync(name, cancellationToken) is not null;

    /// <summary>The compiled policies behind the names; unknown names contribute nothing.</summary>
    public async ValueTask<IReadOnlyList<Policy>> ResolveAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var policies = new List<Policy>(names.Count);
        foreach (var name in names)
            if (name != PolicyNames.Root && await GetAsync(name, cancellationToken) is { } policy) policies.Add(policy);
        return policies;
    }

    public async Task<PolicyDocument?> DocumentAsync(string name, CancellationToken cancellationToken) =>
        name == PolicyNames.Root ? BuiltInPolicies.Root : (await GetAsync(name, cancellationToken))?.Document;

    public async Task<bool> PutAsync(PolicyDocument document, bool onlyIfNew, DateTimeOffset now, CancellationToken cancellationToken)
    {
        RefuseBuiltIn(document.Name, "changed");
        if (_derived.Any(d => d.Owns(document.Name)))
            throw ApiException.BadRequest($"'{document.Name}' is a machine account's policy: change it through the machine account's grants");
        Policy.Compile(document);
        var json = JsonSerializer.Serialize(PolicyDto.From(document), PoliciesJson.Default.PolicyDto);
        return await _store.PutAsync(document.Name, json, onlyIfNew, now, cancellationToken);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        RefuseBuiltIn(name, "deleted");
        if (name == PolicyNames.Default) throw ApiException.BadRequest("the default policy cannot be deleted (it can be edited)");
        return _store.DeleteAsync(name, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListAsync(string? after, int limit, CancellationToken cancellationToken) => _store.ListAsync(after, limit, cancellationToken);

    private async Task<Policy?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var derived in _derived)
            if (derived.Owns(name)) return await derived.GetAsync(name, cancellationToken);
        var json = await _store.GetAsync(name, cancellationToken);
        if (json is null) return name == PolicyNames.Default ? DefaultPolicy : null;
        try
        {
            var dto = JsonSerializer.Deserialize(json, PoliciesJson.Default.PolicyDto)!;
            return Policy.Compile(dto.ToDocument(name));
        }
        catch (Exception e) when (e is JsonException or CofferFormatException)
        {
            // A stored policy that no longer compiles grants nothing rather than failing every request.
            return null;
        }
    }

    private static void RefuseBuiltIn(string name, string verb)
    {
        if (name == PolicyNames.Root) throw ApiException.BadRequest($"the root policy is built in and cannot be {verb}");
    }
}
