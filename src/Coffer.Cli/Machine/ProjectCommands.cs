using System.CommandLine;

namespace Coffer.Cli.Machine;

/// <summary>`coffer project list|get|create|edit|delete`, as `bws project`.</summary>
public static class ProjectCommands
{
    public static Command Create()
    {
        var command = new Command("project", "Commands available on Projects");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Get());
        command.Subcommands.Add(CreateProject());
        command.Subcommands.Add(Edit());
        command.Subcommands.Add(Delete());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list");
        command.SetAction(async (parse, cancel) =>
        {
            using var session = await MachineSession.OpenAsync(parse, cancel);
            BwsOutput.Projects(parse, await new BwsApi(session).ListProjectsAsync(cancel), single: false);
        });
        return command;
    }

    private static Command Get()
    {
        var id = new Argument<Guid>("project-id");
        var command = new Command("get") { id };
        command.SetAction(async (parse, cancel) =>
        {
            using var session = await MachineSession.OpenAsync(parse, cancel);
            BwsOutput.Projects(parse, [await new BwsApi(session).GetProjectAsync(parse.GetValue(id), cancel)], single: true);
        });
        return command;
    }

    private static Command CreateProject()
    {
        var name = new Argument<string>("name");
        var command = new Command("create") { name };
        command.SetAction(async (parse, cancel) =>
        {
            using var session = await MachineSession.OpenAsync(parse, cancel);
            BwsOutput.Projects(parse, [await new BwsApi(session).CreateProjectAsync(parse.GetValue(name)!, cancel)], single: true);
        });
        return command;
    }

    private static Command Edit()
    {
        var id = new Argument<Guid>("project-id");
        var name = new Option<string>("--name") { Required = true };
        var command = new Command("edit") { id, name };
        command.SetAction(async (parse, cancel) =>
        {
            using var session = await MachineSession.OpenAsync(parse, cancel);
            BwsOutput.Projects(parse, [await new BwsApi(session).UpdateProjectAsync(parse.GetValue(id), parse.GetValue(name)!, cancel)], single: true);
        });
        return command;
    }

    private static Command Delete()
    {
        var ids = new Argument<Guid[]>("project-ids") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete") { ids };
        command.SetAction(async (parse, cancel) =>
        {
            using var session = await MachineSession.OpenAsync(parse, cancel);
            var requested = parse.GetValue(ids)!;
            var results = await new BwsApi(session).DeleteProjectsAsync(requested, cancel);
            BulkDelete.Report(requested.Length, results.Where(r => r.Error is not null).Select(r => (r.Id, r.Error!)).ToList(), "project");
        });
        return command;
    }
}

/// <summary>How bws reports a bulk delete: successes on stdout, failures on stderr, then an error if any failed.</summary>
public static class BulkDelete
{
    public static void Report(int requested, IReadOnlyList<(Guid Id, string Error)> failed, string noun)
    {
        var deleted = requested - failed.Count;
        if (deleted >= 1) Console.Out.WriteLine($"{deleted} {noun}{(deleted == 1 ? "" : "s")} deleted successfully.");
        if (failed.Count >= 1) Console.Error.WriteLine(failed.Count == 1 ? $"1 {noun} had an error:" : $"{failed.Count} {noun}s had errors:");
        foreach (var (id, error) in failed) Console.Error.WriteLine($"{id}: {error}");
        if (failed.Count > 0) throw new CliException($"Errors when attempting to delete {noun}s.");
    }
}
