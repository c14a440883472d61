using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Coffer.Cli.Tests.Admin;

/// <summary>
/// action.yml read and run the way GitHub's runner runs a composite action: each step's env mapping with
/// `${{ inputs.x }}` filled from the given inputs (or the input's default, or empty), `run` steps executed
/// with `bash --noprofile --norc -eo pipefail`, a GITHUB_OUTPUT file per step read back as its outputs, and
/// the `if:` conditions this action uses evaluated. A `uses:` step is recorded, not run.
/// </summary>
public sealed partial class ActionRunner(string actionPath)
{
    public YamlMappingNode Action { get; } = Load(Path.Combine(actionPath, "action.yml"));

    public YamlMappingNode Inputs => (YamlMappingNode)Action["inputs"];

    public IReadOnlyList<YamlMappingNode> Steps => ((YamlSequenceNode)((YamlMappingNode)Action["runs"])["steps"]).Cast<YamlMappingNode>().ToList();

    public sealed record StepRun(string Name, bool Skipped, string? Uses, int ExitCode, string Stdout, string Stderr, Dictionary<string, string> Outputs);

    /// <summary>Runs the steps in order, up to (not including) the step named <paramref name="stopBefore"/>.</summary>
    public async Task<List<StepRun>> RunAsync(IReadOnlyDictionary<string, string> inputs, IReadOnlyDictionary<string, string> job, string githubEnv, string? stopBefore = null)
    {
        var runs = new List<StepRun>();
        var outputs = new Dictionary<string, Dictionary<string, string>>();
        foreach (var step in Steps)
        {
            var name = Text(step, "name") ?? "";
            if (name == stopBefore) break;
            if (Text(step, "if") is { } condition && !Holds(condition, outputs))
            {
                runs.Add(new StepRun(name, true, Text(step, "uses"), 0, "", "", []));
                continue;
            }
            if (Text(step, "uses") is { } uses)
            {
                runs.Add(new StepRun(name, false, uses, 0, "", "", []));
                continue;
            }
            var run = await RunStepAsync(step, name, inputs, job, githubEnv);
            runs.Add(run);
            if (Text(step, "id") is { } id) outputs[id] = run.Outputs;
            if (run.ExitCode != 0) break;
        }
        return runs;
    }

    private async Task<StepRun> RunStepAsync(YamlMappingNode step, string name, IReadOnlyDictionary<string, string> inputs, IReadOnlyDictionary<string, string> job, string githubEnv)
    {
        var folder = Directory.CreateTempSubdirectory("coffer-step-").FullName;
        var script = Path.Combine(folder, "step.sh");
        await File.WriteAllTextAsync(script, Text(step, "run"));
        var outputFile = Path.Combine(folder, "output");
        await File.WriteAllTextAsync(outputFile, "");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--noprofile", "--norc", "-eo", "pipefail", script }) start.ArgumentList.Add(argument);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("INPUT_", StringComparison.Ordinal) || k.StartsWith("BWS_", StringComparison.Ordinal) || k.StartsWith("COFFER_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in job) start.Environment[key] = value;
        start.Environment["GITHUB_ACTION_PATH"] = actionPath;
        start.Environment["GITHUB_OUTPUT"] = outputFile;
        start.Environment["GITHUB_ENV"] = githubEnv;
        if (step.Children.TryGetValue(new YamlScalarNode("env"), out var env))
            foreach (var (key, value) in ((YamlMappingNode)env).Children)
                start.Environment[((YamlScalarNode)key).Value!] = Expand(((YamlScalarNode)value).Value ?? "", inputs);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var outputs = (await File.ReadAllLinesAsync(outputFile)).Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
        Directory.Delete(folder, recursive: true);
        return new StepRun(name, false, null, process.ExitCode, await stdout, await stderr, outputs);
    }

    /// <summary>`${{ inputs.name }}` → the given input, else its default, else "" (as the runner does).</summary>
    public string Expand(string text, IReadOnlyDictionary<string, string> inputs) => Expression().Replace(text, match =>
    {
        var input = match.Groups["input"].Value;
        if (inputs.TryGetValue(input, out var given)) return given;
        return Inputs.Children.TryGetValue(new YamlScalarNode(input), out var spec) && Text((YamlMappingNode)spec, "default") is { } fallback ? fallback : "";
    });

    private static bool Holds(string condition, Dictionary<string, Dictionary<string, string>> outputs)
    {
        var match = Condition().Match(condition);
        if (!match.Success) throw new NotSupportedException($"the test runner does not understand the condition '{condition}'");
        var actual = outputs.GetValueOrDefault(match.Groups["step"].Value)?.GetValueOrDefault(match.Groups["output"].Value) ?? "";
        return match.Groups["op"].Value == "!=" ? actual != match.Groups["value"].Value : actual == match.Groups["value"].Value;
    }

    public static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"\$\{\{\s*inputs\.(?<input>[a-z_]+)\s*\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^\s*steps\.(?<step>[a-z_-]+)\.outputs\.(?<output>[a-z_]+)\s*(?<op>==|!=)\s*'(?<value>[^']*)'\s*$")]
    private static partial Regex Condition();
}
