using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Coffer.Server.Users;

/// <summary>
/// Argon2id for human passwords, in PHC string form ($argon2id$v=19$m=…,t=…,p=…$salt$hash) so the
/// parameters travel with the hash and can be raised later. Verification compares in constant time.
/// </summary>
public sealed class PasswordHasher(int memoryKib = 19456, int iterations = 2, int parallelism = 1)
{
    private const int SaltSize = 16, HashSize = 32;

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Compute(password, salt, memoryKib, iterations, parallelism);
        return $"$argon2id$v=19$m={memoryKib},t={iterations},p={parallelism}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public bool Verify(string password, string phc)
    {
        var parts = phc.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id") return false;
        var settings = parts[3].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        var expected = Convert.FromBase64String(parts[5]);
        var actual = Compute(password, Convert.FromBase64String(parts[4]), settings["m"], settings["t"], settings["p"]);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Compute(string password, byte[] salt, int memory, int passes, int lanes)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password)) { Salt = salt, MemorySize = memory, Iterations = passes, DegreeOfParallelism = lanes };
        return argon.GetBytes(HashSize);
    }
}
