using Coffer.Server.Domain;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Http;

namespace Coffer.Server.Policies;

/// <summary>
/// The one place every endpoint asks "may this principal do this operation on this path?". Operations
/// on the caller's own token may also be allowed by a rule on the path + "/self" (that is how the
/// default policy grants self-service without granting power over other tokens).
/// </summary>
internal sealed class Authorizer(PolicyCatalog catalog)
{
    public async ValueTask<Decision> DecideAsync(Principal principal, string path, Operation operation, bool self, CancellationToken cancellationToken)
    {
        if (principal.IsRoot) return new Decision(true, PolicyNames.Root, null);
        var policies = await catalog.ResolveAsync(principal.Policies, cancellationToken);
        var decision = PolicyEvaluator.Evaluate(policies, false, path, operation);
        return decision.Allowed || !self ? decision : PolicyEvaluator.Evaluate(policies, false, path.TrimEnd('/') + "/self", operation);
    }

    public async ValueTask RequireAsync(Principal principal, string path, Operation operation, bool self, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(principal, path, operation, self, cancellationToken);
        if (!decision.Allowed)
            throw new DeniedException($"permission denied: '{Operations.Name(operation)}' on {path} is not allowed by the policies [{string.Join(", ", principal.Policies)}]" +
                (decision.Rule is null ? "" : $" (rule {decision.Rule} of policy {decision.Policy} rejects it)"));
    }

    public ValueTask RequireAsync(Principal principal, string path, Operation operation, CancellationToken cancellationToken) =>
        RequireAsync(principal, path, operation, self: false, cancellationToken);
}
