using System.Text.Json;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Admin;

/// <summary>The rest of the operator side through the published binary: every way to revoke, orphans, and organizations.</summary>
public sealed class RevocationAndOrgTests(DevServerFixture fixture) : IClassFixture<DevServerFixture>
{
    private Dictionary<string, string> As(string token) => new()
    {
        ["COFFER_ADDR"] = fixture.Server.Address, ["COFFER_TOKEN"] = token, ["HOME"] = Directory.CreateTempSubdirectory().FullName,
    };

    private Task<CofferBinary.Result> AsRoot(params string[] arguments) => CofferBinary.RunAsync(arguments, As(fixture.RootToken));

    private static JsonElement Json(CofferBinary.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private async Task<string> TokenAsync(string creator, params string[] options) =>
        Json(await CofferBinary.RunAsync(["token", "create", "--ttl", "1h", "-o", "json", .. options], As(creator))).GetProperty("token").GetString()!;

    private async Task<bool> AliveAsync(string token) => (await CofferBinary.RunAsync(["token", "lookup"], As(token))).ExitCode == 0;

    [Fact]
    public async Task A_token_is_revoked_by_itself_by_its_value_or_alone_leaving_its_children()
    {
        var self = await TokenAsync(fixture.RootToken);
        var byValue = await TokenAsync(fixture.RootToken);
        var byValueChild = await TokenAsync(byValue);
        var parent = await TokenAsync(fixture.RootToken);
        var child = await TokenAsync(parent);

        var revokeSelf = await CofferBinary.RunAsync(["token", "revoke", "--self"], As(self));
        var revokeValue = await AsRoot("token", "revoke", byValue);
        var revokeOrphan = await AsRoot("token", "revoke", "--orphan", parent);
        var nothing = await AsRoot("token", "revoke");

        Assert.Equal("Revoked.\n", revokeSelf.Stdout);
        Assert.False(await AliveAsync(self));
        Assert.Equal("Revoked.\n", revokeValue.Stdout);
        Assert.False(await AliveAsync(byValue));
        Assert.False(await AliveAsync(byValueChild));
        Assert.Equal("Revoked.\n", revokeOrphan.Stdout);
        Assert.False(await AliveAsync(parent));
        Assert.True(await AliveAsync(child));
        Assert.Equal(2, nothing.ExitCode);
    }

    [Fact]
    public async Task No_parent_makes_an_orphan_and_no_default_policy_leaves_default_out()
    {
        using (var policy = await fixture.Api.PutAsync("/v1/config/policy/policies/cli-ops", new StringContent(
            "rest-api:\n  rules:\n    - path: /v1/config/orgs/**\n      operations: {read: allow}\n", System.Text.Encoding.UTF8, "application/yaml")))
            Assert.True(policy.IsSuccessStatusCode, await policy.Content.ReadAsStringAsync());
        var orphan = await TokenAsync(fixture.RootToken, "--no-parent", "--no-default-policy", "--policy", "cli-ops");
        var ordinary = await TokenAsync(fixture.RootToken, "--policy", "cli-ops");

        var orphanInfo = Json(await AsRoot("token", "lookup", orphan, "-o", "json"));
        var ordinaryInfo = Json(await AsRoot("token", "lookup", ordinary, "-o", "json"));

        Assert.True(orphanInfo.GetProperty("orphan").GetBoolean());
        Assert.Equal(["cli-ops"], orphanInfo.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.False(ordinaryInfo.GetProperty("orphan").GetBoolean());
        Assert.Contains("default", ordinaryInfo.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Access_token_revoke_all_revokes_every_token_of_the_machine_account()
    {
        var account = await fixture.MachineAccountAsync("revoke-all", "read");
        string[] scope = ["--org", fixture.Org.ToString(), "--machine-account", account.ToString()];
        var tokens = new[] { await fixture.TokenAsync(account), await fixture.TokenAsync(account) };

        var revoked = await AsRoot(["access-token", "revoke", .. scope, "--all"]);
        var listed = Json(await AsRoot(["access-token", "list", .. scope, "-o", "json"]));
        var refused = await new MachineShell(fixture, tokens[1]).RunAsync("secret", "list");

        Assert.Equal("2 access tokens revoked.\n", revoked.Stdout);
        Assert.Empty(listed.GetProperty("access-tokens").EnumerateArray());
        Assert.Equal(1, refused.ExitCode);
    }

    [Fact]
    public async Task Organizations_are_listed_and_deleted_and_their_projects_listed()
    {
        var org = Json(await AsRoot("org", "create", "short-lived", "-o", "json")).GetProperty("id").GetString()!;
        await AsRoot("org", "project", "create", org, "web");

        var list = await AsRoot("org", "list");
        var listJson = Json(await AsRoot("org", "list", "-o", "json"));
        var projects = await AsRoot("org", "project", "list", org);
        var deleted = await AsRoot("org", "delete", org);
        var after = Json(await AsRoot("org", "list", "-o", "json"));

        Assert.Matches(@"^ID +Name +Created\n-+ +-+ +-+\n", list.Stdout);
        Assert.Contains("short-lived", list.Stdout);
        Assert.Contains(listJson.GetProperty("organizations").EnumerateArray(), o => o.GetProperty("id").GetString() == org);
        Assert.Contains(" web ", projects.Stdout);
        Assert.Equal("Organization deleted.\n", deleted.Stdout);
        Assert.DoesNotContain(after.GetProperty("organizations").EnumerateArray(), o => o.GetProperty("id").GetString() == org);
    }
}
