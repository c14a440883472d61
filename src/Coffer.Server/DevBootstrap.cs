using Coffer.Server.Configuration;
using Coffer.Server.Seal;
using Coffer.Server.Storage;
using Coffer.Server.Tokens;

namespace Coffer.Server;

/// <summary>
/// Dev mode: the first start initializes with one key share and prints the root token and unseal key
/// once; every start auto-unseals from the data folder's key file. A fixed --dev-root-token is made
/// valid if it is not yet.
/// </summary>
internal static class DevBootstrap
{
    public static bool KeyFileNeeded(DevSettings dev) =>
        !File.Exists(Path.Combine(dev.DataDir, DevSettingsFactory.DatabaseFile));

    public static async Task RunAsync(DevSettings dev, SealManager seal, TokenManager tokens, TextWriter output, CancellationToken cancellationToken)
    {
        if (seal.State == SealState.Uninitialized)
        {
            var init = await seal.InitializeAsync(1, 1, dev.RootToken?.ToString(), cancellationToken);
            output.WriteLine("""

                Coffer is running in dev mode: one unseal key, auto-unsealed from the data folder. Do not use it in production.
                Save these now — they are shown only this once:
                """);
            output.WriteLine($"    Unseal key: {init.KeysBase64[0]}");
            output.WriteLine($"    Root token: {init.RootToken}");
            output.WriteLine();
            return;
        }
        if (!await seal.AutoUnsealAsync(cancellationToken))
            throw new StorageException($"the data folder {dev.DataDir} holds a database that dev mode cannot unseal");
        if (dev.RootToken is { } fixedToken) await tokens.EnsureRootTokenAsync(fixedToken.ToString(), cancellationToken);
    }
}
