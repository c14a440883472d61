using System.CommandLine;

namespace Coffer.Cli;

/// <summary>Options every client command shares; each falls back to an environment variable.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Address = new("--address")
    {
        Description = "Coffer server address [env: COFFER_ADDR] (default http://127.0.0.1:8200)", Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Token for operator commands [env: COFFER_TOKEN; default: the one `coffer login` saved]", Recursive = true,
    };

    public static readonly Option<string?> CaCert = new("--ca-cert")
    {
        Description = "PEM file of a CA to trust for HTTPS [env: COFFER_CACERT]", Recursive = true,
    };

    /// <summary>One -o for every command; each command has its own default (operator: table, machine: json, as bws).</summary>
    public static readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "Output format: json, yaml, env, table, tsv or none (operator commands: json, yaml or table)", Recursive = true,
    };

    static GlobalOptions() => Output.AcceptOnlyFromAmong("json", "yaml", "env", "table", "tsv", "none");

    public static void AddTo(Command root)
    {
        root.Options.Add(Address);
        root.Options.Add(Token);
        root.Options.Add(CaCert);
        root.Options.Add(Output);
    }

    public static string ResolveAddress(ParseResult parse) =>
        (parse.GetValue(Address) ?? Environment.GetEnvironmentVariable("COFFER_ADDR") ?? "http://127.0.0.1:8200").TrimEnd('/');

    /// <summary>--token, else COFFER_TOKEN, else the token `coffer login` saved.</summary>
    public static string? ResolveToken(ParseResult parse) =>
        parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("COFFER_TOKEN") ?? Client.TokenFile.Read();

    public static string? ResolveCaCert(ParseResult parse) =>
        parse.GetValue(CaCert) ?? Environment.GetEnvironmentVariable("COFFER_CACERT");
}
