using System.CommandLine;
using System.Diagnostics;

namespace Coffer.Cli.Machine;

/// <summary>
/// `coffer run`, as `bws run`: the secrets of the organization (or one project) become environment variables
/// named by their keys (or `_&lt;uuid&gt;` with --uuids-as-keynames) for `&lt;shell&gt; -c "&lt;command&gt;"`; the child's
/// exit code is ours. Without --no-inherit-env the current environment is kept, minus the access token.
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

            var byUuid = parse.GetValue(uuids) || Environment.GetEnvironmentVariable("BWS_UUIDS_AS_KEYNAMES") is "true" or "1";
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
            else start.Environment.Remove("BWS_ACCESS_TOKEN");
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
