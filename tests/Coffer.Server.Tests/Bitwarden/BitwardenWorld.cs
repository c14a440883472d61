using System.Text.Json;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.Bitwarden;

/// <summary>An organization with a project, a secret and a machine account logged in through /identity, for /api tests.</summary>
public sealed record BitwardenWorld(Guid Org, Guid Project, Guid Secret, Session Session, string Token, Guid Account) : IDisposable
{
    public HttpClient Client => Session.Client;

    public static async Task<BitwardenWorld> CreateAsync(UnsealedServerFixture fixture, string access = "read-write")
    {
        var root = fixture.Root;
        var org = await root.CreateOrganizationAsync();
        var project = await root.CreateProjectAsync(org);
        var secret = Guid.Parse((await root.CreateSecretAsync(org, project, "DB_PASS", "hunter2")).Str("id"));
        var account = await root.CreateMachineAccountAsync(org);
        await root.GrantAsync(org, account, project, access);
        var token = await root.MintAccessTokenAsync(org, account);
        return new BitwardenWorld(org, project, secret, await fixture.Server.LoginAsync(token), token, account);
    }

    /// <summary>A secret request body as clients send it: every field an EncString under the organization key.</summary>
    public StringContent SecretBody(string key, string value, Guid? project = null, string note = "") => Json(JsonSerializer.Serialize(new
    {
        key = Session.Encrypt(key), value = Session.Encrypt(value), note = Session.Encrypt(note), projectIds = project is null ? null : new[] { project.Value },
    }));

    public StringContent ProjectBody(string name) => Json(JsonSerializer.Serialize(new { name = Session.Encrypt(name) }));

    public void Dispose() => Session.Dispose();
}
