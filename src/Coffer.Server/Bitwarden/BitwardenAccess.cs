using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Domain;
using Coffer.Server.Policies;
using Coffer.Server.Secrets;

namespace Coffer.Server.Bitwarden;

/// <summary>
/// The Bitwarden surface asks the same Authorizer as the native API, on the native path of the resource,
/// and answers a denial as upstream does: 404, as if the resource did not exist.
/// </summary>
internal sealed class BitwardenAccess(Authorizer authorizer)
{
    public static Guid MachineAccountId(Principal principal) =>
        principal.Kind == PrincipalKind.MachineAccount && Guid.TryParse(principal.EntityId, out var id) ? id
            : throw new UnauthenticatedException("the Bitwarden API needs a machine account's access token (log in at /identity/connect/token)");

    public static Guid Organization(Principal principal) => principal.OrganizationId ?? throw BitwardenResults.NotFound();

    public static void RequireOrganization(Principal principal, Guid organizationId)
    {
        if (Organization(principal) != organizationId) throw BitwardenResults.NotFound();
    }

    public ValueTask<bool> CanAsync(Principal principal, string path, Operation operation, CancellationToken cancellationToken) =>
        Allowed(authorizer.DecideAsync(principal, path, operation, self: false, cancellationToken));

    public async ValueTask RequireAsync(Principal principal, string path, Operation operation, CancellationToken cancellationToken)
    {
        if (!await CanAsync(principal, path, operation, cancellationToken)) throw BitwardenResults.NotFound();
    }

    public static string ProjectPath(Project project) => SecretPaths.Project(project.OrganizationId, project.Id);

    public static string SecretPath(Secret secret) => SecretPaths.Secret(secret.OrganizationId, secret.ProjectId, secret.Id);

    private static async ValueTask<bool> Allowed(ValueTask<Decision> decision) => (await decision).Allowed;
}
