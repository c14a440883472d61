using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Server.Http;

/// <summary>Native-API times: RFC 3339 in UTC with microseconds, e.g. 2022-01-13T10:32:06.527959Z.</summary>
public sealed class Rfc3339Converter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Write(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new JsonException("expected an RFC 3339 date such as 2026-01-31T12:00:00Z");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(Write(value));
}
