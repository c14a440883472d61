using Coffer.Cli.Machine;
using Coffer.Cli.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Coffer.Cli.Tests.Admin;

/// <summary>action.yml itself: its inputs reach the binary as GitHub's runner passes them, and .NET is set up only when no binary is found.</summary>
public sealed class ActionYamlTests(DevServerFixture fixture) : IClassFixture<DevServerFixture>
{
    private static readonly string Root = RepositoryRoot();
    private readonly ActionRunner _action = new(Root);

    private async Task<(List<ActionRunner.StepRun> Steps, string Env)> RunAsync(Dictionary<string, string> inputs, Dictionary<string, string>? job = null)
    {
        var folder = Directory.CreateTempSubdirectory("coffer-action-yml-").FullName;
        var env = Path.Combine(folder, "env");
        await File.WriteAllTextAsync(env, "");
        var environment = new Dictionary<string, string> { ["COFFER_BIN"] = CofferBinary.Path, ["HOME"] = folder };
        foreach (var (name, value) in job ?? []) environment[name] = value;
        var steps = await _action.RunAsync(inputs, environment, env);
        return (steps, await File.ReadAllTextAsync(env));
    }

    [Fact]
    public void Every_input_of_sm_action_is_declared_and_mapped_to_its_INPUT_variable()
    {
        var fetch = _action.Steps.Single(s => ActionRunner.Text(s, "name") == "Fetch secrets");
        var env = ((YamlMappingNode)fetch["env"]).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString());
        var inputs = _action.Inputs.Children.Keys.Select(k => k.ToString()).ToList();

        Assert.Equal(["access_token", "secrets", "base_url", "api_url", "identity_url", "cloud_region", "set_env"], inputs);
        Assert.Equal(inputs.ToDictionary(i => "INPUT_" + i.ToUpperInvariant(), i => $"${{{{ inputs.{i} }}}}"), env);
        Assert.Equal("true", ActionRunner.Text((YamlMappingNode)_action.Inputs["set_env"], "default"));
    }

    [Fact]
    public async Task The_base_url_input_wins_over_bws_variables_of_the_job_and_dotnet_is_not_installed_when_coffer_is_found()
    {
        var job = new Dictionary<string, string> { ["BWS_SERVER_URL"] = "http://127.0.0.1:1", ["BWS_PROFILE"] = "nope", ["BWS_ACCESS_TOKEN"] = "0.x" };

        var (steps, env) = await RunAsync(new() { ["access_token"] = await fixture.TokenAsync(fixture.Writer), ["secrets"] = $"{fixture.Secret} > DB_PASSWORD", ["base_url"] = fixture.Server.Address }, job);

        Assert.Equal(["Find coffer", "Set up .NET 10", "Fetch secrets"], steps.Select(s => s.Name));
        Assert.True(steps[1].Skipped);
        Assert.StartsWith("actions/setup-dotnet@", steps[1].Uses);
        Assert.True(steps[2].ExitCode == 0, steps[2].Stdout + steps[2].Stderr);
        Assert.Contains("DB_PASSWORD<<ghadelimiter_", env);
        Assert.Contains("\n hunter2 \n", env);
    }

    [Fact]
    public async Task Api_url_and_identity_url_inputs_name_the_server_together()
    {
        var token = await fixture.TokenAsync(fixture.Writer);
        var address = fixture.Server.Address;

        var (both, env) = await RunAsync(new() { ["access_token"] = token, ["secrets"] = $"{fixture.Secret} > X", ["api_url"] = address + "/api", ["identity_url"] = address + "/identity", ["base_url"] = "http://127.0.0.1:1" });
        var (half, _) = await RunAsync(new() { ["access_token"] = token, ["secrets"] = $"{fixture.Secret} > X", ["api_url"] = address + "/api" });

        Assert.Equal(0, both[^1].ExitCode);
        Assert.Contains("X<<ghadelimiter_", env);
        Assert.Equal(1, half[^1].ExitCode);
        Assert.Contains("::error::Set both api_url and identity_url, or neither", half[^1].Stdout);
    }

    [Fact]
    public async Task Cloud_region_chooses_bitwardens_cloud_over_the_urls_and_must_be_us_or_eu()
    {
        var (bad, _) = await RunAsync(new() { ["access_token"] = await fixture.TokenAsync(fixture.Writer), ["secrets"] = $"{fixture.Secret} > X", ["cloud_region"] = "mars" });
        var inputs = new Dictionary<string, string?> { ["CLOUD_REGION"] = "eu", ["BASE_URL"] = fixture.Server.Address };

        Assert.Equal(1, bad[^1].ExitCode);
        Assert.Contains("::error::cloud_region must be us or eu, not 'mars'", bad[^1].Stdout);
        Assert.Equal(("https://api.bitwarden.eu", "https://identity.bitwarden.eu"), ActionCommand.Urls(name => inputs.GetValueOrDefault(name)));
        Assert.Equal(("https://api.bitwarden.com", "https://identity.bitwarden.com"), ActionCommand.Urls(name => name == "CLOUD_REGION" ? "us" : null));
        Assert.Equal(("https://api.bitwarden.com", "https://identity.bitwarden.com"), ActionCommand.Urls(_ => null));
    }

    [Fact]
    public async Task Without_a_coffer_binary_the_action_sets_up_dotnet_10_before_building_it()
    {
        // A checkout of the action with no artifacts/bin, on a runner without coffer on PATH.
        var bare = Directory.CreateTempSubdirectory("coffer-action-bare-").FullName;
        File.Copy(Path.Combine(Root, "action.yml"), Path.Combine(bare, "action.yml"));
        Directory.CreateDirectory(Path.Combine(bare, "scripts"));
        File.Copy(Path.Combine(Root, "scripts", "github-action.sh"), Path.Combine(bare, "scripts", "github-action.sh"));
        File.SetUnixFileMode(Path.Combine(bare, "scripts", "github-action.sh"), (UnixFileMode)0b111_101_101);
        var runner = new ActionRunner(bare);
        var env = Path.Combine(bare, "env");

        var steps = await runner.RunAsync(new Dictionary<string, string>(), new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, env, stopBefore: "Fetch secrets");

        Assert.Equal("false", steps[0].Outputs["found"]);
        Assert.False(steps[1].Skipped);
        Assert.StartsWith("actions/setup-dotnet@", steps[1].Uses);
        var setup = runner.Steps[1];
        Assert.StartsWith("10.", ((YamlScalarNode)((YamlMappingNode)setup["with"])["dotnet-version"]).Value);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Coffer.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
