using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Machine;

/// <summary>`coffer run` injects secrets as bws does.</summary>
public sealed class RunCommandTests(DevServerFixture fixture) : IClassFixture<DevServerFixture>
{
    private async Task<MachineShell> ShellAsync() => new(fixture, await fixture.TokenAsync(fixture.Writer));

    [Fact]
    public async Task Secrets_become_environment_variables_and_the_childs_exit_code_is_returned()
    {
        var shell = await ShellAsync();

        var result = await shell.RunAsync(["run", "--", "echo \"[$DB_PASS]\"; echo \"token:${BWS_ACCESS_TOKEN:-gone}\"; exit 7"], ("KEEP_ME", "kept"));

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("[ hunter2 ]", result.Stdout);
        Assert.Contains("token:gone", result.Stdout);
    }

    [Fact]
    public async Task No_variable_that_carries_the_access_token_reaches_the_child()
    {
        var token = await fixture.TokenAsync(fixture.Writer);
        var environment = new Dictionary<string, string>
        {
            ["COFFER_ACCESS_TOKEN"] = token, ["DEPLOY_TOKEN"] = token, ["BWS_SERVER_URL"] = fixture.Server.Address, ["HOME"] = fixture.Folder,
        };

        var viaCoffer = await CofferBinary.RunAsync(["run", "--", "env"], environment);
        var viaBoth = await CofferBinary.RunAsync(["run", "--", "env"], new Dictionary<string, string>(environment) { ["BWS_ACCESS_TOKEN"] = token });

        Assert.Equal(0, viaCoffer.ExitCode);
        Assert.Contains("DB_PASS= hunter2 \n", viaCoffer.Stdout);
        var clientSecret = token.Split('.')[2].Split(':')[0];
        Assert.DoesNotContain(clientSecret, viaCoffer.Stdout);
        Assert.DoesNotContain(clientSecret, viaBoth.Stdout);
        Assert.DoesNotContain("COFFER_ACCESS_TOKEN", viaCoffer.Stdout);
        Assert.Contains("BWS_SERVER_URL=", viaCoffer.Stdout);
    }

    [Fact]
    public async Task No_inherit_env_keeps_only_path_and_the_secrets()
    {
        var shell = await ShellAsync();

        var inherit = await shell.RunAsync(["run", "--", "echo \"${KEEP_ME:-missing}\""], ("KEEP_ME", "kept"));
        var clean = await shell.RunAsync(["run", "--no-inherit-env", "--", "echo \"${KEEP_ME:-missing} $DB_PASS\""], ("KEEP_ME", "kept"));

        Assert.Equal("kept\n", inherit.Stdout);
        Assert.Equal("missing  hunter2 \n", clean.Stdout);
    }

    [Fact]
    public async Task Uuids_can_name_the_variables()
    {
        var shell = await ShellAsync();
        var name = "_" + fixture.Secret.ToString().Replace('-', '_');

        var result = await shell.RunAsync("run", "--uuids-as-keynames", "--", $"echo \"${name}\"");

        Assert.Equal(" hunter2 \n", result.Stdout);
    }

    [Fact]
    public async Task The_command_can_come_from_stdin()
    {
        var shell = await ShellAsync();

        var result = await CofferBinary.RunAsync(["run"], shell.Environment(), stdin: "echo \"from stdin $DB_PASS\"");

        Assert.Equal("from stdin  hunter2 \n", result.Stdout);
    }

    [Fact]
    public async Task Duplicate_names_are_refused_and_odd_names_warned_about()
    {
        var project = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects", new { name = "dupes" });
        await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{project}/secrets", new { key = "SAME", value = "1" });
        await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{project}/secrets", new { key = "SAME", value = "2" });
        var oddProject = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects", new { name = "odd" });
        await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{oddProject}/secrets", new { key = "not-posix", value = "x" });
        var account = await fixture.MachineAccountAsync("dupes", "read", project);
        var oddAccount = await fixture.MachineAccountAsync("odd", "read", oddProject);

        var duplicate = await new MachineShell(fixture, await fixture.TokenAsync(account)).RunAsync("run", "--project-id", project.ToString(), "--", "true");
        var odd = await new MachineShell(fixture, await fixture.TokenAsync(oddAccount)).RunAsync("run", "--", "true");

        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("Multiple secrets with name: 'SAME'. Use --uuids-as-keynames or use unique names for secrets", duplicate.Stderr);
        Assert.Equal(0, odd.ExitCode);
        Assert.Contains("Warning: secret 'not-posix' does not have a POSIX-compliant name", odd.Stderr);
    }

    [Fact]
    public async Task An_unknown_shell_is_named()
    {
        var result = await (await ShellAsync()).RunAsync("run", "--shell", "no-such-shell", "--", "true");

        Assert.Contains("Shell 'no-such-shell' not found", result.Stderr);
    }
}
