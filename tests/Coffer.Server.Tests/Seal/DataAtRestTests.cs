using System.Text;
using Coffer.Server.Configuration;
using Coffer.Server.Seal;
using Coffer.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Seal;

/// <summary>Nothing usable behind the seal is in the database file: no token, no key.</summary>
public class DataAtRestTests
{
    [Fact]
    public async Task The_database_file_holds_neither_the_root_token_nor_any_key()
    {
        await using var server = await CofferTestServer.StartAsync(StorageKind.Sqlite);
        var init = await server.InitializeAndUnsealAsync();
        var keyring = server.Services.GetRequiredService<SealManager>().Keyring;
        var secrets = keyring.Terms.Select(t => t.Key).Append(keyring.Secret(KeyringSecrets.TokenHmac).ToArray())
            .Concat(init.Keys.Select(Convert.FromBase64String))
            .Append(Encoding.ASCII.GetBytes(init.RootToken))
            .Append(Guid.Parse(init.RootToken).ToByteArray())
            .ToList();

        await server.RestartAsync();
        var bytes = Directory.GetFiles(server.Storage.Folder, "coffer.db*").SelectMany(File.ReadAllBytes).ToArray();

        Assert.NotEmpty(bytes);
        foreach (var secret in secrets)
            Assert.Equal(-1, bytes.AsSpan().IndexOf(secret));
    }
}
