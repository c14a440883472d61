using Coffer.Server.Storage;

namespace Coffer.Server.Seal;

/// <summary>The auto-unseal key file: 32 random bytes, base64 (raw 32-byte files are accepted too).</summary>
public static class AutoUnsealKey
{
    public static async Task<byte[]> ReadAsync(string file, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        if (bytes.Length == SealManager.RootKeySize) return bytes;
        var text = System.Text.Encoding.ASCII.GetString(bytes).Trim();
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written == SealManager.RootKeySize
            ? buffer[..written]
            : throw new StorageException($"the key file {file} must hold 32 random bytes in base64; create one with: head -c 32 /dev/urandom | base64 > {file}");
    }

    public static async Task CreateAsync(string file, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(file, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(SealManager.RootKeySize)) + "\n", cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
