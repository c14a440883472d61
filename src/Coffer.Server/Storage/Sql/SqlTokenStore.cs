using Coffer.Server.Tokens;

namespace Coffer.Server.Storage.Sql;

public sealed class SqlTokenStore(Database database) : ITokenStore
{
    public Task InsertAsync(StoredToken token, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => TokenRows.InsertAsync(tx, token, cancellationToken), cancellationToken);

    public Task<StoredToken?> FindByVerifierAsync(byte[] verifier, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql($"SELECT {TokenRows.Columns} FROM tokens WHERE verifier = @verifier")
            .With("verifier", verifier).SingleOrDefaultAsync(TokenRows.Read, cancellationToken), cancellationToken);
}
