namespace Coffer.Server.Seal;

/// <summary>
/// The named secrets every keyring must hold. A feature that needs a new key adds its name here;
/// keyrings written before it get the key generated at the next unseal.
/// </summary>
public static class KeyringSecrets
{
    /// <summary>HMAC-SHA256 key for token and client-secret verifiers.</summary>
    public const string TokenHmac = "token-hmac";

    /// <summary>HS256 key of the bearer JWTs minted for machine accounts at /identity/connect/token.</summary>
    public const string JwtSigning = "jwt-signing";

    public static readonly IReadOnlyList<string> All = [TokenHmac, JwtSigning];
}
