using System.CommandLine;
using Coffer.Cli;
using Coffer.Cli.Commands;

var root = new RootCommand("Coffer — secrets for machines. `coffer server --dev` starts a local server.");
GlobalOptions.AddTo(root);
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(OperatorCommands.Create());

var parse = root.Parse(args);
return await CommandRunner.InvokeAsync(parse);
