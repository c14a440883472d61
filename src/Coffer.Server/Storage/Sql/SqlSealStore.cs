using Coffer.Core.Barrier;
using Coffer.Server.Seal;
using Coffer.Server.Tokens;

namespace Coffer.Server.Storage.Sql;

internal sealed class SqlSealStore(Database database) : ISealStore
{
    public Task<SealRecord?> LoadAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql("SELECT deployment_id, seal_type, secret_shares, secret_threshold, sealed_keyring, wrapped_root_key, keyring_version, initialized_at FROM seal_config WHERE id = 1")
            .SingleOrDefaultAsync(r => new SealRecord(r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), (byte[])r.GetValue(4),
                r.GetBytesOrNull(5), r.GetInt64(6), UnixTime.FromMicroseconds(r.GetInt64(7))), cancellationToken), cancellationToken);

    public Task<bool> InitializeAsync(SealRecord record, Keyring keyring, string rootToken, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx =>
        {
            var inserted = await tx.Sql("""
                INSERT INTO seal_config (id, deployment_id, seal_type, secret_shares, secret_threshold, sealed_keyring, wrapped_root_key, keyring_version, initialized_at)
                VALUES (1, @deployment, @type, @shares, @threshold, @keyring, @wrapped, @version, @at) ON CONFLICT (id) DO NOTHING
                """)
                .With("deployment", record.DeploymentId).With("type", record.SealType).With("shares", record.Shares)
                .With("threshold", record.Threshold).With("keyring", record.SealedKeyring).With("wrapped", record.WrappedRootKey)
                .With("version", record.KeyringVersion).With("at", UnixTime.ToMicroseconds(record.InitializedAt)).RunAsync(cancellationToken);
            if (inserted == 0) return false;
            await TokenRows.InsertAsync(tx, RootTokens.Create(keyring, rootToken, now), cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> SaveKeyringAsync(byte[] sealedKeyring, long expectedVersion, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            var updated = await tx.Sql("UPDATE seal_config SET sealed_keyring = @keyring, keyring_version = @next WHERE id = 1 AND keyring_version = @expected")
                .With("keyring", sealedKeyring).With("next", expectedVersion + 1).With("expected", expectedVersion).RunAsync(cancellationToken);
            if (updated == 1) changes.Add(SealChanges.KeyringTopic, (expectedVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return updated == 1;
        }, cancellationToken);
}
