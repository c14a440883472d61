using System.Text.Json;

namespace Coffer.Bench;

/// <summary>
/// What every scenario works on, made through the public API: an organization with a project and a
/// secret, a machine account granted read-write with an access token and a JWT from it, and a token
/// that holds only the default policy. The rows made here are also the loader's templates.
/// </summary>
public sealed record World(
    string RootToken, Guid Organization, Guid Project, Guid Secret, Guid MachineAccount, string AccessToken, string Jwt,
    string Token, Guid TokenAccessor, string SecretCreateBody)
{
    public string ClientId => AccessToken.Split('.')[1];
    public string ClientSecret => AccessToken.Split('.')[2].Split(':')[0];

    public static async Task<World> CreateAsync(CofferServer server)
    {
        using var root = new NativeClient(server.Address, server.RootToken);
        var org = Id(await root.SendAsync(HttpMethod.Post, "/v1/config/orgs", new { name = "bench" }));
        var project = Id(await root.SendAsync(HttpMethod.Post, $"/v1/config/orgs/{org}/projects", new { name = "production" }));
        var secret = Id(await root.SendAsync(HttpMethod.Post, $"/v1/config/orgs/{org}/projects/{project}/secrets",
            new { key = "DATABASE_PASSWORD", value = "correct horse battery staple", note = "rotated monthly" }));
        var account = Id(await root.SendAsync(HttpMethod.Post, $"/v1/config/orgs/{org}/machine-accounts", new { name = "ci" }));
        await root.SendAsync(HttpMethod.Put, $"/v1/config/orgs/{org}/machine-accounts/{account}/grants/{project}", new { access = "read-write" });
        var accessToken = (await root.SendAsync(HttpMethod.Post, $"/v1/config/orgs/{org}/machine-accounts/{account}/access-tokens", new { name = "bench" }))
            .GetProperty("token").GetString()!;
        var token = await root.SendAsync(HttpMethod.Post, "/v1/state/strongbox/token/create-token", new { policies = new[] { "default" } });

        var world = new World(server.RootToken, org, project, secret, account, accessToken, "", token.GetProperty("token").GetString()!,
            Guid.Parse(token.GetProperty("accessor").GetString()!), "");
        using var anonymous = new NativeClient(server.Address, null);
        var login = await anonymous.PostFormAsync("/identity/connect/token", world.LoginForm());
        var jwt = login.GetProperty("access_token").GetString()!;

        // A secret-create body as Bitwarden clients send it: the EncStrings of the secret above.
        using var machine = new NativeClient(server.Address, jwt);
        var encrypted = await machine.SendAsync(HttpMethod.Get, $"/api/secrets/{secret}");
        var body = JsonSerializer.Serialize(new
        {
            key = encrypted.GetProperty("key").GetString(),
            value = encrypted.GetProperty("value").GetString(),
            note = encrypted.GetProperty("note").GetString(),
            projectIds = new[] { project },
        });
        return world with { Jwt = jwt, SecretCreateBody = body };
    }

    public Dictionary<string, string> LoginForm() => new()
    {
        ["grant_type"] = "client_credentials", ["scope"] = "api.secrets", ["client_id"] = ClientId, ["client_secret"] = ClientSecret,
    };

    private static Guid Id(JsonElement element) => Guid.Parse(element.GetProperty("id").GetString()!);
}
