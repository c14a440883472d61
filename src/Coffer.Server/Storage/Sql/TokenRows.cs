using System.Data.Common;
using Coffer.Server.Tokens;

namespace Coffer.Server.Storage.Sql;

/// <summary>The tokens table's columns, shared by every statement that reads or writes whole rows.</summary>
internal static class TokenRows
{
    public const string Columns =
        "accessor, verifier, parent, entity_id, policies, sealed_details, bound_cidrs, creation_time, renewal_time, expire_time, ttl_seconds, explicit_max_end, renewable, num_uses";

    public static Task InsertAsync(DbTransaction transaction, StoredToken t, CancellationToken cancellationToken) =>
        transaction.Sql($"INSERT INTO tokens ({Columns}) VALUES (@accessor, @verifier, @parent, @entity, @policies, @details, @cidrs, @created, @renewed, @expires, @ttl, @max_end, @renewable, @uses)")
            .With("accessor", t.Accessor).With("verifier", t.Verifier).With("parent", t.Parent).With("entity", t.EntityId)
            .With("policies", string.Join(',', t.Policies)).With("details", t.SealedDetails).With("cidrs", string.Join(',', t.BoundCidrs))
            .With("created", UnixTime.ToMicroseconds(t.CreationTime)).With("renewed", UnixTime.ToMicroseconds(t.RenewalTime))
            .With("expires", UnixTime.ToMicroseconds(t.ExpireTime)).With("ttl", t.TtlSeconds)
            .With("max_end", UnixTime.ToMicroseconds(t.ExplicitMaxEnd)).With("renewable", t.Renewable).With("uses", t.NumUses)
            .RunAsync(cancellationToken);

    public static StoredToken Read(DbDataReader r) => new(
        r.GetGuid(0), (byte[])r.GetValue(1), r.GetGuidOrNull(2), r.GetString(3), Split(r.GetString(4)), (byte[])r.GetValue(5),
        Split(r.GetString(6)), UnixTime.FromMicroseconds(r.GetInt64(7)), UnixTime.FromMicroseconds(r.GetInt64OrNull(8)),
        UnixTime.FromMicroseconds(r.GetInt64OrNull(9)), r.GetInt64(10), UnixTime.FromMicroseconds(r.GetInt64OrNull(11)),
        r.GetBoolean(12), r.GetInt32(13));

    private static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split(',');
}
