using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Server.Bitwarden;

/// <summary>camelCase JSON as Bitwarden clients send and expect it; unknown request fields are ignored (spec §1).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(BitwardenDateConverter)])]
[JsonSerializable(typeof(ProjectResponse))]
[JsonSerializable(typeof(SecretResponse))]
[JsonSerializable(typeof(BaseSecretResponse))]
[JsonSerializable(typeof(SecretsWithProjectsList))]
[JsonSerializable(typeof(ListResponse<ProjectResponse>))]
[JsonSerializable(typeof(ListResponse<BaseSecretResponse>))]
[JsonSerializable(typeof(ListResponse<BulkDeleteResponse>))]
[JsonSerializable(typeof(SecretsSyncResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ProjectRequest))]
[JsonSerializable(typeof(SecretRequest))]
[JsonSerializable(typeof(IdsRequest))]
[JsonSerializable(typeof(List<Guid>))]
[JsonSerializable(typeof(IdentityTokenResponse))]
[JsonSerializable(typeof(IdentityError))]
public sealed partial class BitwardenJson : JsonSerializerContext;

/// <summary>Dates as upstream writes them: UTC with 'Z' and seven fraction digits (clients reject dates without a zone).</summary>
public sealed class BitwardenDateConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
}
