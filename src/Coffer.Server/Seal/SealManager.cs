using Coffer.Server.Domain;
using System.Security.Cryptography;
using Coffer.Core;
using Coffer.Core.Barrier;
using Coffer.Core.Shamir;
using Coffer.Server.Changes;
using Coffer.Server.Configuration;
using Coffer.Server.Storage;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Seal;

/// <summary>
/// The seal (Vault's model): the root key is rebuilt from Shamir shares or unwrapped by an auto-unseal
/// key file; it opens the keyring, which every feature uses through <see cref="Keyring"/>. Sealing
/// drops the keys from memory. Each node holds its own seal state; keyring changes (rotation, new
/// named secrets) reach other nodes through the change feed.
/// </summary>
internal sealed class SealManager
{
    public const int RootKeySize = 32;
    private const string RootKeyContext = "coffer/root-key";
    private readonly ISealStore _store;
    private readonly SealSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<SealManager> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly UnsealProgress _progress = new();
    private SealRecord? _record;
    private volatile UnsealedKeys? _keys;

    public SealManager(ISealStore store, ServerSettings settings, ChangeFeed changes, TimeProvider time, ILogger<SealManager> logger)
    {
        (_store, _settings, _time, _logger) = (store, settings.Seal, time, logger);
        StorageType = settings.Storage.Kind == StorageKind.Sqlite ? "sqlite" : "postgresql";
        changes.Subscribe(SealChanges.KeyringTopic, version => _ = ReloadKeyringAsync());
    }

    private sealed record UnsealedKeys(byte[] RootKey, Keyring Keyring);

    public string StorageType { get; }

    public SealState State => _keys is not null ? SealState.Unsealed : _record is null ? SealState.Uninitialized : SealState.Sealed;

    /// <summary>The open keyring; throws the 503 <see cref="SealedException"/> while sealed.</summary>
    public Keyring Keyring => _keys?.Keyring ?? throw new SealedException();

    public event Action<SealState>? StateChanged;

    public SealStatus Status
    {
        get
        {
            var record = _record;
            return new SealStatus(record?.SealType ?? _settings.Type, record is not null, _keys is null,
                record?.Threshold ?? 0, record?.Shares ?? 0, _progress.Count, _progress.Nonce, CofferVersion.Value, StorageType);
        }
    }

    public async Task LoadAsync(CancellationToken cancellationToken) => _record = await _store.LoadAsync(cancellationToken);

