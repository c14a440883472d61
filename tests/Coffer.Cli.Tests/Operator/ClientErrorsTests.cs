using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Operator;

public class ClientErrorsTests
{
    [Fact]
    public async Task An_unreachable_server_is_named_in_one_line()
    {
        var result = await CofferBinary.RunAsync(["operator", "status", "--address", "http://127.0.0.1:1"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: cannot reach Coffer at http://127.0.0.1:1", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_mistyped_command_is_one_line_that_points_to_help_with_the_usage_exit_code()
    {
        var result = await CofferBinary.RunAsync(["operator", "unsael"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error: Unrecognized command or argument 'unsael'. (see `coffer operator --help`)", result.Stderr.Trim());
    }
}
