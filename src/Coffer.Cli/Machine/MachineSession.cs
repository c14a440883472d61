using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Coffer.Cli.Client;
using Coffer.Core;
using Coffer.Core.Bitwarden;
using Coffer.Server.Bitwarden;

namespace Coffer.Cli.Machine;

/// <summary>
/// A logged-in machine account, as bws keeps it: the access token's key opens the organization key, and
/// the login (JWT + organization key) is cached in an encrypted state file so repeated commands skip the
/// identity call. A 401 with a cached login triggers one fresh login and a retry.
/// </summary>
public sealed class MachineSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly AccessToken _token;
    private readonly BwsProfile _profile;
    private readonly string? _stateFile;
    private string _jwt = "";

    private MachineSession(HttpClient http, AccessToken token, BwsProfile profile, string? stateFile) =>
        (_http, _token, _profile, _stateFile) = (http, token, profile, stateFile);

    public SymmetricKey OrganizationKey { get; private set; } = null!;
    public Guid OrganizationId { get; private set; }
    public string ApiUrl => _profile.ApiUrl;
    public string Jwt => _jwt;

    /// <summary>The access token of -t, BWS_ACCESS_TOKEN or COFFER_ACCESS_TOKEN, with the profile bws would choose.</summary>
    public static Task<MachineSession> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var token = ParseToken(MachineOptions.Token(parse));
        return OpenAsync(token, SelectProfile(parse, token), GlobalOptions.ResolveCaCert(parse), cancellationToken);
    }

    /// <summary>A given token and profile: nothing read from the environment or the config file.</summary>
    public static async Task<MachineSession> OpenAsync(AccessToken token, BwsProfile profile, string? caCert, CancellationToken cancellationToken)
    {
        var session = new MachineSession(HttpClientFactory.Create(caCert, TimeSpan.FromSeconds(60)), token, profile, StateFilePath(profile, token));
        await session.LoginAsync(useState: true, cancellationToken);
        return session;
    }

    public static AccessToken ParseToken(string? text)
    {
        try
        {
            return AccessToken.Parse((text ?? throw new CliException("Missing access token")).Trim());
        }
        catch (CofferFormatException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>Sends to the API; on a 401 after a cached login, logs in afresh and tries once more.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var response = await Http.SendAsync(_http, Authorize(request()), ApiUrl, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized) return response;
        response.Dispose();
        await LoginAsync(useState: false, cancellationToken);
        return await Http.SendAsync(_http, Authorize(request()), ApiUrl, cancellationToken);
    }

    private HttpRequestMessage Authorize(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _jwt);
        return request;
    }

    private async Task LoginAsync(bool useState, CancellationToken cancellationToken)
    {
        var tokenKey = _token.DeriveKey();
        if (useState && _stateFile is not null && File.Exists(_stateFile)
            && StateFile.Open(tokenKey, await File.ReadAllTextAsync(_stateFile, cancellationToken)) is { } cached
            && JwtPayload.TryRead(cached.Jwt) is { } claims && claims.Expires > DateTimeOffset.UtcNow)
        {
            (_jwt, OrganizationKey, OrganizationId) = (cached.Jwt, cached.OrganizationKey, claims.Organization);
            return;
        }
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["scope"] = "api.secrets", ["client_id"] = _token.Id.ToString(), ["client_secret"] = _token.ClientSecret, ["grant_type"] = "client_credentials",
        });
        using var response = await Http.SendAsync(_http, new HttpRequestMessage(HttpMethod.Post, _profile.IdentityUrl + "/connect/token") { Content = form },
            _profile.IdentityUrl, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new CliException(IdentityError(response, body));
        var login = JsonSerializer.Deserialize(body, BitwardenJson.Default.IdentityTokenResponse)!;
        OrganizationKey = EncryptedPayload.Open(tokenKey, login.EncryptedPayload);
        _jwt = login.AccessToken;
        OrganizationId = JwtPayload.TryRead(_jwt)?.Organization ?? throw new CliException("Access token isn't associated to an organization.");
        SaveState(tokenKey);
    }

    private void SaveState(SymmetricKey tokenKey)
    {
        if (_stateFile is null) return;
        try
        {
            File.WriteAllText(_stateFile, StateFile.Seal(tokenKey, _jwt, OrganizationKey));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_stateFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Warning: {e.Message}\nSaving the state file failed; the next command will log in again.");
        }
    }

    private static string IdentityError(HttpResponseMessage response, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("ErrorModel", out var model) && model.TryGetProperty("Message", out var message))
                return $"Error parsing Identity response: {message.GetString()}";
        }
        catch (JsonException) { }
        return $"Received error message from server: [{(int)response.StatusCode} {response.ReasonPhrase}] {body}";
    }

    private static BwsProfile SelectProfile(ParseResult parse, AccessToken token)
    {
        if (MachineOptions.Server(parse) is { } url) return BwsProfile.FromUrl(url);
        var named = MachineOptions.ProfileName(parse);
        var file = MachineOptions.Config(parse);
        return BwsConfig.Load(file, mustExist: file is not null).Select(named ?? token.Id.ToString(), named is not null) ?? BwsProfile.Cloud;
    }

    /// <summary>~/.config/bws/state/&lt;token id&gt; (or the profile's state_dir), unless the profile opted out.</summary>
    private static string? StateFilePath(BwsProfile profile, AccessToken token)
    {
        if (profile.OptedOutOfState) return null;
        var directory = profile.StateDir ?? Home.Path(".config", "bws", "state");
        try
        {
            Directory.CreateDirectory(directory);
            return Path.Combine(directory, token.Id.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Warning: {e.Message}\nRetrieving the state file failed. Attempting to continue without using state. Please set \"state_dir\" in your config file to avoid authentication limits.");
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
