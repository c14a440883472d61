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
    public async Task A_malformed_token_names_the_wrong_part(string token, string reason) =>
        AssertOneLine(await CofferBinary.RunAsync(["secret", "list", "--access-token", token, "--server-url", fixture.Server.Address]), reason);

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
