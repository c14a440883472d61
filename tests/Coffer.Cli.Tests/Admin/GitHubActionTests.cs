using System.Diagnostics;
using System.Text.RegularExpressions;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Admin;

/// <summary>The GitHub Action (action.yml → scripts/github-action.sh → coffer action), with temporary GITHUB_ENV/GITHUB_OUTPUT files.</summary>
public sealed partial class GitHubActionTests(DevServerFixture fixture) : IClassFixture<DevServerFixture>
{
    private sealed record Run(int ExitCode, string Stdout, string Env, string Output);

    private async Task<Run> RunActionAsync(string secrets, string setEnv = "true", string? token = null, Dictionary<string, string>? environment = null)
    {
        var folder = Directory.CreateTempSubdirectory("coffer-action-test-").FullName;
        var (envFile, outputFile) = (Path.Combine(folder, "env"), Path.Combine(folder, "output"));
        await File.WriteAllTextAsync(envFile, "");
        await File.WriteAllTextAsync(outputFile, "");
        var script = Path.Combine(RepositoryRoot(), "scripts", "github-action.sh");
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["COFFER_BIN"] = CofferBinary.Path;
        start.Environment["HOME"] = folder;
        start.Environment["GITHUB_ENV"] = envFile;
        start.Environment["GITHUB_OUTPUT"] = outputFile;
        start.Environment["INPUT_ACCESS_TOKEN"] = token ?? await fixture.TokenAsync(fixture.Writer);
        start.Environment["INPUT_SECRETS"] = secrets;
        start.Environment["INPUT_BASE_URL"] = fixture.Server.Address;
        start.Environment["INPUT_SET_ENV"] = setEnv;
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Run(process.ExitCode, stdout, await File.ReadAllTextAsync(envFile), await File.ReadAllTextAsync(outputFile));
    }

    [Fact]
    public async Task Secrets_by_id_and_by_name_are_masked_and_written_with_random_delimiters()
    {
        await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{fixture.Project}/secrets", new { key = "PEM", value = "line one\nline two" });

        var run = await RunActionAsync($"{fixture.Secret} > DB_PASSWORD\n{fixture.Project}/PEM > CERTIFICATE\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("::add-mask:: hunter2 \n", run.Stdout);
        Assert.Contains("::add-mask::line one\n", run.Stdout);
        Assert.Contains("::add-mask::line two\n", run.Stdout);
        var entries = Heredoc().Matches(run.Env);
        Assert.Equal(2, entries.Count);
        Assert.Equal(("DB_PASSWORD", " hunter2 "), (entries[0].Groups["name"].Value, entries[0].Groups["value"].Value));
        Assert.Equal(("CERTIFICATE", "line one\nline two"), (entries[1].Groups["name"].Value, entries[1].Groups["value"].Value));
        Assert.NotEqual(entries[0].Groups["delimiter"].Value, entries[1].Groups["delimiter"].Value);
        Assert.Equal(2, Heredoc().Matches(run.Output).Count);
        Assert.NotEqual(entries[0].Groups["delimiter"].Value, Heredoc().Matches(run.Output)[0].Groups["delimiter"].Value);
    }

    [Fact]
    public async Task With_set_env_false_only_the_outputs_are_written()
    {
        var run = await RunActionAsync($"{fixture.Secret} > DB_PASSWORD", setEnv: "false");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Env);
        Assert.Single(Heredoc().Matches(run.Output));
    }

    [Fact]
    public async Task Failures_are_reported_as_workflow_errors()
    {
        var unknown = await RunActionAsync($"{Guid.NewGuid()} > NOPE");
        var badLine = await RunActionAsync("not a line");
        var badToken = await RunActionAsync($"{fixture.Secret} > X", token: "0.ec2c1d46-6a4b-4751-a310-af9601317f2d.wrongsecret:X8vbvA0bduihIDe/qrzIQQ==");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("::error::The secrets provided could not be found.", unknown.Stdout);
        Assert.Contains("::error::Error parsing secrets input", badLine.Stdout);
        Assert.Contains("::error::Authentication with Bitwarden failed.", badToken.Stdout);
        Assert.Equal("", unknown.Env + badLine.Env + badToken.Env);
    }

    [Fact]
    public async Task An_ambiguous_project_key_line_lists_the_candidates()
    {
        var first = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{fixture.Project}/secrets", new { key = "TWIN", value = "a" });
        var second = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{fixture.Project}/secrets", new { key = "TWIN", value = "b" });

        var twins = await RunActionAsync($"{fixture.Project}/TWIN > TWIN");
        var none = await RunActionAsync($"{fixture.Project}/NOBODY > NOBODY");

        Assert.Equal(1, twins.ExitCode);
        Assert.Contains($"::error::Multiple secrets with name: 'TWIN' in project {fixture.Project}: ", twins.Stdout);
        Assert.Contains(first.ToString(), twins.Stdout);
        Assert.Contains(second.ToString(), twins.Stdout);
        Assert.Contains($"::error::No secret named 'NOBODY' in project {fixture.Project}", none.Stdout);
        Assert.Equal("", twins.Env + none.Env);
    }

    [Fact]
    public async Task The_base_url_input_wins_over_bws_variables_and_no_temporary_files_are_left()
    {
        var temp = Directory.CreateTempSubdirectory("coffer-action-tmp-").FullName;
        var hostile = new Dictionary<string, string>
        {
            ["BWS_SERVER_URL"] = "http://127.0.0.1:1", ["BWS_PROFILE"] = "nope", ["BWS_CONFIG_FILE"] = Path.Combine(temp, "absent"), ["TMPDIR"] = temp,
        };

        var run = await RunActionAsync($"{fixture.Secret} > DB_PASSWORD", environment: hostile);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"::debug::Coffer API {fixture.Server.Address}/api, identity {fixture.Server.Address}/identity", run.Stdout);
        Assert.Single(Heredoc().Matches(run.Env));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [GeneratedRegex(@"(?<name>\w+)<<(?<delimiter>ghadelimiter_[0-9A-F]{32})\n(?<value>.*?)\n\k<delimiter>\n", RegexOptions.Singleline)]
    private static partial Regex Heredoc();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Coffer.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
