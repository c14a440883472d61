using System.Net.Http.Json;
using System.Text.Json;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Admin;

/// <summary>The operator's commands (token auth) through the published binary.</summary>
public sealed class OperatorToolTests(DevServerFixture fixture) : IClassFixture<DevServerFixture>
{
    private Dictionary<string, string> Root(string? home = null) => new()
    {
        ["COFFER_ADDR"] = fixture.Server.Address, ["COFFER_TOKEN"] = fixture.RootToken, ["HOME"] = home ?? Directory.CreateTempSubdirectory().FullName,
    };

    private Task<CofferBinary.Result> AsRoot(params string[] arguments) => CofferBinary.RunAsync(arguments, Root());

    private static JsonElement Json(CofferBinary.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    [Fact]
    public async Task Login_stores_the_token_in_a_private_file_that_later_commands_use()
    {
        using var user = await fixture.Api.PutAsJsonAsync("/v1/config/users/olga", new { password = "long enough passphrase", policies = Array.Empty<string>() });
        Assert.True(user.IsSuccessStatusCode);
        var home = Directory.CreateTempSubdirectory().FullName;
        var env = new Dictionary<string, string> { ["COFFER_ADDR"] = fixture.Server.Address, ["HOME"] = home };

        var login = await CofferBinary.RunAsync(["login", "--username", "olga", "--password-stdin"], env, stdin: "long enough passphrase\n");
        var lookup = await CofferBinary.RunAsync(["token", "lookup", "-o", "json"], env);
        var wrong = await CofferBinary.RunAsync(["login", "--username", "olga", "--password-stdin"], env, stdin: "wrong\n");

        var file = Path.Combine(home, ".config", "coffer", "token");
        Assert.Equal(0, login.ExitCode);
        Assert.Contains("Logged in as olga", login.Stdout);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal("userpass-olga", Json(lookup).GetProperty("display-name").GetString());
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("wrong username or password", wrong.Stderr);
    }

    [Fact]
    public async Task Tokens_are_created_with_every_option_looked_up_renewed_listed_and_revoked()
    {
        var created = Json(await AsRoot("token", "create", "--ttl", "2h", "--policy", "default", "--meta", "team=ops", "--meta", "ticket=42",
            "--display-name", "ci", "--bound-cidr", "127.0.0.0/8", "--renewable", "true", "--explicit-max-ttl", "3h", "--num-uses", "0", "-o", "json"));
        var token = created.GetProperty("token").GetString()!;
        var accessor = created.GetProperty("accessor").GetString()!;
        var asToken = new Dictionary<string, string> { ["COFFER_ADDR"] = fixture.Server.Address, ["COFFER_TOKEN"] = token, ["HOME"] = Directory.CreateTempSubdirectory().FullName };

        var info = Json(await AsRoot("token", "lookup", token, "-o", "json"));
        var byAccessor = Json(await AsRoot("token", "lookup", "--accessor", accessor, "-o", "json"));
        var renewed = Json(await CofferBinary.RunAsync(["token", "renew", "--increment", "1h", "-o", "json"], asToken));
        var listed = Json(await AsRoot("token", "list-accessors", "-o", "json"));
        var revoked = await AsRoot("token", "revoke", "--accessor", accessor);
        var after = await CofferBinary.RunAsync(["token", "lookup"], asToken);

        Assert.Equal("ci", info.GetProperty("display-name").GetString());
        Assert.Equal("ops", info.GetProperty("meta").GetProperty("team").GetString());
        Assert.Equal("3h", info.GetProperty("explicit-max-ttl").GetString());
        Assert.Equal(["127.0.0.0/8"], info.GetProperty("bound-cidrs").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(accessor, byAccessor.GetProperty("accessor").GetString());
        Assert.Equal(3600, renewed.GetProperty("expires-in").GetInt64());
        Assert.Contains(listed.GetProperty("accessors").EnumerateArray(), a => a.GetProperty("accessor").GetString() == accessor);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(1, after.ExitCode);
    }

    [Fact]
    public async Task Policies_are_written_from_yaml_read_listed_and_deleted()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "reader.yaml");
        await File.WriteAllTextAsync(file, "name: cli-reader\nrest-api:\n  rules:\n    - path: /v1/config/orgs/**\n      operations: {read: allow}\n");

        var write = await AsRoot("policy", "write", "cli-reader", file);
        var read = await AsRoot("policy", "read", "cli-reader");
        var list = await AsRoot("policy", "list");
        var bad = await CofferBinary.RunAsync(["policy", "write", "broken", "-"], Root(), stdin: "rest-api:\n  rules:\n    - path: /a/**/b\n      operations: {read: allow}\n");
        var delete = await AsRoot("policy", "delete", "cli-reader");

        Assert.Equal(0, write.ExitCode);
        Assert.Contains("- path: /v1/config/orgs/**", read.Stdout);
        Assert.Contains("cli-reader", list.Stdout);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("rest-api.rules[0].path", bad.Stderr);
        Assert.Equal(0, delete.ExitCode);
    }

