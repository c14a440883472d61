using System.CommandLine;
using Coffer.Cli.Client;
using Coffer.Server.Users;

namespace Coffer.Cli.Commands;

/// <summary>`coffer login`: userpass login; the token goes to ~/.config/coffer/token (mode 0600) for later commands.</summary>
public static class LoginCommand
{
    public static Command Create()
    {
        var username = new Option<string?>("--username") { Description = "The user to log in as (asked for when omitted)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input" };
        var command = new Command("login", "Log in with a username and password; later commands use the token") { username, passwordStdin };
        command.SetAction(async (parse, cancel) =>
        {
            var user = parse.GetValue(username) ?? Prompt("Username: ");
            var password = parse.GetValue(passwordStdin) || Console.IsInputRedirected ? (await Console.In.ReadLineAsync(cancel) ?? "") : ReadHidden("Password: ");
            using var client = new CofferClient(HttpClientFactory.Create(GlobalOptions.ResolveCaCert(parse), TimeSpan.FromSeconds(60)), GlobalOptions.ResolveAddress(parse), null);
            var login = await client.SendAsync(HttpMethod.Post, "/v1/login", new LoginBody { Username = user, Password = password },
                UsersJson.Native.LoginBody, UsersJson.Native.LoginResponse, cancel);
            TokenFile.Write(login.Token);
            Console.Out.WriteLine($"Logged in as {user}. The token is in {TokenFile.Path}" + (login.Expires is { } e ? $" and expires {e:yyyy-MM-dd HH:mm:ss}Z." : "."));
            return 0;
        });
        return command;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        return Console.In.ReadLine()?.Trim() is { Length: > 0 } value ? value : throw new CliException("no username given");
    }

    private static string ReadHidden(string label)
    {
        Console.Error.Write(label);
        var text = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0) text.Length--;
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
