using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coffer.Core.Bitwarden;
using Coffer.Server.Bitwarden;

namespace Coffer.Cli.Machine;

/// <summary>
/// The Bitwarden API calls bws makes (spec §5.5), decrypting and encrypting on this side with the
/// organization key — the server only ever sees EncStrings from here.
/// </summary>
public sealed class BwsApi(MachineSession session)
{
    public Guid OrganizationId => session.OrganizationId;

    public async Task<List<Guid>> ListSecretIdsAsync(Guid? projectId, CancellationToken cancellationToken)
    {
        var path = projectId is { } p ? $"/projects/{p}/secrets" : $"/organizations/{OrganizationId}/secrets";
        var list = await GetAsync(path, BitwardenJson.Default.SecretsWithProjectsList, cancellationToken);
        return list.Secrets.Select(s => s.Id).ToList();
    }

    public async Task<List<BwsSecret>> GetSecretsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var body = JsonContent.Create(new IdsRequest(ids), BitwardenJson.Default.IdsRequest);
        var list = await SendAsync(HttpMethod.Post, "/secrets/get-by-ids", body, BitwardenJson.Default.ListResponseBaseSecretResponse, cancellationToken);
        return list.Data.Select(Secret).ToList();
    }

    public async Task<BwsSecret> GetSecretAsync(Guid id, CancellationToken cancellationToken) =>
        Secret(await GetAsync($"/secrets/{id}", BitwardenJson.Default.SecretResponse, cancellationToken));

    public async Task<BwsSecret> CreateSecretAsync(string key, string value, string note, Guid projectId, CancellationToken cancellationToken) =>
        Secret(await SendAsync(HttpMethod.Post, $"/organizations/{OrganizationId}/secrets", Encrypted(key, value, note, projectId), BitwardenJson.Default.SecretResponse, cancellationToken));

    public async Task<BwsSecret> UpdateSecretAsync(Guid id, string key, string value, string note, Guid? projectId, CancellationToken cancellationToken) =>
        Secret(await SendAsync(HttpMethod.Put, $"/secrets/{id}", Encrypted(key, value, note, projectId), BitwardenJson.Default.SecretResponse, cancellationToken));

    public async Task<List<BulkDeleteResponse>> DeleteSecretsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, "/secrets/delete", JsonContent.Create(ids.ToList(), BitwardenJson.Default.ListGuid), BitwardenJson.Default.ListResponseBulkDeleteResponse, cancellationToken)).Data.ToList();

    public async Task<List<BwsProject>> ListProjectsAsync(CancellationToken cancellationToken) =>
        (await GetAsync($"/organizations/{OrganizationId}/projects", BitwardenJson.Default.ListResponseProjectResponse, cancellationToken)).Data.Select(Project).ToList();

    public async Task<BwsProject> GetProjectAsync(Guid id, CancellationToken cancellationToken) =>
        Project(await GetAsync($"/projects/{id}", BitwardenJson.Default.ProjectResponse, cancellationToken));

    public async Task<BwsProject> CreateProjectAsync(string name, CancellationToken cancellationToken) =>
        Project(await SendAsync(HttpMethod.Post, $"/organizations/{OrganizationId}/projects", ProjectBody(name), BitwardenJson.Default.ProjectResponse, cancellationToken));

    public async Task<BwsProject> UpdateProjectAsync(Guid id, string name, CancellationToken cancellationToken) =>
        Project(await SendAsync(HttpMethod.Put, $"/projects/{id}", ProjectBody(name), BitwardenJson.Default.ProjectResponse, cancellationToken));

    public async Task<List<BulkDeleteResponse>> DeleteProjectsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, "/projects/delete", JsonContent.Create(ids.ToList(), BitwardenJson.Default.ListGuid), BitwardenJson.Default.ListResponseBulkDeleteResponse, cancellationToken)).Data.ToList();

    /// <summary>
    /// Secrets named <paramref name="key"/> in a project, through the native API's indexed lookup (the JWT is
    /// accepted there, acting as the machine account); the secret itself then comes from the Bitwarden API.
    /// </summary>
    public async Task<List<Guid>> FindByNameAsync(Guid projectId, string key, CancellationToken cancellationToken)
    {
        var native = session.ApiUrl.EndsWith("/api", StringComparison.Ordinal) ? session.ApiUrl[..^4] : session.ApiUrl;
        var path = $"{native}/v1/config/orgs/{OrganizationId}/projects/{projectId}/secrets?key={Uri.EscapeDataString(key)}";
        using var response = await session.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw ServerError(response, text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("secrets").EnumerateArray().Select(s => Guid.Parse(s.GetProperty("id").GetString()!)).ToList();
    }

    private StringContent Encrypted(string key, string value, string note, Guid? projectId)
    {
        var k = session.OrganizationKey;
        var request = new SecretRequest(EncString.Encrypt(k, key.Trim()), EncString.Encrypt(k, value), EncString.Encrypt(k, note.Trim()), projectId is { } p ? [p] : null);
        return new StringContent(JsonSerializer.Serialize(request, BitwardenJson.Default.SecretRequest), Encoding.UTF8, "application/json");
    }

    private StringContent ProjectBody(string name) =>
        new(JsonSerializer.Serialize(new ProjectRequest(EncString.Encrypt(session.OrganizationKey, name.Trim())), BitwardenJson.Default.ProjectRequest), Encoding.UTF8, "application/json");

    private BwsSecret Secret(BaseSecretResponse s) => Secret(s.Id, s.OrganizationId, s.Projects, s.Key, s.Value, s.Note, s.CreationDate, s.RevisionDate);

    private BwsSecret Secret(SecretResponse s) => Secret(s.Id, s.OrganizationId, s.Projects, s.Key, s.Value, s.Note, s.CreationDate, s.RevisionDate);

    private BwsSecret Secret(Guid id, Guid org, IReadOnlyList<SecretProject>? projects, string key, string value, string note, DateTimeOffset created, DateTimeOffset revised) =>
        new(id, org, projects is [var first, ..] ? first.Id : null, Decrypt(key), Decrypt(value), Decrypt(note), created, revised);

    private BwsProject Project(ProjectResponse p) => new(p.Id, p.OrganizationId, Decrypt(p.Name), p.CreationDate, p.RevisionDate);

    private string Decrypt(string encString) => EncString.DecryptToString(session.OrganizationKey, encString);

    private Task<T> GetAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, type, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var payload = body is null ? null : await body.ReadAsByteArrayAsync(cancellationToken);
        var mediaType = body?.Headers.ContentType;
        using var response = await session.SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, session.ApiUrl + path);
            if (payload is not null) request.Content = new ByteArrayContent(payload) { Headers = { ContentType = mediaType } };
            return request;
        }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw ServerError(response, text);
        return JsonSerializer.Deserialize(text, type) ?? throw new CliException($"the server answered {path} with an empty body");
    }

    /// <summary>As bws shows server errors: the status and the raw body.</summary>
    private static CliException ServerError(HttpResponseMessage response, string body) =>
        new($"Received error message from server: [{(int)response.StatusCode} {response.ReasonPhrase}] {body}");
}
