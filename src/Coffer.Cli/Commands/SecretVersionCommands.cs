using System.CommandLine;
using Coffer.Cli.Client;
using Coffer.Cli.Output;
using Coffer.Server.Secrets;

namespace Coffer.Cli.Commands;

/// <summary>`coffer secret versions|restore` (operator side): a secret's history and putting an old value back.</summary>
public static class SecretVersionCommands
{
    public static void AddTo(Command secret)
    {
        var org = new Option<Guid>("--org") { Required = true, Description = "The organization" };
        var project = new Option<Guid>("--project") { Required = true, Description = "The secret's project" };
        var id = new Argument<Guid>("secret-id");
        var versions = new Command("versions", "List a secret's previous versions, newest first") { org, project, id };
        versions.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var list = await client.GetAsync($"/v1/config/orgs/{parse.GetValue(org)}/projects/{parse.GetValue(project)}/secrets/{parse.GetValue(id)}/versions?limit=1000",
                SecretsJson.Native.VersionList, cancel);
            TokenCommands.PrintList(parse, list, SecretsJson.Native.VersionList, ["Version", "Key", "Value", "Created"],
                list.Versions.Select(v => new[] { v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Key, v.Value, TokenCommands.Time(v.CreationTime) }));
            return 0;
        });
        var restoreOrg = new Option<Guid>("--org") { Required = true, Description = "The organization" };
        var restoreProject = new Option<Guid>("--project") { Required = true, Description = "The secret's project" };
        var restoreId = new Argument<Guid>("secret-id");
        var version = new Argument<int>("version");
        var restore = new Command("restore", "Make a previous version current again (the current one is kept as a version)") { restoreOrg, restoreProject, restoreId, version };
        restore.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var restored = await client.SendAsync(HttpMethod.Post,
                $"/v1/state/orgs/{parse.GetValue(restoreOrg)}/projects/{parse.GetValue(restoreProject)}/secrets/{parse.GetValue(restoreId)}/restore-version",
                new RestoreBody { Version = parse.GetValue(version) }, SecretsJson.Native.RestoreBody, SecretsJson.Native.SecretView, cancel);
            Printer.Print(parse, restored, SecretsJson.Native.SecretView, s => [("id", s.Id.ToString()), ("key", s.Key), ("value", s.Value ?? ""), ("version", s.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            return 0;
        });
        secret.Subcommands.Add(versions);
        secret.Subcommands.Add(restore);
    }
}
