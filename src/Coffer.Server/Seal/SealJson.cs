using System.Text.Json.Serialization;
using Coffer.Server.Http;

namespace Coffer.Server.Seal;

[JsonSerializable(typeof(InitRequest))]
[JsonSerializable(typeof(InitResponse))]
[JsonSerializable(typeof(InitStatus))]
[JsonSerializable(typeof(UnsealRequest))]
[JsonSerializable(typeof(SealStatus))]
public sealed partial class SealJson : JsonSerializerContext
{
    public static SealJson Native { get; } = new(NativeJson.Options());
}
