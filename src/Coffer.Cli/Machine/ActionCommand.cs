using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Coffer.Core;
using Coffer.Core.Bitwarden;

namespace Coffer.Cli.Machine;

/// <summary>
/// The GitHub Action's work (action.yml runs `coffer action`): the inputs of bitwarden/sm-action from INPUT_*
/// variables — `UUID > ENV_NAME` lines, plus `PROJECT_ID/KEY > ENV_NAME` — every value masked, then written to
/// GITHUB_ENV (unless set_env is false) and GITHUB_OUTPUT with random heredoc delimiters.
/// </summary>
public static class ActionCommand
{
    public static Command Create()
    {
        var command = new Command("action", "Run as the Coffer GitHub Action (reads INPUT_* and GITHUB_* variables)") { Hidden = true };
        command.SetAction(async (parse, cancel) =>
        {
            var lines = ParseSecrets(Input("SECRETS") ?? throw Fail("Input required and not supplied: secrets"));
            var (api, identity) = Urls(Input);
            var token = ParseToken(Input("ACCESS_TOKEN") ?? throw Fail("Input required and not supplied: access_token"));
            // The inputs alone choose the server: no BWS_* variable or config file of the runner can override them,
            // and no state file is kept (sm-action keeps none).
            var profile = new BwsProfile { ServerApi = api, ServerIdentity = identity, StateOptOut = "true" };
            Console.Out.WriteLine($"::debug::Coffer API {api}, identity {identity}");

            MachineSession session;
            try { session = await MachineSession.OpenAsync(token, profile, GlobalOptions.ResolveCaCert(parse), cancel); }
            catch (CliException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                throw Fail("Authentication with Bitwarden failed.");
            }
            using var _ = session;
            var bws = new BwsApi(session);
            var ids = new List<Guid>();
            foreach (var line in lines) ids.Add(line.Id ?? await ByNameAsync(bws, line, cancel));
            Dictionary<Guid, BwsSecret> secrets;
            try { secrets = (await bws.GetSecretsAsync(ids.Distinct().ToList(), cancel)).ToDictionary(s => s.Id); }
            catch (CliException) { throw Fail(NotFound); }
            if (ids.Any(id => !secrets.ContainsKey(id))) throw Fail(NotFound);

            var values = new Dictionary<string, string>();
            for (var i = 0; i < lines.Count; i++) values[lines[i].Name] = secrets[ids[i]].Value;
            foreach (var value in values.Values) Mask(value);
            if (!string.Equals(Input("SET_ENV") ?? "true", "false", StringComparison.OrdinalIgnoreCase)) Append("GITHUB_ENV", values);
            Append("GITHUB_OUTPUT", values);
            return 0;
        });
        return command;
    }

    private const string NotFound = "The secrets provided could not be found. Please check the machine account has access to the secret UUIDs provided.";

    public sealed record SecretLine(Guid? Id, Guid? Project, string? Key, string Name);

    public static List<SecretLine> ParseSecrets(string text)
    {
        var lines = new List<SecretLine>();
        foreach (var raw in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var arrow = raw.IndexOf('>');
            if (arrow < 0) throw Fail($"Error parsing secrets input: '{raw}' is not 'UUID > ENV_NAME' or 'PROJECT_ID/KEY > ENV_NAME'");
            var (source, name) = (raw[..arrow].Trim(), raw[(arrow + 1)..].Trim());
            if (!BwsOutput.IsValidPosixName(name)) throw Fail($"Error parsing secrets input: '{name}' is not a valid environment variable name");
            var slash = source.IndexOf('/');
            if (slash < 0 && Guid.TryParse(source, out var id)) lines.Add(new SecretLine(id, null, null, name));
            else if (slash > 0 && Guid.TryParse(source[..slash], out var project) && source.Length > slash + 1) lines.Add(new SecretLine(null, project, source[(slash + 1)..], name));
            else throw Fail($"Error parsing secrets input: '{source}' is not a secret UUID or PROJECT_ID/KEY");
        }
        return lines.Count > 0 ? lines : throw Fail("Error parsing secrets input: no secrets were given");
    }

    /// <summary>A `PROJECT_ID/KEY` line: exactly one secret of that name, else an error that names the candidates.</summary>
    private static async Task<Guid> ByNameAsync(BwsApi bws, SecretLine line, CancellationToken cancellationToken)
    {
        var (project, key) = (line.Project!.Value, line.Key!);
        List<Guid> found;
        try { found = await bws.FindByNameAsync(project, key, cancellationToken); }
        catch (CliException) { throw Fail($"The project {project} could not be found. Please check the machine account has access to it."); }
        try { return SecretNames.Single(found, key, project, "Name it by its UUID instead of PROJECT_ID/KEY."); }
        catch (CliException e) { throw Fail(e.Message); }
    }

    /// <summary>As sm-action chooses: cloud_region, else api_url with identity_url, else base_url, else Bitwarden's US cloud.</summary>
    internal static (string Api, string Identity) Urls(Func<string, string?> input)
    {
        switch (input("CLOUD_REGION"))
        {
            case "us": return ("https://api.bitwarden.com", "https://identity.bitwarden.com");
            case "eu": return ("https://api.bitwarden.eu", "https://identity.bitwarden.eu");
            case { } other: throw Fail($"cloud_region must be us or eu, not '{other}'");
        }
        var (api, identity) = (input("API_URL"), input("IDENTITY_URL"));
        if ((api is null) != (identity is null)) throw Fail("Set both api_url and identity_url, or neither");
        if (api is not null) return (Url(api), Url(identity!));
        return input("BASE_URL") is { } baseUrl ? ($"{Url(baseUrl)}/api", $"{Url(baseUrl)}/identity") : ("https://api.bitwarden.com", "https://identity.bitwarden.com");
    }

    private static AccessToken ParseToken(string text)
    {
        try { return AccessToken.Parse(text); }
        catch (CofferFormatException e) { throw Fail($"The access token is malformed: {e.Message}"); }
    }

    private static string Url(string url) =>
        url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal) ? url.TrimEnd('/') : throw Fail($"'{url}' must start with http:// or https://");

    /// <summary>Each line of a value is masked too: GitHub matches masks line by line.</summary>
    private static void Mask(string value)
    {
        foreach (var line in value.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)) Console.Out.WriteLine($"::add-mask::{line}");
    }

    private static void Append(string variable, Dictionary<string, string> values)
    {
        var file = Environment.GetEnvironmentVariable(variable) ?? throw Fail($"{variable} is not set: run inside a GitHub Actions job");
        var text = new StringBuilder();
        foreach (var (name, value) in values)
        {
            var delimiter = "ghadelimiter_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            text.Append(name).Append("<<").Append(delimiter).Append('\n').Append(value).Append('\n').Append(delimiter).Append('\n');
        }
        File.AppendAllText(file, text.ToString());
    }

    private static string? Input(string name) => Environment.GetEnvironmentVariable("INPUT_" + name) is { Length: > 0 } value ? value.Trim() : null;

    private static CliException Fail(string message)
    {
        Console.Out.WriteLine($"::error::{message}");
        return new CliException(message);
    }
}