    [Fact]
    public async Task Organizations_machine_accounts_grants_and_access_tokens_are_managed()
    {
        var org = Json(await AsRoot("org", "create", "cli-org", "-o", "json")).GetProperty("id").GetString()!;
        var project = Json(await AsRoot("org", "project", "create", org, "web", "-o", "json")).GetProperty("id").GetString()!;
        var account = Json(await AsRoot("machine-account", "create", "--org", org, "deployer", "-o", "json")).GetProperty("id").GetString()!;
        var grant = await AsRoot("machine-account", "grant", "--org", org, account, project, "--access", "read-write");
        var accounts = await AsRoot("machine-account", "list", "--org", org);
        var token = Json(await AsRoot("access-token", "create", "--org", org, "--machine-account", account, "--name", "deploy", "-o", "json"));
        var tokens = await AsRoot("access-token", "list", "--org", org, "--machine-account", account);
        var revoked = await AsRoot("access-token", "revoke", "--org", org, "--machine-account", account, token.GetProperty("id").GetString()!);
        var revokeGrant = await AsRoot("machine-account", "revoke-grant", "--org", org, account, project);

        Assert.Equal(0, grant.ExitCode);
        Assert.Contains("deployer", accounts.Stdout);
        Assert.StartsWith("0.", token.GetProperty("token").GetString());
        Assert.Contains("deploy", tokens.Stdout);
        Assert.Equal("1 access token revoked.\n", revoked.Stdout);
        Assert.Equal(0, revokeGrant.ExitCode);
    }

    [Fact]
    public async Task An_access_token_expiry_needs_a_zone_and_keeps_the_one_given()
    {
        var org = Json(await AsRoot("org", "create", "expiry-org", "-o", "json")).GetProperty("id").GetString()!;
        var account = Json(await AsRoot("machine-account", "create", "--org", org, "expiring", "-o", "json")).GetProperty("id").GetString()!;
        string[] create = ["access-token", "create", "--org", org, "--machine-account", account, "--name", "t", "-o", "json", "--expires"];

        var local = await AsRoot([.. create, "2030-01-31T00:00:00"]);
        var zoned = Json(await AsRoot([.. create, "2030-01-31T02:00:00+02:00"]));

        Assert.Equal(2, local.ExitCode);
        Assert.Contains("is not an RFC 3339 date with a zone", local.Stderr);
        Assert.Equal(DateTimeOffset.Parse("2030-01-31T00:00:00Z"), zoned.GetProperty("expires").GetDateTimeOffset());
    }

    [Fact]
    public async Task Secret_versions_are_listed_and_restored()
    {
        using var patch = await fixture.Api.PatchAsJsonAsync($"/v1/config/orgs/{fixture.Org}/projects/{fixture.Project}/secrets/{fixture.Secret}", new { value = "rotated" });
        Assert.True(patch.IsSuccessStatusCode);

        var versions = Json(await AsRoot("secret", "versions", "--org", fixture.Org.ToString(), "--project", fixture.Project.ToString(), fixture.Secret.ToString(), "-o", "json"));
        var version = versions.GetProperty("versions")[0].GetProperty("version").GetInt32();
        var restored = Json(await AsRoot("secret", "restore", "--org", fixture.Org.ToString(), "--project", fixture.Project.ToString(), fixture.Secret.ToString(),
            version.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "json"));

        Assert.Equal(" hunter2 ", versions.GetProperty("versions")[0].GetProperty("value").GetString());
        Assert.Equal(" hunter2 ", restored.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Operator_commands_without_a_token_say_how_to_get_one()
    {
        var result = await CofferBinary.RunAsync(["org", "list"], new Dictionary<string, string>
        {
            ["COFFER_ADDR"] = fixture.Server.Address, ["HOME"] = Directory.CreateTempSubdirectory().FullName,
        });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("coffer login", result.Stderr);
    }
}