    public async Task<InitResponse> InitializeAsync(int shares, int threshold, string? rootToken, CancellationToken cancellationToken)
    {
        ShamirSecretSharing.ValidateParameters(shares, threshold);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_record is not null || await _store.LoadAsync(cancellationToken) is not null)
                throw new InvalidException("already initialized: Coffer was initialized before; unseal it with the key shares you received then");
            var now = _time.GetUtcNow();
            var rootKey = RandomNumberGenerator.GetBytes(RootKeySize);
            var keyring = Keyring.Create(now, KeyringSecrets.All);
            var token = rootToken ?? Guid.NewGuid().ToString();
            var record = new SealRecord(Guid.NewGuid(), _settings.Type, shares, threshold, keyring.SealWithRootKey(rootKey),
                _settings.IsAuto ? BarrierCipher.Encrypt(await AutoUnsealKey.ReadAsync(_settings.AutoKeyFile!, cancellationToken), 0, rootKey, RootKeyContext) : null,
                KeyringVersion: 1, now);
            if (!await _store.InitializeAsync(record, keyring, token, now, cancellationToken))
                throw new InvalidException("already initialized: another node initialized Coffer first");
            _record = record;
            var keys = ShamirSecretSharing.Split(rootKey, shares, threshold).Select(Convert.ToBase64String).ToList();
            if (_settings.IsAuto) Open(rootKey, keyring);
            _logger.LogInformation("Coffer initialized with {Shares} key shares, threshold {Threshold}, seal {Seal}", shares, threshold, record.SealType);
            return new InitResponse(keys, token);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<SealStatus> SubmitShareAsync(string key, CancellationToken cancellationToken)
    {
        var share = DecodeShare(key);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var record = _record ?? throw new InvalidException("Coffer is not initialized: run `coffer operator init` first");
            if (_keys is not null) return Status;
            _progress.Add(share);
            if (_progress.Count < record.Threshold) return Status;
            var shares = _progress.Take();
            byte[] rootKey;
            try
            {
                rootKey = ShamirSecretSharing.Combine(shares);
            }
            catch (CofferFormatException e)
            {
                throw new InvalidException($"unseal failed: {e.Message}; progress was reset, start again");
            }
            if (!Keyring.TryOpenWithRootKey(record.SealedKeyring, rootKey, out var keyring))
                throw new InvalidException($"unseal failed: these {shares.Count} shares do not rebuild this server's root key; progress was reset, start again with the right shares");
            await OpenAndUpgradeAsync(rootKey, keyring, cancellationToken);
            return Status;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void ResetProgress()
    {
        _lock.Wait();
        try { _progress.Reset(); }
        finally { _lock.Release(); }
    }

    /// <summary>Unseals with the configured key file (auto seal); false when the seal is Shamir.</summary>
    public async Task<bool> AutoUnsealAsync(CancellationToken cancellationToken)
    {
        if (!_settings.IsAuto || _record is null || _keys is not null) return false;
        var record = _record;
        if (record.WrappedRootKey is null)
            throw new StorageException("the database was initialized with a Shamir seal; remove seal.auto from the configuration and unseal with key shares");
        var fileKey = await AutoUnsealKey.ReadAsync(_settings.AutoKeyFile!, cancellationToken);
        if (!BarrierCipher.TryDecrypt(fileKey, record.WrappedRootKey, RootKeyContext, out var rootKey)
            || !Keyring.TryOpenWithRootKey(record.SealedKeyring, rootKey, out var keyring))
            throw new StorageException($"the database belongs to another deployment (id {record.DeploymentId}): the key file {_settings.AutoKeyFile} does not open its root key");
        await _lock.WaitAsync(cancellationToken);
        try { await OpenAndUpgradeAsync(rootKey, keyring, cancellationToken); }
        finally { _lock.Release(); }
        return true;
    }

    public void Seal()
    {
        _lock.Wait();
        try
        {
            if (_keys is { } keys) CryptographicOperations.ZeroMemory(keys.RootKey);
            _keys = null;
            _progress.Reset();
        }
        finally
        {
            _lock.Release();
        }
        _logger.LogInformation("Coffer sealed");
        StateChanged?.Invoke(SealState.Sealed);
    }

    private async Task OpenAndUpgradeAsync(byte[] rootKey, Keyring keyring, CancellationToken cancellationToken)
    {
        var upgraded = keyring.WithSecrets(KeyringSecrets.All);
        if (!ReferenceEquals(upgraded, keyring) && await _store.SaveKeyringAsync(upgraded.SealWithRootKey(rootKey), _record!.KeyringVersion, cancellationToken))
            _record = await _store.LoadAsync(cancellationToken);
        else if (!ReferenceEquals(upgraded, keyring))
            upgraded = await LoadKeyringAsync(rootKey, cancellationToken) ?? upgraded;
        Open(rootKey, upgraded);
    }

    private void Open(byte[] rootKey, Keyring keyring)
    {
        _keys = new UnsealedKeys(rootKey, keyring);
        _logger.LogInformation("Coffer unsealed (keyring term {Term})", keyring.ActiveTerm);
        StateChanged?.Invoke(SealState.Unsealed);
    }

    private async Task<Keyring?> LoadKeyringAsync(byte[] rootKey, CancellationToken cancellationToken)
    {
        _record = await _store.LoadAsync(cancellationToken);
        return _record is not null && Keyring.TryOpenWithRootKey(_record.SealedKeyring, rootKey, out var keyring) ? keyring : null;
    }

    private async Task ReloadKeyringAsync()
    {
        if (_keys is not { } keys) return;
        try
        {
            if (await LoadKeyringAsync(keys.RootKey, CancellationToken.None) is { } keyring && _keys is not null)
                _keys = keys with { Keyring = keyring };
        }
        catch (Exception e) when (e is System.Data.Common.DbException or BarrierException)
        {
            _logger.LogError("Could not reload the keyring after another node changed it: {Reason}", e.Message);
        }
    }

    private static byte[] DecodeShare(string key)
    {
        var text = key.Trim();
        byte[]? bytes = null;
        if (text.Length == (RootKeySize + 1) * 2 && text.All(Uri.IsHexDigit)) bytes = Convert.FromHexString(text);
        else
        {
            var buffer = new byte[text.Length];
            if (Convert.TryFromBase64String(text, buffer, out var written)) bytes = buffer[..written];
        }
        if (bytes is null)
            throw new InvalidException("key is not a key share: send one of the base64 (or hex) shares that `coffer operator init` printed");
        if (bytes.Length != RootKeySize + 1)
            throw new InvalidException($"key is not a key share: a share is {RootKeySize + 1} bytes, this one decodes to {bytes.Length}");
        return bytes;
    }
}
