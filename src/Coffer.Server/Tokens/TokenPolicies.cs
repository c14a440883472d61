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
                var name = await PolicyGrants.RequireGrantableAsync(caller, raw, "policies", catalog, cancellationToken);
                if (!names.Contains(name)) names.Add(name);
            }
        if (!noDefault && !names.Contains(PolicyNames.Default)) names.Add(PolicyNames.Default);
        if (noDefault) names.Remove(PolicyNames.Default);
        return names;
    }
}
