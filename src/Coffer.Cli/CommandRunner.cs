using System.CommandLine;

namespace Coffer.Cli;

/// <summary>Runs a parsed command: parse errors and CliExceptions become one line on stderr and a non-zero exit.</summary>
public static class CommandRunner
{
    public static async Task<int> InvokeAsync(ParseResult parse)
    {
        if (parse.Errors.Count > 0)
        {
            // "Unrecognized argument 'x'" says more than "Required command was not provided".
            var error = parse.Errors.OrderBy(e => e.Message.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0).First();
            await Console.Error.WriteLineAsync($"Error: {error.Message} (see `{CommandPath(parse.CommandResult.Command)} --help`)");
            return 2;
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
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync("Error: " + e.Message);
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? current = command; current is not null and not RootCommand; current = current.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, current.Name);
        return string.Join(' ', names.Prepend("coffer"));
    }
}
