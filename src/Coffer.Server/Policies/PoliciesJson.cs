using System.Text.Json.Serialization;
using Coffer.Server.Http;

namespace Coffer.Server.Policies;

[JsonSerializable(typeof(PolicyDto))]
[JsonSerializable(typeof(PolicyList))]
public sealed partial class PoliciesJson : JsonSerializerContext
{
    public static PoliciesJson Native { get; } = new(NativeJson.Options());
}
