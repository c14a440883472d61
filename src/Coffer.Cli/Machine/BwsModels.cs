using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Cli.Machine;

/// <summary>A secret as bws prints it: this field order, decrypted values, projectId null when unassigned (spec §7.6).</summary>
public sealed record BwsSecret(Guid Id, Guid OrganizationId, Guid? ProjectId, string Key, string Value, string Note, DateTimeOffset CreationDate, DateTimeOffset RevisionDate);

public sealed record BwsProject(Guid Id, Guid OrganizationId, string Name, DateTimeOffset CreationDate, DateTimeOffset RevisionDate);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, Converters = [typeof(BwsDateConverter)])]
[JsonSerializable(typeof(BwsSecret))]
[JsonSerializable(typeof(List<BwsSecret>))]
[JsonSerializable(typeof(BwsProject))]
[JsonSerializable(typeof(List<BwsProject>))]
internal sealed partial class BwsJson : JsonSerializerContext;

/// <summary>UTC with 'Z', and as many fraction digits as the value needs: none, 3, 6 or 9 (chrono's AutoSi, as bws prints).</summary>
public sealed class BwsDateConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var nanos = utc.Ticks % TimeSpan.TicksPerSecond * 100;
        var fraction = nanos == 0 ? "" : nanos % 1_000_000 == 0 ? $".{nanos / 1_000_000:000}" : nanos % 1_000 == 0 ? $".{nanos / 1_000:000000}" : $".{nanos:000000000}";
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "Z";
    }
}
