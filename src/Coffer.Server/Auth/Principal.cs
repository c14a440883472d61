using System.Reflection;
using Coffer.Core.Policies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Auth;

/// <summary>
/// Who a request acts for, resolved from its credential once per request: the entity, the policies,
/// the token's accessor and expiry. A machine account acting through a Bitwarden JWT carries its organization,
/// and its accessor is the access token's id. Declaring a <see cref="Principal"/> parameter on an endpoint makes
/// authentication required there (401 without a valid credential).
/// </summary>
public sealed record Principal(
    string EntityId,
    IReadOnlyList<string> Policies,
    Guid? Accessor,
    DateTimeOffset? ExpiresAt,
    PrincipalKind Kind,
    Guid? OrganizationId = null)
{
    public bool IsRoot => Policies.Contains(PolicyNames.Root);

    public static async ValueTask<Principal?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await context.RequestServices.GetRequiredService<Authentication>().RequireAsync(context);
}

public enum PrincipalKind { Token, MachineAccount }
