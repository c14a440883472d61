using System.Security.Cryptography;

namespace Coffer.Server.Seal;

/// <summary>
/// Shares collected toward the threshold, in memory only (each node unseals itself). A repeated share
/// is ignored, compared in constant time. The nonce names the current attempt.
/// </summary>
internal sealed class UnsealProgress
{
    private readonly List<byte[]> _shares = [];

    public int Count => _shares.Count;
    public string Nonce { get; private set; } = "";

    public void Add(byte[] share)
    {
        foreach (var held in _shares)
            if (held.Length == share.Length && CryptographicOperations.FixedTimeEquals(held, share)) return;
        if (_shares.Count == 0) Nonce = Guid.NewGuid().ToString();
        _shares.Add(share);
    }

    /// <summary>Hands over the collected shares and forgets them, whatever the caller does with them.</summary>
    public List<byte[]> Take()
    {
        var taken = new List<byte[]>(_shares);
        _shares.Clear();
        Nonce = "";
        return taken;
    }

    public void Reset()
    {
        foreach (var share in _shares) CryptographicOperations.ZeroMemory(share);
        _shares.Clear();
        Nonce = "";
    }
}
