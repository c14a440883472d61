using System.CommandLine;
using Coffer.Cli.Client;
using Coffer.Cli.Output;
using Coffer.Core.Dates;
using Coffer.Server.MachineAccounts;
using Coffer.Server.Secrets;

namespace Coffer.Cli.Commands;

/// <summary>`coffer machine-account create|list|grant|revoke-grant` and `coffer access-token create|list|revoke`.</summary>
public static class MachineAccountCommands
{
    private static readonly Option<Guid> Org = new("--org") { Description = "The organization", Required = true, Recursive = true };

    private static string Path(ParseResult parse) => $"/v1/config/orgs/{parse.GetValue(Org)}/machine-accounts";

    public static Command Create()
    {
        var command = new Command("machine-account", "Machine accounts and their project grants") { Org };
        var name = new Argument<string>("name");
        var create = new Command("create", "Create a machine account") { name };
        create.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var account = await client.SendAsync(HttpMethod.Post, Path(parse), new NameBody { Name = parse.GetValue(name) }, SecretsJson.Native.NameBody, MachineAccountsJson.Native.MachineAccountView, cancel);
            Printer.Print(parse, account, MachineAccountsJson.Native.MachineAccountView, a => [("id", a.Id.ToString()), ("name", a.Name)]);
            return 0;
        });
        var list = new Command("list", "List machine accounts");
        list.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var accounts = await client.GetAsync(Path(parse) + "?limit=1000", MachineAccountsJson.Native.MachineAccountList, cancel);
            TokenCommands.PrintList(parse, accounts, MachineAccountsJson.Native.MachineAccountList, ["ID", "Name", "Created"],
                accounts.MachineAccounts.Select(a => new[] { a.Id.ToString(), a.Name, TokenCommands.Time(a.CreationTime) }));
            return 0;
        });
        var account = new Argument<Guid>("machine-account");
        var project = new Argument<Guid>("project");
        var access = new Option<string>("--access") { Description = "read or read-write", DefaultValueFactory = _ => "read" };
        access.AcceptOnlyFromAmong("read", "read-write");
        var grant = new Command("grant", "Grant read or read-write on a project") { account, project, access };
        grant.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            await client.SendAsync(HttpMethod.Put, $"{Path(parse)}/{parse.GetValue(account)}/grants/{parse.GetValue(project)}", new GrantBody { Access = parse.GetValue(access) },
                MachineAccountsJson.Native.GrantBody, MachineAccountsJson.Native.GrantView, cancel);
            Console.Out.WriteLine($"Granted {parse.GetValue(access)} on project {parse.GetValue(project)}.");
            return 0;
        });
        var revokeAccount = new Argument<Guid>("machine-account");
        var revokeProject = new Argument<Guid>("project");
        var revokeGrant = new Command("revoke-grant", "Remove a machine account's grant on a project") { revokeAccount, revokeProject };
        revokeGrant.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            await client.SendAsync(HttpMethod.Delete, $"{Path(parse)}/{parse.GetValue(revokeAccount)}/grants/{parse.GetValue(revokeProject)}", cancel);
            Console.Out.WriteLine("Grant removed.");
            return 0;
        });
        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(grant);
        command.Subcommands.Add(revokeGrant);
        return command;
    }

    /// <summary>A date without a zone would mean this machine's local time: refuse it rather than guess.</summary>
    private static DateTimeOffset? ParseExpiry(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (ZonedDate.TryParse(text, out var value)) return value;
        result.AddError($"--expires '{text}' is not an RFC 3339 date with a zone; write it like 2027-01-31T00:00:00Z");
        return null;
    }

    public static Command AccessTokens()
    {
        var machineAccount = new Option<Guid>("--machine-account") { Description = "The machine account", Required = true, Recursive = true };
        var command = new Command("access-token", "A machine account's access tokens") { Org, machineAccount };
        string TokensPath(ParseResult parse) => $"{Path(parse)}/{parse.GetValue(machineAccount)}/access-tokens";

        var name = new Option<string>("--name") { Description = "A name for the token", Required = true };
        var expires = new Option<DateTimeOffset?>("--expires")
        {
            Description = "When it stops working, an RFC 3339 date with a zone, e.g. 2027-01-31T00:00:00Z (default: never)",
            CustomParser = ParseExpiry,
        };
        var create = new Command("create", "Create an access token; it is shown this once") { name, expires };
        create.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var created = await client.SendAsync(HttpMethod.Post, TokensPath(parse), new AccessTokenBody { Name = parse.GetValue(name), Expires = parse.GetValue(expires) },
                MachineAccountsJson.Native.AccessTokenBody, MachineAccountsJson.Native.AccessTokenCreated, cancel);
            Printer.Print(parse, created, MachineAccountsJson.Native.AccessTokenCreated, t =>
                [("id", t.Id.ToString()), ("name", t.Name), ("expires", TokenCommands.Time(t.Expires)), ("token", t.Token)]);
            if (Printer.OperatorFormat(parse) == "table") Console.Error.WriteLine("\nThe token is not stored and cannot be shown again: keep it somewhere safe now.");
            return 0;
        });
        var list = new Command("list", "List access tokens");
        list.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var tokens = await client.GetAsync(TokensPath(parse) + "?limit=1000", MachineAccountsJson.Native.AccessTokenList, cancel);
            TokenCommands.PrintList(parse, tokens, MachineAccountsJson.Native.AccessTokenList, ["ID", "Name", "Expires", "Last Edited", "Last Used"],
                tokens.AccessTokens.Select(t => new[] { t.Id.ToString(), t.Name, TokenCommands.Time(t.Expires), TokenCommands.Time(t.RevisionTime), t.LastUsed is null ? "-" : TokenCommands.Time(t.LastUsed) }));
            return 0;
        });
        var ids = new Argument<Guid[]>("ids") { Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Revoke every token of the machine account" };
        var revoke = new Command("revoke", "Revoke access tokens (JWTs minted from them stop working at once)") { ids, all };
        revoke.SetAction(async (parse, cancel) =>
        {
            var chosen = parse.GetValue(ids) ?? [];
            if (parse.GetValue(all) == chosen.Length > 0) throw new UsageException("give the token IDs to revoke, or --all");
            using var client = ClientFactory.Create(parse, requireToken: true);
            var result = await client.SendAsync(HttpMethod.Post, $"/v1/state/orgs/{parse.GetValue(Org)}/machine-accounts/{parse.GetValue(machineAccount)}/access-tokens/revoke",
                parse.GetValue(all) ? new RevokeBody { All = true } : new RevokeBody { Ids = [.. chosen] }, MachineAccountsJson.Native.RevokeBody, MachineAccountsJson.Native.RevokeResult, cancel);
            Console.Out.WriteLine($"{result.Revoked} access token{(result.Revoked == 1 ? "" : "s")} revoked.");
            return 0;
        });
        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }
}
