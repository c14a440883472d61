using System.CommandLine;

namespace Coffer.Cli.Machine;

/// <summary>`coffer secret list|get|create|edit|delete`, as `bws secret`, plus lookup by name (`get --project P KEY`).</summary>
public static class SecretCommands
{
    public static void AddTo(Command secret)
    {
        secret.Subcommands.Add(List());
        secret.Subcommands.Add(Get());
        secret.Subcommands.Add(CreateSecret());
        secret.Subcommands.Add(Edit());
        secret.Subcommands.Add(Delete());
    }

    private static Command List()
    {
        var project = new Argument<Guid?>("project-id") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list") { project };
        command.SetAction(async (parse, cancel) =>
        {
            using var session = await MachineSession.OpenAsync(parse, cancel);
            var api = new BwsApi(session);
            var ids = await api.ListSecretIdsAsync(parse.GetValue(project), cancel);
            BwsOutput.Secrets(parse, ids.Count == 0 ? [] : await api.GetSecretsAsync(ids, cancel), single: false);
        });
        return command;
    }

    private static Command Get()
    {
        var id = new Argument<string>("secret-id") { Description = "The secret's ID, or its name (key) with --project" };
        var project = new Option<Guid?>("--project") { Description = "Find the secret by name in this project" };
        var command = new Command("get") { id, project };
        command.SetAction(async (parse, cancel) =>
        {
            var argument = parse.GetValue(id)!;
            Guid secretId;
            using var session = await MachineSession.OpenAsync(parse, cancel);
            var api = new BwsApi(session);
            if (parse.GetValue(project) is { } projectId)
            {
                secretId = SecretNames.Single(await api.FindByNameAsync(projectId, argument, cancel), argument, projectId, "Get one by its ID");
            }
            else if (!Guid.TryParse(argument, out secretId))
                throw new UsageException($"invalid value '{argument}' for '<SECRET_ID>': not a UUID (to get a secret by name, add --project <PROJECT_ID>)");
            BwsOutput.Secrets(parse, [await api.GetSecretAsync(secretId, cancel)], single: true);
        });
        return command;
    }

    private static Command CreateSecret()
    {
        var key = new Argument<string>("key");
        var value = new Argument<string>("value");
        var project = new Argument<Guid>("project-id") { Description = "The ID of the project this secret will be added to" };
        var note = new Option<string?>("--note") { Description = "An optional note to add to the secret" };
        var command = new Command("create") { key, value, project, note };
        command.SetAction(async (parse, cancel) =>
        {
            using var session = await MachineSession.OpenAsync(parse, cancel);
            var created = await new BwsApi(session).CreateSecretAsync(parse.GetValue(key)!, parse.GetValue(value)!, parse.GetValue(note) ?? "", parse.GetValue(project), cancel);
            BwsOutput.Secrets(parse, [created], single: true);
        });
        return command;
    }

    private static Command Edit()
    {
        var id = new Argument<Guid>("secret-id");
        var key = new Option<string?>("--key");
        var value = new Option<string?>("--value");
        var note = new Option<string?>("--note");
        var project = new Option<Guid?>("--project-id");
        var command = new Command("edit") { id, key, value, note, project };
        command.Validators.Add(result =>
        {
            if (new Option[] { key, value, note, project }.All(o => result.GetResult(o) is null))
                result.AddError("the following required arguments were not provided: <--key <KEY>|--value <VALUE>|--note <NOTE>|--project-id <PROJECT_ID>>");
        });
        command.SetAction(async (parse, cancel) =>
        {
            using var session = await MachineSession.OpenAsync(parse, cancel);
            var api = new BwsApi(session);
            var old = await api.GetSecretAsync(parse.GetValue(id), cancel);
            var updated = await api.UpdateSecretAsync(old.Id, parse.GetValue(key) ?? old.Key, parse.GetValue(value) ?? old.Value,
                parse.GetValue(note) ?? old.Note, parse.GetValue(project) ?? old.ProjectId, cancel);
            BwsOutput.Secrets(parse, [updated], single: true);
        });
        return command;
    }

    private static Command Delete()
    {
        var ids = new Argument<Guid[]>("secret-ids") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete") { ids };
        command.SetAction(async (parse, cancel) =>
        {
            using var session = await MachineSession.OpenAsync(parse, cancel);
            var requested = parse.GetValue(ids)!;
            var results = await new BwsApi(session).DeleteSecretsAsync(requested, cancel);
            BulkDelete.Report(requested.Length, results.Where(r => r.Error is not null).Select(r => (r.Id, r.Error!)).ToList(), "secret");
        });
        return command;
    }
}
