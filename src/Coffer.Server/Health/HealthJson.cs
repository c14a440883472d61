using System.Text.Json.Serialization;
using Coffer.Server.Http;

namespace Coffer.Server.Health;

[JsonSerializable(typeof(HealthStatus))]
public sealed partial class HealthJson : JsonSerializerContext
{
    public static HealthJson Native { get; } = new(NativeJson.Options());
}
