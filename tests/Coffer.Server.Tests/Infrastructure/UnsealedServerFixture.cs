using Coffer.Server.Configuration;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>
/// One initialized and unsealed server shared by the tests of a class (they run one after another).
/// Tests make their own tokens, policies and users with unique names, so they do not see each other.
/// </summary>
public abstract class UnsealedServerFixture(StorageKind kind) : IAsyncLifetime
{
    public CofferTestServer Server { get; private set; } = null!;
    public string RootToken { get; private set; } = "";
    public HttpClient Root { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await CofferTestServer.StartAsync(kind);
        RootToken = (await Server.InitializeAndUnsealAsync(shares: 1, threshold: 1)).RootToken;
        Root = Server.ClientWithToken(RootToken);
    }

    public async Task DisposeAsync()
    {
        Root.Dispose();
        await Server.DisposeAsync();
    }
}

public sealed class SqliteServerFixture() : UnsealedServerFixture(StorageKind.Sqlite);

public sealed class PostgresServerFixture() : UnsealedServerFixture(StorageKind.Postgres);
