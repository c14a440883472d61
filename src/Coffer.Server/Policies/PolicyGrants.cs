using Coffer.Server.Domain;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Http;

namespace Coffer.Server.Policies;

/// <summary>
/// Who may hand out a policy — to a new token (create-token) or to a user (whose logins get it): a root
/// caller may hand out any policy; any other caller only the policies its own token holds, by name
/// (`default` included: a token created without it cannot give it on). `root` only from root. Otherwise
/// a token that may merely write users could create a root user and log in as it. Derived policies (a
/// machine account's grants) are assigned by nobody, root included (Vault's non-assignable policies).
/// </summary>
internal static class PolicyGrants
{
    /// <summary>The trimmed, validated name; 400 if it is no policy name or names no policy, 403 if the caller may not grant it.</summary>
    public static async Task<string> RequireGrantableAsync(Principal caller, string? raw, string field, PolicyCatalog catalog, CancellationToken cancellationToken)
    {
        var name = raw?.Trim() ?? "";
        if (!PolicyNames.IsValid(name)) throw new InvalidException($"{field}: '{raw}' is not a policy name");
        if (catalog.IsDerived(name))
            throw new InvalidException($"{field}: '{name}' is a machine account's own policy and cannot be assigned; grant access to projects through the machine account instead");
        if (name == PolicyNames.Root && !caller.IsRoot) throw new DeniedException($"{field}: only a root token may grant policy 'root'");
        if (name != PolicyNames.Default && !await catalog.ExistsAsync(name, cancellationToken))
            throw new InvalidException($"{field}: policy '{name}' does not exist; create it first (PUT /v1/config/policy/policies/{name})");
        RequireHeld(caller, name, field);
        return name;
    }

    /// <summary>True when the caller is root or holds the policy.</summary>
    public static bool MayGrant(Principal caller, string name) => caller.IsRoot || caller.Policies.Contains(name);

    private static void RequireHeld(Principal caller, string name, string field)
    {
        if (MayGrant(caller, name)) return;
        throw new DeniedException(name == PolicyNames.Root
            ? $"{field}: only a root token may grant policy 'root'"
            : $"{field}: the calling token does not hold policy '{name}'; a token can only pass on policies it holds");
    }
}
