using System.CommandLine;
using Coffer.Core;
using Coffer.Core.Bitwarden;

namespace Coffer.Cli.Machine;

/// <summary>`coffer config [NAME VALUE] [-d]`, as `bws config`: writes the profile (--profile, else the token's id, else default).</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Arity = ArgumentArity.ZeroOrOne, Description = "server-base, server-api, server-identity, state-dir or state-opt-out" };
        var value = new Argument<string?>("value") { Arity = ArgumentArity.ZeroOrOne };
        var delete = new Option<bool>("--delete", "-d") { Description = "Delete the profile" };
        name.AcceptOnlyFromAmong([.. BwsConfig.Keys]);
        var command = new Command("config", "Configure the CLI") { name, value, delete };
        command.SetAction(parse =>
        {
            var profile = MachineOptions.ProfileName(parse) ?? TokenId(parse) ?? "default";
            var file = MachineOptions.Config(parse);
            if (parse.GetValue(delete))
            {
                var config = BwsConfig.Load(file, mustExist: true);
                if (!config.Profiles.Remove(profile)) throw new CliException("Profile does not exist");
                config.Save(file);
                Console.Out.WriteLine("Profile deleted successfully!");
                return 0;
            }
            var (key, text) = (parse.GetValue(name), parse.GetValue(value)) switch
            {
                (null, null) => throw new CliException("Missing `name` and `value`"),
                (null, _) => throw new CliException("Missing `value`"),
                (_, null) => throw new CliException("Missing `name`"),
                var (k, v) => (k!, v!),
            };
            if (key == "state-opt-out" && text.Trim().ToLowerInvariant() is not ("true" or "false" or "1" or "0"))
                throw new CliException("Profile key \"state_opt_out\" must be \"true\" or \"false\"");
            var updated = BwsConfig.Load(file, mustExist: false);
            var entry = updated.Profiles.TryGetValue(profile, out var existing) ? existing : updated.Profiles[profile] = new BwsProfile();
            var trimmed = text.StartsWith("http://", StringComparison.Ordinal) || text.StartsWith("https://", StringComparison.Ordinal) ? text.TrimEnd('/') : text;
            switch (key)
            {
                case "server-base": entry.ServerBase = trimmed; break;
                case "server-api": entry.ServerApi = trimmed; break;
                case "server-identity": entry.ServerIdentity = trimmed; break;
                case "state-dir": entry.StateDir = trimmed; break;
                default: entry.StateOptOut = trimmed; break;
            }
            updated.Save(file);
            Console.Out.WriteLine("Profile updated successfully!");
            return 0;
        });
        return command;
    }

    private static string? TokenId(ParseResult parse)
    {
        if (MachineOptions.Token(parse) is not { } token) return null;
        try
        {
            return AccessToken.Parse(token).Id.ToString();
        }
        catch (CofferFormatException e)
        {
            throw new CliException(e.Message);
        }
    }
}
