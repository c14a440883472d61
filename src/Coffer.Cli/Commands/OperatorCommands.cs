using System.CommandLine;
using Coffer.Cli.Client;
using Coffer.Cli.Output;
using Coffer.Server.Http;
using Coffer.Server.Seal;

namespace Coffer.Cli.Commands;

/// <summary>`coffer operator init|unseal|seal|status`: the seal, over the HTTP API.</summary>
public static class OperatorCommands
{
    public static Command Create()
    {
        var command = new Command("operator", "Initialize, unseal, seal and inspect a Coffer server");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Unseal());
        command.Subcommands.Add(SealCommand());
        command.Subcommands.Add(Status());
        return command;
    }

    private static Command Init()
    {
        var shares = new Option<int>("--key-shares") { Description = "Number of key shares to split the root key into", DefaultValueFactory = _ => 5 };
        var threshold = new Option<int>("--key-threshold") { Description = "Number of shares needed to unseal", DefaultValueFactory = _ => 3 };
        var command = new Command("init", "Initialize a new server: prints the key shares and the root token once") { shares, threshold };
        command.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse);
            var response = await client.SendAsync(HttpMethod.Post, "/v1/sys/init",
                new InitRequest { SecretShares = parse.GetValue(shares), SecretThreshold = parse.GetValue(threshold) },
                SealJson.Native.InitRequest, SealJson.Native.InitResponse, cancel);
            Printer.Print(parse, response, SealJson.Native.InitResponse, r =>
                r.KeysBase64.Select((k, i) => ($"Unseal Key {i + 1}", k)).Append(("Initial Root Token", r.RootToken)));
            if (Printer.OperatorFormat(parse) == "table")
                Console.Out.WriteLine($"\nStore the keys and the token safely: they are not shown again. Unseal with {parse.GetValue(threshold)} keys: coffer operator unseal");
            return 0;
        });
        return command;
    }

    private static Command Unseal()
    {
        var key = new Argument<string?>("key") { Description = "A key share (read from stdin when omitted)", Arity = ArgumentArity.ZeroOrOne };
        var reset = new Option<bool>("--reset") { Description = "Discard the shares given so far" };
        var command = new Command("unseal", "Give one key share toward unsealing the server") { key, reset };
        command.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse);
            var request = parse.GetValue(reset) ? new UnsealRequest { Reset = true } : new UnsealRequest { Key = parse.GetValue(key) ?? ReadShare() };
            var status = await client.SendAsync(HttpMethod.Post, "/v1/sys/unseal", request,
                SealJson.Native.UnsealRequest, SealJson.Native.SealStatus, cancel);
            PrintStatus(parse, status);
            return 0;
        });
        return command;
    }

    private static Command SealCommand()
    {
        var command = new Command("seal", "Seal the server: it drops its keys until unsealed again (root token)");
        command.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse, requireToken: true);
            await client.SendAsync(HttpMethod.Post, "/v1/sys/seal", cancel);
            Console.Out.WriteLine("Coffer is sealed.");
            return 0;
        });
        return command;
    }

    private static Command Status()
    {
        var command = new Command("status", "Show the seal status (exit code 2 while sealed)");
        command.SetAction(async (parse, cancel) =>
        {
            using var client = ClientFactory.Create(parse);
            var status = await client.GetAsync("/v1/sys/seal-status", SealJson.Native.SealStatus, cancel);
            PrintStatus(parse, status);
            return status.Sealed ? 2 : 0;
        });
        return command;
    }

    private static void PrintStatus(ParseResult parse, SealStatus status) =>
        Printer.Print(parse, status, SealJson.Native.SealStatus, s =>
        [
            ("Seal Type", s.Type), ("Initialized", Bool(s.Initialized)), ("Sealed", Bool(s.Sealed)),
            ("Total Shares", s.N.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Threshold", s.T.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Unseal Progress", $"{s.Progress}/{s.T}"), ("Unseal Nonce", s.Nonce), ("Version", s.Version), ("Storage Type", s.StorageType),
        ]);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string ReadShare()
    {
        if (!Console.IsInputRedirected) Console.Error.Write("Unseal key share: ");
        return Console.In.ReadLine()?.Trim() is { Length: > 0 } line ? line : throw new CliException("no key share given: pass it as an argument or on stdin");
    }
}
