using System.CommandLine;
using Coffer.Cli.Client;
using Coffer.Cli.Output;
using Coffer.Server.Http;
using Coffer.Server.Policies;

namespace Coffer.Cli.Commands;

/// <summary>`coffer policy list|read|write|delete`.</summary>
public static class PolicyCommands
{
    private const string Collection = "/v1/config/policy/policies";

    public static Command Create()
    {
        var command = new Command("policy", "List, read, write and delete policies");
        var list = new Command("list", "List policy names");
        list.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var policies = await client.GetAsync(Collection + "?limit=1000", PoliciesJson.Native.PolicyList, cancel);
            TokenCommands.PrintList(parse, policies, PoliciesJson.Native.PolicyList, ["Name"], policies.Policies.Select(p => new[] { p }));
            return 0;
        });
        var name = new Argument<string>("name");
        var read = new Command("read", "Show a policy (as YAML unless -o json)") { name };
        read.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var policy = await client.GetAsync($"{Collection}/{parse.GetValue(name)}", PoliciesJson.Native.PolicyDto, cancel);
            var element = System.Text.Json.JsonSerializer.SerializeToElement(policy, PoliciesJson.Native.PolicyDto);
            Console.Out.Write(parse.GetValue(GlobalOptions.Output) == "json" ? Printer.IndentedJson(element) + "\n" : YamlTranscoder.FromJson(element));
            return 0;
        });
        var writeName = new Argument<string>("name");
        var file = new Argument<string>("file") { Description = "A YAML or JSON policy document; - reads standard input" };
        var write = new Command("write", "Create or replace a policy from a file") { writeName, file };
        write.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            var text = path == "-" ? await Console.In.ReadToEndAsync(cancel)
                : File.Exists(path) ? await File.ReadAllTextAsync(path, cancel) : throw new CliException($"{path} does not exist");
            var mediaType = text.TrimStart().StartsWith('{') ? MediaTypes.Json : MediaTypes.Yaml;
            using var client = ClientFactory.Create(parse, requireToken: true);
            await client.SendTextAsync(HttpMethod.Put, $"{Collection}/{parse.GetValue(writeName)}", text, mediaType, cancel);
            Console.Out.WriteLine($"Policy {parse.GetValue(writeName)} written.");
            return 0;
        });
        var deleteName = new Argument<string>("name");
        var delete = new Command("delete", "Delete a policy") { deleteName };
        delete.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            await client.SendAsync(HttpMethod.Delete, $"{Collection}/{parse.GetValue(deleteName)}", cancel);
            Console.Out.WriteLine($"Policy {parse.GetValue(deleteName)} deleted.");
            return 0;
        });
        command.Subcommands.Add(list);
        command.Subcommands.Add(read);
        command.Subcommands.Add(write);
        command.Subcommands.Add(delete);
        return command;
    }
}
