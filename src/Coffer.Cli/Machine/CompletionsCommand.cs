using System.CommandLine;

namespace Coffer.Cli.Machine;

/// <summary>
/// `coffer completions [bash|elvish|fish|powershell|zsh]`: a script that asks coffer itself for completions
/// (System.CommandLine's [suggest] directive), so completions always match this binary's commands.
/// </summary>
public static class CompletionsCommand
{
    private static readonly string[] Shells = ["bash", "elvish", "fish", "powershell", "zsh"];

    public static Command Create()
    {
        var shell = new Argument<string?>("shell") { Arity = ArgumentArity.ZeroOrOne };
        shell.AcceptOnlyFromAmong(Shells);
        var command = new Command("completions", "Generate shell completion files") { shell };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(shell) ?? Path.GetFileName(Environment.GetEnvironmentVariable("SHELL") ?? "") switch
            {
                "pwsh" => "powershell",
                var detected when Shells.Contains(detected) => detected,
                _ => throw new CliException("Couldn't autodetect a valid shell. Run `coffer completions --help` for more info."),
            };
            Console.Out.Write(Script(name));
            return 0;
        });
        return command;
    }

    private static string Script(string shell) => shell switch
    {
        "bash" => """
            _coffer() {
                local IFS=$'\n'
                COMPREPLY=($(coffer "[suggest:${#COMP_LINE}]" "$COMP_LINE" 2>/dev/null))
            }
            complete -o default -F _coffer coffer

            """,
        "zsh" => """
            #compdef coffer
            _coffer() {
                local -a completions
                completions=("${(@f)$(coffer "[suggest:${#BUFFER}]" "$BUFFER" 2>/dev/null)}")
                compadd -- $completions
            }
            compdef _coffer coffer

            """,
        "fish" => """
            complete -c coffer -f -a '(coffer "[suggest:"(string length -- (commandline -cp))"]" (commandline -cp) 2>/dev/null)'

            """,
        "powershell" => """
            Register-ArgumentCompleter -Native -CommandName coffer -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                coffer "[suggest:$cursorPosition]" "$commandAst" | ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
            }

            """,
        _ => """
            set edit:completion:arg-completer[coffer] = {|@words|
                var line = (str:join ' ' $words)
                coffer '[suggest:'(count $line)']' $line
            }

            """,
    };
}
