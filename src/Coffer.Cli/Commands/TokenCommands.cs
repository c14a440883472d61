using System.CommandLine;
using Coffer.Cli.Client;
using Coffer.Cli.Output;
using Coffer.Server.Tokens;

namespace Coffer.Cli.Commands;

/// <summary>`coffer token create|lookup|renew|revoke|list-accessors`: the Strongbox-style token API.</summary>
public static class TokenCommands
{
    private const string Base = "/v1/state/strongbox/token";

    public static Command Create()
    {
        var command = new Command("token", "Create, look up, renew and revoke tokens");
        command.Subcommands.Add(CreateToken());
        command.Subcommands.Add(Lookup());
        command.Subcommands.Add(Renew());
        command.Subcommands.Add(Revoke());
        command.Subcommands.Add(ListAccessors());
        return command;
    }

    private static Command CreateToken()
    {
        var ttl = new Option<string?>("--ttl") { Description = "Lifetime, e.g. 1h or 30d (default: the server's default TTL)" };
        var policies = new Option<string[]>("--policy") { Description = "A policy for the token (repeat for several; default: the caller's)", AllowMultipleArgumentsPerToken = false };
        var meta = new Option<string[]>("--meta") { Description = "Metadata as key=value (repeatable)" };
        var noParent = new Option<bool>("--no-parent") { Description = "An orphan: outlives its creator (root only)" };
        var noDefault = new Option<bool>("--no-default-policy") { Description = "Do not add the default policy" };
        var displayName = new Option<string?>("--display-name") { Description = "A name shown in lookups and list-accessors" };
        var cidrs = new Option<string[]>("--bound-cidr") { Description = "Only usable from this network, e.g. 10.0.0.0/8 (repeatable)" };
        var renewable = new Option<bool?>("--renewable") { Description = "Whether the token may be refreshed (default true)" };
        var explicitMax = new Option<string?>("--explicit-max-ttl") { Description = "A hard end from creation that refresh can never pass" };
        var uses = new Option<int?>("--num-uses") { Description = "Number of uses (0 = unlimited)" };
        var command = new Command("create", "Create a token (a child of the caller's unless --no-parent)")
            { ttl, policies, meta, noParent, noDefault, displayName, cidrs, renewable, explicitMax, uses };
        command.SetAction(async (parse, cancel) =>
        {
            var body = new CreateTokenBody
            {
                Ttl = parse.GetValue(ttl),
                Policies = parse.GetResult(policies) is null ? null : [.. parse.GetValue(policies)!],
                Meta = parse.GetValue(meta) is { Length: > 0 } pairs ? pairs.Select(Pair).ToDictionary(p => p.Key, p => p.Value) : null,
                NoParent = parse.GetValue(noParent) ? true : null,
                NoDefaultPolicy = parse.GetValue(noDefault) ? true : null,
                DisplayName = parse.GetValue(displayName),
                BoundCidrs = parse.GetValue(cidrs) is { Length: > 0 } list ? [.. list] : null,
                Renewable = parse.GetValue(renewable),
                ExplicitMaxTtl = parse.GetValue(explicitMax),
                NumUses = parse.GetValue(uses),
            };
            using var client = ClientFactory.Create(parse, requireToken: true);
            var created = await client.SendAsync(HttpMethod.Post, Base + "/create-token", body, TokensJson.Native.CreateTokenBody, TokensJson.Native.CreateTokenResponse, cancel);
            Printer.Print(parse, created, TokensJson.Native.CreateTokenResponse, c =>
                new (string, string)[] { ("token", c.Token), ("accessor", c.Accessor.ToString()), ("ttl", c.Ttl), ("expires", Time(c.Expires)), ("policies", string.Join(", ", c.Policies)) }
                    .Concat((c.Warnings ?? []).Select(w => ("warning", w))));
            return 0;
        });
        return command;
    }

