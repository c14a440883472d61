using System.Text.Json;
using System.Text.Json.Serialization;
using Coffer.Core.Barrier;

namespace Coffer.Server.Tokens;

/// <summary>The parts of a token that may identify a person (display name, metadata): kept encrypted.</summary>
public sealed record TokenDetails(string DisplayName, IReadOnlyDictionary<string, string> Meta)
{
    public static byte[] Seal(Keyring keyring, Guid accessor, TokenDetails details) =>
        keyring.Encrypt(JsonSerializer.SerializeToUtf8Bytes(details, TokenDetailsJson.Default.TokenDetails), Context(accessor));

    public static TokenDetails Open(Keyring keyring, Guid accessor, byte[] sealedDetails) =>
        JsonSerializer.Deserialize(keyring.Decrypt(sealedDetails, Context(accessor)), TokenDetailsJson.Default.TokenDetails)!;

    private static string Context(Guid accessor) => $"tokens/details/{accessor}";
}

[JsonSerializable(typeof(TokenDetails))]
internal sealed partial class TokenDetailsJson : JsonSerializerContext;
