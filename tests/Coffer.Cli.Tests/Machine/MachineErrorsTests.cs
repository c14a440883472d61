using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Machine;

/// <summary>What a machine user sees when something is wrong: one line, the reason, a non-zero exit.</summary>
public sealed class MachineErrorsTests(DevServerFixture fixture) : IClassFixture<DevServerFixture>
{
    private static void AssertOneLine(CofferBinary.Result result, string message)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public async Task A_missing_access_token_is_named() =>
        AssertOneLine(await CofferBinary.RunAsync(["secret", "list"], new Dictionary<string, string> { ["BWS_SERVER_URL"] = fixture.Server.Address }), "Missing access token");

    [Theory]
    [InlineData("0.not-a-uuid.secret:AAAAAAAAAAAAAAAAAAAAAA==", "invalid identifier")]
    [InlineData("0.ec2c1d46-6a4b-4751-a310-af9601317f2d.secret", "doesn't contain a decryption key")]
    [InlineData("0.ec2c1d46-6a4b-4751-a310-af9601317f2d.secret:AAAA", "expected 16 bytes, got 3")]
    [InlineData("0.ec2c1d46-6a4b-4751-a310-af9601317f2d:AAAAAAAAAAAAAAAAAAAAAA==", "wrong number of parts")]
    [InlineData("0.ec2c1d46-6a4b-4751-a310-af9601317f2d.secret.extra:AAAAAAAAAAAAAAAAAAAAAA==", "wrong number of parts")]
    [InlineData("1.ec2c1d46-6a4b-4751-a310-af9601317f2d.secret:AAAAAAAAAAAAAAAAAAAAAA==", "wrong version")]
    public async Task A_malformed_token_names_the_wrong_part(string token, string reason) =>
        AssertOneLine(await CofferBinary.RunAsync(["secret", "list", "--access-token", token, "--server-url", fixture.Server.Address]), reason);

    [Fact]
    public async Task No_subcommand_prints_the_help_on_stderr_and_exits_1_as_bws()
    {
        var bare = await CofferBinary.RunAsync([]);
        var withOptions = await CofferBinary.RunAsync(["-o", "yaml"]);

        Assert.All(new[] { bare, withOptions }, result =>
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Equal("", result.Stdout);
            Assert.Contains("Usage:", result.Stderr);
            Assert.Contains("secret", result.Stderr);
            Assert.DoesNotContain("Required command", result.Stderr);
        });
    }

    [Fact]
    public async Task Run_without_a_command_on_a_terminal_says_no_command_provided()
    {
        // `script` gives the binary a terminal for stdin, as a person typing `coffer run` has.
        var environment = new Dictionary<string, string> { ["BWS_ACCESS_TOKEN"] = await fixture.TokenAsync(fixture.Writer), ["BWS_SERVER_URL"] = fixture.Server.Address };
        var start = CofferBinary.StartInfo([], environment, null);
        start.FileName = "script";
        start.ArgumentList.Add("-qec");
        start.ArgumentList.Add($"'{CofferBinary.Path}' run");
        start.ArgumentList.Add("/dev/null");
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Error: No command provided", output);
    }

    [Fact]
    public async Task Delete_reports_each_refused_id_then_fails_as_bws()
    {
        var readOnly = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects", new { name = "read only" });
        var theirs = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{readOnly}/secrets", new { key = "THEIRS", value = "x" });
        var writable = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects", new { name = "writable" });
        var mine = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{writable}/secrets", new { key = "MINE", value = "x" });
        var account = await fixture.MachineAccountAsync("half", "read", readOnly);
        using (var grant = await fixture.Api.PutAsync($"/v1/config/orgs/{fixture.Org}/machine-accounts/{account}/grants/{writable}",
            new StringContent("{\"access\":\"read-write\"}", System.Text.Encoding.UTF8, "application/json")))
            Assert.True(grant.IsSuccessStatusCode);
        var shell = new MachineShell(fixture, await fixture.TokenAsync(account));

        var secrets = await shell.RunAsync("secret", "delete", mine.ToString(), theirs.ToString());
        var projects = await shell.RunAsync("project", "delete", readOnly.ToString());

        Assert.Equal(1, secrets.ExitCode);
        Assert.Equal("1 secret deleted successfully.\n", secrets.Stdout);
        Assert.Equal($"1 secret had an error:\n{theirs}: access denied\nError: Errors when attempting to delete secrets.\n", secrets.Stderr);
        Assert.Equal(1, projects.ExitCode);
        Assert.Equal("", projects.Stdout);
        Assert.Equal($"1 project had an error:\n{readOnly}: access denied\nError: Errors when attempting to delete projects.\n", projects.Stderr);
    }

    [Fact]
    public async Task An_unreachable_server_is_named()
    {
        var token = await fixture.TokenAsync(fixture.Writer);
        AssertOneLine(await CofferBinary.RunAsync(["secret", "list", "--access-token", token, "--server-url", "http://127.0.0.1:1"],
            new Dictionary<string, string> { ["HOME"] = fixture.Folder }), "cannot reach Coffer at http://127.0.0.1:1/identity");
    }

    [Fact]
    public async Task An_untrusted_certificate_says_how_to_trust_it_and_ssl_cert_file_does()
    {
        var token = await fixture.TokenAsync(fixture.Writer);
        var home = new Dictionary<string, string> { ["HOME"] = Directory.CreateTempSubdirectory().FullName };
        var https = fixture.Server.Https!.ToString().TrimEnd('/');

        var untrusted = await CofferBinary.RunAsync(["secret", "list", "--access-token", token, "--server-url", https, "-o", "none"], home);
        var trusted = await CofferBinary.RunAsync(["secret", "list", "--access-token", token, "--server-url", https, "-o", "none"],
            new Dictionary<string, string>(home) { ["SSL_CERT_FILE"] = fixture.CaFile });
        var caCert = await CofferBinary.RunAsync(["secret", "list", "--access-token", token, "--server-url", https, "--ca-cert", fixture.CaFile, "-o", "none"], home);

        AssertOneLine(untrusted, "SSL_CERT_FILE");
        Assert.Contains("--ca-cert", untrusted.Stderr);
        Assert.Equal(0, trusted.ExitCode);
        Assert.Equal(0, caCert.ExitCode);
    }

    [Fact]
    public async Task A_read_only_machine_account_sees_the_servers_refusal()
    {
        var reader = await fixture.MachineAccountAsync("reader", "read");
        var shell = new MachineShell(fixture, await fixture.TokenAsync(reader));

        var result = await shell.RunAsync("secret", "create", "NOPE", "v", fixture.Project.ToString());

        AssertOneLine(result, "Received error message from server: [404 Not Found]");
    }
}
