using System.Text.Json.Serialization;
using Coffer.Server.Http;

namespace Coffer.Server.Secrets;

[JsonSerializable(typeof(NameBody))]
[JsonSerializable(typeof(OrganizationView))]
[JsonSerializable(typeof(OrganizationList))]
[JsonSerializable(typeof(ProjectView))]
[JsonSerializable(typeof(ProjectList))]
[JsonSerializable(typeof(SecretBody))]
[JsonSerializable(typeof(SecretView))]
[JsonSerializable(typeof(SecretList))]
[JsonSerializable(typeof(VersionList))]
[JsonSerializable(typeof(RestoreBody))]
public sealed partial class SecretsJson : JsonSerializerContext
{
    public static SecretsJson Native { get; } = new(NativeJson.Options());
}
