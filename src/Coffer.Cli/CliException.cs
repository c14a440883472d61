namespace Coffer.Cli;

/// <summary>A failure the user should read: printed as one line on stderr, with the exit code.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>A command used wrongly (like a parse error): exit code 2, as bws and other clap tools use.</summary>
public sealed class UsageException(string message) : Exception(message);
