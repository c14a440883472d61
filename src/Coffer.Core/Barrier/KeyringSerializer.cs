using System.Text;

namespace Coffer.Core.Barrier;

/// <summary>
/// A small versioned binary layout for the keyring (it only ever lives encrypted under the root key):
/// version 1 · term count · (term, installed unix seconds, 32-byte key)* · secret count · (name, value)*.
/// </summary>
internal static class KeyringSerializer
{
    private const byte Version = 1;

    public static byte[] Serialize(Keyring keyring)
    {
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer, Encoding.UTF8);
        writer.Write(Version);
        writer.Write(keyring.Terms.Count);
        foreach (var term in keyring.Terms.OrderBy(t => t.Term))
        {
            writer.Write(term.Term);
            writer.Write(term.Installed.ToUnixTimeSeconds());
            writer.Write(term.Key);
        }
        writer.Write(keyring.Secrets.Count);
        foreach (var (name, value) in keyring.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            writer.Write(value.Length);
            writer.Write(value);
        }
        writer.Flush();
        return buffer.ToArray();
    }

    public static Keyring Deserialize(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            var version = reader.ReadByte();
            if (version != Version) throw new BarrierException($"keyring format {version} is not supported by this Coffer version");
            var terms = new List<KeyringTerm>();
            for (int i = 0, count = reader.ReadInt32(); i < count; i++)
            {
                var term = reader.ReadUInt32();
                var installed = DateTimeOffset.FromUnixTimeSeconds(reader.ReadInt64());
                var key = reader.ReadBytes(BarrierCipher.KeySize);
                if (key.Length != BarrierCipher.KeySize) throw new EndOfStreamException();
                terms.Add(new KeyringTerm(term, key, installed));
            }
            var secrets = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (int i = 0, count = reader.ReadInt32(); i < count; i++)
            {
                var name = reader.ReadString();
                secrets[name] = reader.ReadBytes(reader.ReadInt32());
            }
            return new Keyring(terms, secrets);
        }
        catch (EndOfStreamException)
        {
            throw new BarrierException("the keyring is truncated");
        }
    }
}
