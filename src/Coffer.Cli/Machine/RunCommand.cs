using System.CommandLine;
using System.Diagnostics;

namespace Coffer.Cli.Machine;

/// <summary>
/// `coffer run`, as `bws run`: the secrets of the organization (or one project) become environment variables
/// named by their keys (or `_&lt;uuid&gt;` with --uuids-as-keynames) for `&lt;shell&gt; -c "&lt;command&gt;"`; the child's
/// exit code is ours. Without --no-inherit-env the current environment is kept, minus every variable that carries the access token.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var commandArgs = new Argument<string[]>("command") { Description = "The command to run", Arity = ArgumentArity.ZeroOrMore };
        var shell = new Option<string?>("--shell") { Description = "The shell to use" };
        var noInherit = new Option<bool>("--no-inherit-env") { Description = "Don't inherit environment variables from the current shell" };
        var project = new Option<Guid?>("--project-id") { Description = "The ID of the project to use" };
        var uuids = new Option<bool>("--uuids-as-keynames") { Description = "Use the secret UUID (in its POSIX form) instead of the key name for the environment variable [env: BWS_UUIDS_AS_KEYNAMES]" };
        var command = new Command("run", "Run a command with secrets injected") { commandArgs, shell, noInherit, project, uuids };
        command.SetAction(async (parse, cancel) =>
        {
            var shellName = parse.GetValue(shell) ?? "sh";
            var shellPath = Which(shellName) ?? throw new CliException($"Shell '{shellName}' not found");
            var words = parse.GetValue(commandArgs) ?? [];
            string userCommand;
            if (words.Length > 0) userCommand = string.Join(' ', words);
            else if (!Console.IsInputRedirected) throw new CliException("No command provided");
            else userCommand = await Console.In.ReadToEndAsync(cancel);

            var byUuid = parse.GetValue(uuids) || UuidsFromEnvironment();
            using var session = await MachineSession.OpenAsync(parse, cancel);
            var api = new BwsApi(session);
            var ids = await api.ListSecretIdsAsync(parse.GetValue(project), cancel);
            var secrets = await api.GetSecretsAsync(ids, cancel);
            if (!byUuid && secrets.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
                throw new CliException($"Multiple secrets with name: '{duplicate.Key}'. Use --uuids-as-keynames or use unique names for secrets");

            var start = new ProcessStartInfo(shellPath) { UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(userCommand);
            if (parse.GetValue(noInherit))
            {
                var path = Environment.GetEnvironmentVariable("PATH") ?? "/bin:/usr/bin";
                start.Environment.Clear();
                start.Environment["PATH"] = path;
            }
            else WithoutToken(start.Environment, MachineOptions.Token(parse));
            foreach (var secret in secrets)
            {
                var name = byUuid ? "_" + secret.Id.ToString().Replace('-', '_') : secret.Key;
                if (!BwsOutput.IsValidPosixName(name)) await Console.Error.WriteLineAsync($"Warning: secret '{name}' does not have a POSIX-compliant name");
                start.Environment[name] = secret.Value;
            }
            using var child = Process.Start(start) ?? throw new CliException("Failed to execute process");
            await child.WaitForExitAsync(cancel);
            return child.ExitCode;
        });
        return command;
    }

    /// <summary>BWS_UUIDS_AS_KEYNAMES as bws (clap's bool flag) takes it: true or false, anything else is a usage error.</summary>
    private static bool UuidsFromEnvironment() => Environment.GetEnvironmentVariable("BWS_UUIDS_AS_KEYNAMES") switch
    {
        null or "" or "false" => false,
        "true" => true,
        var other => throw new UsageException($"invalid value '{other}' for '--uuids-as-keynames' (from BWS_UUIDS_AS_KEYNAMES) [possible values: true, false]"),
    };

    /// <summary>The child gets no copy of the access token: not BWS_ACCESS_TOKEN, not COFFER_ACCESS_TOKEN, nor any variable holding it.</summary>
    private static void WithoutToken(IDictionary<string, string?> environment, string? token)
    {
        environment.Remove("BWS_ACCESS_TOKEN");
        environment.Remove("COFFER_ACCESS_TOKEN");
        if (token?.Trim() is not { Length: > 0 } text) return;
        foreach (var name in environment.Where(e => e.Value?.Contains(text, StringComparison.Ordinal) == true).Select(e => e.Key).ToList())
            environment.Remove(name);
    }

    private static string? Which(string name)
    {
        if (name.Contains('/')) return File.Exists(name) ? name : null;
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "/bin:/usr/bin").Split(':'))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
