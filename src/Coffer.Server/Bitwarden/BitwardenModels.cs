using System.Text.Json.Serialization;

namespace Coffer.Server.Bitwarden;

// Response and request shapes of the Bitwarden Secrets Manager API (protocol spec §5), camelCase on the wire.

public sealed record ProjectResponse(Guid Id, Guid OrganizationId, string Name, DateTimeOffset CreationDate, DateTimeOffset RevisionDate, bool Read, bool Write)
{
    public string Object => "project";
}

public sealed record SecretProject(Guid Id, string Name);

public sealed record SecretResponse(
    Guid Id, Guid OrganizationId, string Key, string Value, string Note, DateTimeOffset CreationDate, DateTimeOffset RevisionDate,
    IReadOnlyList<SecretProject> Projects, bool Read, bool Write)
{
    public string Object => "secret";
}

public sealed record BaseSecretResponse(
    Guid Id, Guid OrganizationId, string Key, string Value, string Note, DateTimeOffset CreationDate, DateTimeOffset RevisionDate,
    IReadOnlyList<SecretProject> Projects)
{
    public string Object => "baseSecret";
}

public sealed record SecretListItem(Guid Id, Guid OrganizationId, string Key, DateTimeOffset CreationDate, DateTimeOffset RevisionDate,
    IReadOnlyList<SecretProject> Projects, bool Read, bool Write);

public sealed record SecretsWithProjectsList(IReadOnlyList<SecretListItem> Secrets, IReadOnlyList<SecretProject> Projects)
{
    public string Object => "SecretsWithProjectsList";
}

public sealed record ListResponse<T>(IReadOnlyList<T> Data)
{
    public string Object => "list";
    public string? ContinuationToken => null;
}

public sealed record SecretsSyncResponse(bool HasChanges, ListResponse<BaseSecretResponse>? Secrets)
{
    public string Object => "secretsSync";
}

public sealed record BulkDeleteResponse(Guid Id, string? Error)
{
    public string Object => "BulkDeleteResponseModel";
}

public sealed record ErrorResponse(string Message, IReadOnlyDictionary<string, IReadOnlyList<string>>? ValidationErrors)
{
    public string? ExceptionMessage => null;
    public string? ExceptionStackTrace => null;
    public string? InnerExceptionMessage => null;
    public string Object => "error";
}

public sealed record ProjectRequest(string? Name);

public sealed record SecretRequest(string? Key, string? Value, string? Note, IReadOnlyList<Guid>? ProjectIds);

public sealed record IdsRequest(IReadOnlyList<Guid>? Ids);

/// <summary>The OAuth token response: snake_case as the clients require, never a "kdf" property (spec §3.3).</summary>
public sealed record IdentityTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("encrypted_payload")] string EncryptedPayload);

public sealed record IdentityError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("ErrorModel")] IdentityErrorModel ErrorModel);

public sealed record IdentityErrorModel(
    [property: JsonPropertyName("Message")] string Message,
    [property: JsonPropertyName("Object")] string Object);
