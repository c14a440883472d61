using System.CommandLine;
using Coffer.Cli;
using Coffer.Cli.Commands;
using Coffer.Cli.Machine;

var root = new RootCommand("Coffer — secrets for machines. `coffer server --dev` starts a local server; the machine commands work like `bws`.");
GlobalOptions.AddTo(root);
MachineOptions.AddTo(root);
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(OperatorCommands.Create());
root.Subcommands.Add(ProjectCommands.Create());
var secret = new Command("secret", "Commands available on Secrets");
SecretCommands.AddTo(secret);
SecretVersionCommands.AddTo(secret);
root.Subcommands.Add(secret);
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(CompletionsCommand.Create());
root.Subcommands.Add(ActionCommand.Create());
root.Subcommands.Add(BenchCeilingCommand.Create());
root.Subcommands.Add(LoginCommand.Create());
root.Subcommands.Add(TokenCommands.Create());
root.Subcommands.Add(PolicyCommands.Create());
root.Subcommands.Add(OrgCommands.Create());
root.Subcommands.Add(MachineAccountCommands.Create());
root.Subcommands.Add(MachineAccountCommands.AccessTokens());
// No subcommand: the help on stderr and exit 1, as bws does.
root.SetAction(_ =>
{
    root.Parse("--help").Invoke(new InvocationConfiguration { Output = Console.Error });
    return 1;
});

return await CommandRunner.InvokeAsync(root.Parse(args));