    private static Command Lookup()
    {
        var token = new Argument<string?>("token") { Arity = ArgumentArity.ZeroOrOne, Description = "The token to look up (default: your own)" };
        var accessor = new Option<Guid?>("--accessor") { Description = "Look up by accessor instead" };
        var command = new Command("lookup", "Show a token's properties") { token, accessor };
        command.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var info = await client.SendAsync(HttpMethod.Post, "/v1/token-info", new TokenInfoBody { Token = parse.GetValue(token), Accessor = parse.GetValue(accessor) },
                TokensJson.Native.TokenInfoBody, TokensJson.Native.TokenInfoResponse, cancel);
            Printer.Print(parse, info, TokensJson.Native.TokenInfoResponse, i =>
            [
                ("display-name", i.DisplayName), ("accessor", i.Accessor.ToString()), ("entity-id", i.EntityId), ("policies", string.Join(", ", i.Policies)),
                ("creation-time", Time(i.CreationTime)), ("expires", Time(i.Expires)), ("ttl", i.Ttl), ("explicit-max-ttl", i.ExplicitMaxTtl),
                ("renewable", i.Renewable ? "true" : "false"), ("orphan", i.Orphan ? "true" : "false"), ("num-uses", i.NumUses.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("bound-cidrs", string.Join(", ", i.BoundCidrs)), ("meta", string.Join(", ", i.Meta.Select(m => $"{m.Key}={m.Value}"))),
            ]);
            return 0;
        });
        return command;
    }

    private static Command Renew()
    {
        var increment = new Option<string?>("--increment") { Description = "The new TTL from now (default: the token's original TTL)" };
        var command = new Command("renew", "Refresh your own token: its TTL starts again from now") { increment };
        command.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var renewed = await client.SendAsync(HttpMethod.Post, Base + "/refresh", new RefreshBody { Increment = parse.GetValue(increment) },
                TokensJson.Native.RefreshBody, TokensJson.Native.RefreshResponse, cancel);
            Printer.Print(parse, renewed, TokensJson.Native.RefreshResponse, r =>
                new (string, string)[] { ("accessor", r.Accessor.ToString()), ("expires", Time(r.Expires)), ("expires-in", $"{r.ExpiresIn}s") }
                    .Concat((r.Warnings ?? []).Select(w => ("warning", w))));
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var token = new Argument<string?>("token") { Arity = ArgumentArity.ZeroOrOne };
        var accessor = new Option<Guid?>("--accessor") { Description = "Revoke by accessor" };
        var self = new Option<bool>("--self") { Description = "Revoke your own token (and its children)" };
        var orphan = new Option<bool>("--orphan") { Description = "Revoke only this token; its children become orphans (root only)" };
        var command = new Command("revoke", "Revoke a token and all its descendants") { token, accessor, self, orphan };
        command.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            if (parse.GetValue(self)) await client.SendAsync(HttpMethod.Post, Base + "/revoke-self", cancel);
            else if (parse.GetValue(accessor) is { } a)
                await client.SendAsync(HttpMethod.Post, Base + "/revoke-accessor", new AccessorBody { Accessor = a }, TokensJson.Native.AccessorBody, cancel);
            else if (parse.GetValue(token) is { } t)
                await client.SendAsync(HttpMethod.Post, Base + (parse.GetValue(orphan) ? "/revoke-orphan" : "/revoke"), new TokenBody { Token = t }, TokensJson.Native.TokenBody, cancel);
            else throw new UsageException("say which token to revoke: TOKEN, --accessor ACCESSOR or --self");
            Console.Out.WriteLine("Revoked.");
            return 0;
        });
        return command;
    }

    private static Command ListAccessors()
    {
        var command = new Command("list-accessors", "List the accessors of your entity's live tokens");
        command.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            var list = await client.SendAsync(HttpMethod.Post, Base + "/list-accessors", new TokenBody(), TokensJson.Native.TokenBody, TokensJson.Native.AccessorList, cancel);
            PrintList(parse, list, TokensJson.Native.AccessorList, ["Accessor", "Display Name", "Created", "Expires"],
                list.Accessors.Select(a => new[] { a.Accessor.ToString(), a.DisplayName, Time(a.CreationTime), Time(a.Expires) }));
            return 0;
        });
        return command;
    }

    internal static void PrintList<T>(System.CommandLine.ParseResult parse, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string[] headers, IEnumerable<string[]> rows)
    {
        if (Printer.OperatorFormat(parse) == "table") Console.Out.Write(Printer.Table(headers, rows));
        else Printer.Print(parse, value, type, _ => []);
    }

    internal static string Time(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "never";

    private static KeyValuePair<string, string> Pair(string text)
    {
        var equals = text.IndexOf('=');
        return equals > 0 ? new(text[..equals], text[(equals + 1)..]) : throw new UsageException($"--meta expects key=value, not '{text}'");
    }
}
