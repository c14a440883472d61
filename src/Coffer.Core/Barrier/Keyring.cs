using System.Security.Cryptography;

namespace Coffer.Core.Barrier;

/// <summary>
/// The keys behind the seal: versioned data keys ("terms", the newest encrypts, all decrypt) and
/// named secrets such as the token-hash key. The root key encrypts the whole keyring; the keyring
/// encrypts everything sensitive at rest. Immutable: rotation returns a new keyring.
/// </summary>
public sealed class Keyring
{
    private const string RootContext = "coffer/keyring";
    private readonly Dictionary<uint, KeyringTerm> _terms;
    private readonly Dictionary<string, byte[]> _secrets;

    internal Keyring(IEnumerable<KeyringTerm> terms, IReadOnlyDictionary<string, byte[]> secrets)
    {
        _terms = terms.ToDictionary(t => t.Term);
        if (_terms.Count == 0) throw new BarrierException("a keyring needs at least one key");
        _secrets = new Dictionary<string, byte[]>(secrets, StringComparer.Ordinal);
        ActiveTerm = _terms.Keys.Max();
    }

    public uint ActiveTerm { get; }
    public IReadOnlyCollection<KeyringTerm> Terms => _terms.Values;
    public IReadOnlyCollection<string> SecretNames => _secrets.Keys;

    public static Keyring Create(DateTimeOffset now, IEnumerable<string> secretNames) =>
        new([KeyringTerm.Generate(1, now)], secretNames.Distinct().ToDictionary(n => n, _ => RandomNumberGenerator.GetBytes(32)));

    /// <summary>A new data key becomes active; older terms stay to decrypt what they wrote.</summary>
    public Keyring Rotate(DateTimeOffset now) =>
        new(_terms.Values.Append(KeyringTerm.Generate(ActiveTerm + 1, now)), _secrets);

    /// <summary>Adds freshly generated named secrets that are missing (new features add names).</summary>
    public Keyring WithSecrets(IEnumerable<string> names)
    {
        var missing = names.Where(n => !_secrets.ContainsKey(n)).Distinct().ToList();
        if (missing.Count == 0) return this;
        var secrets = new Dictionary<string, byte[]>(_secrets);
        foreach (var name in missing) secrets[name] = RandomNumberGenerator.GetBytes(32);
        return new Keyring(_terms.Values, secrets);
    }

    public ReadOnlySpan<byte> Secret(string name) =>
        _secrets.TryGetValue(name, out var value) ? value : throw new BarrierException($"the keyring has no secret named '{name}'");

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, string context) =>
        BarrierCipher.Encrypt(_terms[ActiveTerm].Key, ActiveTerm, plaintext, context);

    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext, string context)
    {
        var term = BarrierCipher.ReadTerm(ciphertext);
        if (!_terms.TryGetValue(term, out var key))
            throw new BarrierException($"the stored value was written with key term {term}, which this keyring does not hold");
        return BarrierCipher.TryDecrypt(key.Key, ciphertext, context, out var plaintext)
            ? plaintext
            : throw new BarrierException($"a stored value ({context}) failed authentication: it was altered or belongs to another deployment");
    }

    public byte[] SealWithRootKey(ReadOnlySpan<byte> rootKey) =>
        BarrierCipher.Encrypt(rootKey, 0, KeyringSerializer.Serialize(this), RootContext);

    /// <summary>False when the root key is not the one that sealed this keyring.</summary>
    public static bool TryOpenWithRootKey(ReadOnlySpan<byte> sealedKeyring, ReadOnlySpan<byte> rootKey, out Keyring keyring)
    {
        keyring = null!;
        if (rootKey.Length != BarrierCipher.KeySize) return false;
        if (!BarrierCipher.TryDecrypt(rootKey, sealedKeyring, RootContext, out var plain)) return false;
        try
        {
            keyring = KeyringSerializer.Deserialize(plain);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    internal IReadOnlyDictionary<string, byte[]> Secrets => _secrets;
}

public sealed record KeyringTerm(uint Term, byte[] Key, DateTimeOffset Installed)
{
    public static KeyringTerm Generate(uint term, DateTimeOffset now) =>
        new(term, RandomNumberGenerator.GetBytes(BarrierCipher.KeySize), now);

    public override string ToString() => $"term {Term} installed {Installed:O}";
}
