using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Machine;

/// <summary>The flags and environment variables bws reads, through the published binary: where the token, server and profile come from.</summary>
public sealed class MachineEnvironmentTests(DevServerFixture fixture) : IClassFixture<DevServerFixture>
{
    private const string Garbage = "0.ec2c1d46-6a4b-4751-a310-af9601317f2d.wrong:X8vbvA0bduihIDe/qrzIQQ==";
    private readonly string _home = Directory.CreateTempSubdirectory("coffer-cli-env-").FullName;

    private Task<CofferBinary.Result> Run(string[] arguments, params (string Name, string Value)[] environment)
    {
        var variables = new Dictionary<string, string> { ["HOME"] = _home };
        foreach (var (name, value) in environment) variables[name] = value;
        return CofferBinary.RunAsync(arguments, variables);
    }

    private static void AssertFound(CofferBinary.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("hunter2", result.Stdout);
    }

    private string[] Get => ["secret", "get", fixture.Secret.ToString()];

    [Fact]
    public async Task The_token_comes_from_t_then_bws_access_token_then_coffer_access_token()
    {
        var token = await fixture.TokenAsync(fixture.Writer);
        var server = ("BWS_SERVER_URL", fixture.Server.Address);

        var coffer = await Run(Get, server, ("COFFER_ACCESS_TOKEN", token));
        var bwsFirst = await Run(Get, server, ("BWS_ACCESS_TOKEN", token), ("COFFER_ACCESS_TOKEN", Garbage));
        var flag = await Run([.. Get, "-t", token], server);
        var flagFirst = await Run([.. Get, "-t", token], server, ("BWS_ACCESS_TOKEN", Garbage));

        AssertFound(coffer);
        AssertFound(bwsFirst);
        AssertFound(flag);
        AssertFound(flagFirst);
    }

    [Fact]
    public async Task Bws_config_file_and_bws_profile_choose_the_server()
    {
        var token = await fixture.TokenAsync(fixture.Writer);
        var config = Path.Combine(_home, "bws-config");
        await File.WriteAllTextAsync(config, $"[profiles.default]\nserver_base = \"http://127.0.0.1:1\"\n\n[profiles.dev]\nserver_base = \"{fixture.Server.Address}\"\n");

        var byProfile = await Run(Get, ("BWS_ACCESS_TOKEN", token), ("BWS_CONFIG_FILE", config), ("BWS_PROFILE", "dev"));
        var byDefault = await Run(Get, ("BWS_ACCESS_TOKEN", token), ("BWS_CONFIG_FILE", config));
        var unknown = await Run(Get, ("BWS_ACCESS_TOKEN", token), ("BWS_CONFIG_FILE", config), ("BWS_PROFILE", "nope"));
        var missing = await Run(Get, ("BWS_ACCESS_TOKEN", token), ("BWS_CONFIG_FILE", Path.Combine(_home, "absent")));

        AssertFound(byProfile);
        Assert.Contains("cannot reach Coffer at http://127.0.0.1:1", byDefault.Stderr);
        Assert.Contains("The specified profile does not exist", unknown.Stderr);
        Assert.Contains("Config file doesn't exist", missing.Stderr);
    }

    [Fact]
    public async Task Bws_uuids_as_keynames_takes_true_or_false_as_bws_does()
    {
        var shell = new MachineShell(fixture, await fixture.TokenAsync(fixture.Writer));
        var name = "_" + fixture.Secret.ToString().Replace('-', '_');
        string[] run = ["run", "--", $"echo \"[${{{name}:-no uuid}}] [${{DB_PASS:-no key}}]\""];

        var on = await shell.RunAsync(run, ("BWS_UUIDS_AS_KEYNAMES", "true"));
        var off = await shell.RunAsync(run, ("BWS_UUIDS_AS_KEYNAMES", "false"));
        var other = await shell.RunAsync(run, ("BWS_UUIDS_AS_KEYNAMES", "1"));

        Assert.Equal("[ hunter2 ] [no key]\n", on.Stdout);
        Assert.Equal("[no uuid] [ hunter2 ]\n", off.Stdout);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("invalid value '1' for '--uuids-as-keynames'", other.Stderr);
        Assert.Contains("[possible values: true, false]", other.Stderr);
    }

    [Fact]
    public async Task Color_is_accepted_as_bws_takes_it_and_never_colors()
    {
        var shell = new MachineShell(fixture, await fixture.TokenAsync(fixture.Writer));

        var plain = await shell.RunAsync([.. Get, "-c", "no"]);
        var yes = await shell.RunAsync([.. Get, "--color", "yes", "-o", "yaml"]);
        var auto = await shell.RunAsync([.. Get, "-c", "auto", "-o", "env"]);
        var bad = await shell.RunAsync([.. Get, "-c", "always"]);

        Assert.All(new[] { plain, yes, auto }, r => { AssertFound(r); Assert.DoesNotContain('\u001b', r.Stdout); });
        Assert.Equal(2, bad.ExitCode);
    }
}
