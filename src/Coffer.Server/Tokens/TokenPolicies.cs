using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Policies;

namespace Coffer.Server.Tokens;

/// <summary>
/// Which policies a new token gets (Vault's rules, B.2). Absent → exactly the caller's, `default` included
/// only if the caller has it. Each requested policy must exist and be held by the caller (by name) unless
/// the caller is root; `root` only from root. `default` is then added unless no-default-policy — by a root
/// caller always, by any other only if it holds `default` itself, so a token created without `default`
/// passes that absence on to its children.
/// </summary>
internal static class TokenPolicies
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
        var addDefault = requested is not null && (caller.IsRoot || caller.Policies.Contains(PolicyNames.Default));
        if (noDefault) names.Remove(PolicyNames.Default);
        else if (addDefault && !names.Contains(PolicyNames.Default)) names.Add(PolicyNames.Default);
        return names;
    }
}
