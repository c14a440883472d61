using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coffer.Cli.Tests.Infrastructure;

/// <summary>
/// A dev-mode server started from the published binary, seeded through the native API: an organization
/// with a project holding DB_PASS, and machine accounts that can write (and only read) it.
/// </summary>
public sealed class DevServerFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("coffer-cli-dev-").FullName;
    public string RootToken { get; } = Guid.NewGuid().ToString();
    public ServerProcess Server { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public Guid Org { get; private set; }
    public Guid Project { get; private set; }
    public Guid Secret { get; private set; }
    public Guid Writer { get; private set; }
    public string CaFile => Path.Combine(Folder, "data", "ca.pem");

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync(["server", "--dev", "--data-dir", Path.Combine(Folder, "data"), "--http", "127.0.0.1:0", "--https", "127.0.0.1:0", "--dev-root-token", RootToken]);
        Api = new HttpClient { BaseAddress = Server.Http };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RootToken);
        Org = await IdAsync("/v1/config/orgs", new { name = "acme" });
        Project = await IdAsync($"/v1/config/orgs/{Org}/projects", new { name = "production" });
        Secret = await IdAsync($"/v1/config/orgs/{Org}/projects/{Project}/secrets", new { key = "DB_PASS", value = " hunter2 ", note = "" });
        Writer = await MachineAccountAsync("writer", "read-write");
    }

    public async Task<Guid> IdAsync(string path, object body)
    {
        using var response = await Api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return Guid.Parse(JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!);
    }

    public async Task<Guid> MachineAccountAsync(string name, string access, Guid? project = null)
    {
        var id = await IdAsync($"/v1/config/orgs/{Org}/machine-accounts", new { name });
        using var grant = await Api.PutAsJsonAsync($"/v1/config/orgs/{Org}/machine-accounts/{id}/grants/{project ?? Project}", new { access });
        Assert.True(grant.IsSuccessStatusCode, await grant.Content.ReadAsStringAsync());
        return id;
    }

    public async Task<string> TokenAsync(Guid machineAccount)
    {
        using var response = await Api.PostAsJsonAsync($"/v1/config/orgs/{Org}/machine-accounts/{machineAccount}/access-tokens", new { name = "cli test" });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>Runs the binary as a machine: access token and server URL in the environment, a private HOME.</summary>
public sealed class MachineShell(DevServerFixture fixture, string token)
{
    public string Home { get; } = Directory.CreateTempSubdirectory("coffer-cli-home-").FullName;

    public Dictionary<string, string> Environment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["BWS_ACCESS_TOKEN"] = token, ["BWS_SERVER_URL"] = fixture.Server.Address, ["HOME"] = Home,
        };
        foreach (var (name, value) in extra) environment[name] = value;
        return environment;
    }

    public Task<CofferBinary.Result> RunAsync(params string[] arguments) => CofferBinary.RunAsync(arguments, Environment());

    public Task<CofferBinary.Result> RunAsync(string[] arguments, params (string Name, string Value)[] extra) => CofferBinary.RunAsync(arguments, Environment(extra));
}
