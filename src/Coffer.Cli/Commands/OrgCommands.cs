using System.CommandLine;
using Coffer.Cli.Client;
using Coffer.Cli.Output;
using Coffer.Server.Secrets;

namespace Coffer.Cli.Commands;

/// <summary>`coffer org list|create|delete` and `coffer org project list|create` (operator side, native API).</summary>
public static class OrgCommands
{
    private const string Orgs = "/v1/config/orgs";

    public static Command Create()
    {
        var command = new Command("org", "Organizations and their projects");
        var list = new Command("list", "List organizations");
        list.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var orgs = await client.GetAsync(Orgs + "?limit=1000", SecretsJson.Native.OrganizationList, cancel);
            TokenCommands.PrintList(parse, orgs, SecretsJson.Native.OrganizationList, ["ID", "Name", "Created"],
                orgs.Organizations.Select(o => new[] { o.Id.ToString(), o.Name, TokenCommands.Time(o.CreationTime) }));
            return 0;
        });
        var name = new Argument<string>("name");
        var create = new Command("create", "Create an organization (with its own organization key)") { name };
        create.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var org = await client.SendAsync(HttpMethod.Post, Orgs, new NameBody { Name = parse.GetValue(name) }, SecretsJson.Native.NameBody, SecretsJson.Native.OrganizationView, cancel);
            Printer.Print(parse, org, SecretsJson.Native.OrganizationView, o => [("id", o.Id.ToString()), ("name", o.Name)]);
            return 0;
        });
        var id = new Argument<Guid>("org");
        var delete = new Command("delete", "Delete an organization and everything in it") { id };
        delete.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            await client.SendAsync(HttpMethod.Delete, $"{Orgs}/{parse.GetValue(id)}", cancel);
            Console.Out.WriteLine("Organization deleted.");
            return 0;
        });
        command.Subcommands.Add(list);
        command.Subcommands.Add(create);
        command.Subcommands.Add(delete);
        command.Subcommands.Add(Projects());
        return command;
    }

    private static Command Projects()
    {
        var command = new Command("project", "Projects of an organization");
        var org = new Argument<Guid>("org");
        var list = new Command("list", "List an organization's projects") { org };
        list.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var projects = await client.GetAsync($"{Orgs}/{parse.GetValue(org)}/projects?limit=1000", SecretsJson.Native.ProjectList, cancel);
            TokenCommands.PrintList(parse, projects, SecretsJson.Native.ProjectList, ["ID", "Name", "Created"],
                projects.Projects.Select(p => new[] { p.Id.ToString(), p.Name, TokenCommands.Time(p.CreationTime) }));
            return 0;
        });
        var createOrg = new Argument<Guid>("org");
        var name = new Argument<string>("name");
        var create = new Command("create", "Create a project") { createOrg, name };
        create.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var project = await client.SendAsync(HttpMethod.Post, $"{Orgs}/{parse.GetValue(createOrg)}/projects", new NameBody { Name = parse.GetValue(name) },
                SecretsJson.Native.NameBody, SecretsJson.Native.ProjectView, cancel);
            Printer.Print(parse, project, SecretsJson.Native.ProjectView, p => [("id", p.Id.ToString()), ("name", p.Name)]);
            return 0;
        });
        command.Subcommands.Add(list);
        command.Subcommands.Add(create);
        return command;
    }
}
