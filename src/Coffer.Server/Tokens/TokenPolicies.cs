using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Http;
using Coffer.Server.Policies;

namespace Coffer.Server.Tokens;

/// <summary>
/// Which policies a new token gets. Absent → the caller's. Each requested policy must exist and be held
/// by the caller (by name) unless the caller is root; `root` only from root. `default` is added unless
/// no-default-policy.
/// </summary>
public static class TokenPolicies
{
    public static async Task<IReadOnlyList<string>> ResolveAsync(Principal caller, IReadOnlyList<string>? requested, bool noDefault, PolicyCatalog catalog, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (requested is null) names.AddRange(caller.Policies);
        else
            foreach (var raw in requested)
            {
                var name = raw.Trim();
                if (!PolicyNames.IsValid(name)) throw ApiException.BadRequest($"policies: '{raw}' is not a policy name");
                if (name == PolicyNames.Root && !caller.IsRoot) throw ApiException.Forbidden("policies: only a root token may grant the root policy");
                if (name != PolicyNames.Default && !await catalog.ExistsAsync(name, cancellationToken))
                    throw ApiException.BadRequest($"policies: policy '{name}' does not exist; create it first (PUT /v1/config/policy/policies/{name})");
                if (!caller.IsRoot && name != PolicyNames.Default && !caller.Policies.Contains(name))
                    throw ApiException.Forbidden($"policies: the calling token does not hold policy '{name}'; a token can only pass on policies it holds");
                if (!names.Contains(name)) names.Add(name);
            }
        if (!noDefault && !names.Contains(PolicyNames.Default)) names.Add(PolicyNames.Default);
        if (noDefault) names.Remove(PolicyNames.Default);
        return names;
    }
}
