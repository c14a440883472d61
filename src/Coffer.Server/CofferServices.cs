using Coffer.Server.Auth;
using Coffer.Server.Bitwarden;
using Coffer.Server.Changes;
using Coffer.Server.Configuration;
using Coffer.Server.Http;
using Coffer.Server.MachineAccounts;
using Coffer.Server.Metrics;
using Coffer.Server.Policies;
using Coffer.Server.Seal;
using Coffer.Server.Secrets;
using Coffer.Server.Storage;
using Coffer.Server.Storage.Sql;
using Coffer.Server.Tokens;
using Coffer.Server.Users;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Coffer.Server;

/// <summary>The service registrations of every feature, in one place (the composition root: the only code that names a store's implementation).</summary>
public static class CofferServices
{
    public static void Add(IServiceCollection services, ServerSettings settings, Database database, TimeProvider time)
    {
        services.AddSingleton(settings);
        services.AddSingleton(database);
        services.AddSingleton(database.Changes);
        services.AddSingleton(time);
        services.AddSingleton<ErrorWriter>();

        services.AddSingleton<ISealStore, SqlSealStore>();
        services.AddSingleton<SealManager>();

        services.AddSingleton<IPolicyStore, SqlPolicyStore>();
        services.AddSingleton<PolicyCatalog>();
        services.AddSingleton<Authorizer>();

        services.AddSingleton(settings.Tokens);
        services.AddSingleton<ITokenStore, SqlTokenStore>();
        services.AddSingleton<TokenCache>();
        services.AddSingleton<TokenLookup>();
        services.AddSingleton<TokenRevoker>();
        services.AddSingleton<TokenManager>();
        services.AddSingleton<TokenSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<TokenSweeper>());
        services.AddSingleton<ICredentialAuthenticator, TokenAuthenticator>();
        services.AddSingleton<Authentication>();

        services.AddSingleton<ISecretStore, SqlSecretStore>();
        services.AddSingleton<OrganizationKeys>();
        services.AddSingleton<SecretCache>();
        services.AddSingleton<OrganizationManager>();
        services.AddSingleton<ProjectManager>();
        services.AddSingleton<SecretManager>();
        services.AddSingleton<IMachineAccountStore, SqlMachineAccountStore>();
        services.AddSingleton<MachineAccountManager>();
        services.AddSingleton<IDerivedPolicies, MachineAccountPolicies>();
        services.AddSingleton<AccessTokenCache>();
        services.AddSingleton<AccessTokenUsage>();
        services.AddHostedService(provider => provider.GetRequiredService<AccessTokenUsage>());
        services.AddSingleton<AccessTokenManager>();
        services.AddSingleton<ICredentialAuthenticator, JwtAuthenticator>();
        services.AddSingleton<BitwardenAccess>();
        services.AddSingleton<IErrorSurface, BitwardenErrors>();
        services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, RepeatedSlashes>();

        services.AddSingleton<IUserStore, SqlUserStore>();
        services.AddSingleton(new PasswordHasher());
        services.AddSingleton<UserManager>();

        if (database.Kind == StorageKind.Postgres) services.AddHostedService<PostgresChangeListener>();

        services.AddSingleton<CofferMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(CofferMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
    }
}
