using System.CommandLine;

namespace Coffer.Cli;

/// <summary>Runs a parsed command: parse errors and CliExceptions become one line on stderr and a non-zero exit.</summary>
public static class CommandRunner
{
    public static async Task<int> InvokeAsync(ParseResult parse)
    {
        if (parse.Errors.Count > 0 && parse.Action is null)
        {
            await Console.Error.WriteLineAsync("Error: " + parse.Errors[0].Message);
            return 1;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync("Error: " + e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }
}
