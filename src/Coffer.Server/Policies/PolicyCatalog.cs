using Coffer.Server.Domain;
using System.Text.Json;
using Coffer.Core;
using Coffer.Core.Policies;
using Coffer.Server.Changes;

namespace Coffer.Server.Policies;

/// <summary>
/// Compiled policies by name, cached and dropped when any node changes one (change feed). Built-ins:
/// `root` (fixed) and `default` (replaceable by a stored one). Derived policies (machine accounts) come
/// from their providers. Tokens hold policy names, so an edit reaches every token that names the policy.
/// Unknown names are cached too (as nothing), within the bound, so a storm of them costs no reads.
/// </summary>
internal sealed class PolicyCatalog
{
    private const int MaxCached = 10_000;
    private readonly IPolicyStore _store;
    private readonly IDerivedPolicies[] _derived;
    private readonly BoundedCache<string, Policy?> _cache;
    private static readonly Policy DefaultPolicy = Policy.Compile(BuiltInPolicies.Default);

    public PolicyCatalog(IPolicyStore store, IEnumerable<IDerivedPolicies> derived, ChangeFeed changes)
    {
        (_store, _derived) = (store, derived.ToArray());
        _cache = new BoundedCache<string, Policy?>(changes, PolicyChanges.Topic, MaxCached, (string key, out string name) => { name = key; return true; }, comparer: StringComparer.Ordinal);
    }

    public async ValueTask<Policy?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(name, out var cached)) return cached;
        // Derived policies follow their own source of truth (and cache); they are not cached here.
        if (IsDerived(name)) return await LoadAsync(name, cancellationToken);
        return await _cache.GetOrLoadAsync(name, LoadAsync, cancellationToken);
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
            throw new InvalidException($"'{document.Name}' is a machine account's policy: change it through the machine account's grants");
        Policy.Compile(document);
        var json = JsonSerializer.Serialize(PolicyDto.From(document), PoliciesJson.Native.PolicyDto);
        return await _store.PutAsync(document.Name, json, onlyIfNew, now, cancellationToken);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        RefuseBuiltIn(name, "deleted");
        if (name == PolicyNames.Default) throw new InvalidException("the default policy cannot be deleted (it can be edited)");
        return _store.DeleteAsync(name, cancellationToken);
    }

    /// <summary>A page of policy names; the first page starts with the built-ins (root, default) unless they are stored.</summary>
    public async Task<(IReadOnlyList<string> Names, string? NextAfter)> ListAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        var page = await Page<string>.ReadAsync(limit, rows => _store.ListAsync(after, rows, cancellationToken));
        var names = page.Items.ToList();
        if (after is null) names = [.. new[] { PolicyNames.Root, PolicyNames.Default }.Except(names), .. names];
        return (names, page.HasMore ? names[^1] : null);
    }

    private async Task<Policy?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var derived in _derived)
            if (derived.Owns(name)) return await derived.GetAsync(name, cancellationToken);
        var json = await _store.GetAsync(name, cancellationToken);
        if (json is null) return name == PolicyNames.Default ? DefaultPolicy : null;
        try
        {
            var dto = JsonSerializer.Deserialize(json, PoliciesJson.Native.PolicyDto)!;
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
        if (name == PolicyNames.Root) throw new InvalidException($"the root policy is built in and cannot be {verb}");
    }
}
