namespace Coffer.Cli;

/// <summary>A failure the user should read: printed as one line on stderr, with the exit code.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
