using System.CommandLine;

namespace Coffer.Cli.Client;

public static class ClientFactory
{
    public static CofferClient Create(ParseResult parse, bool requireToken = false)
    {
        var token = GlobalOptions.ResolveToken(parse);
        if (requireToken && string.IsNullOrWhiteSpace(token))
            throw new CliException("this command needs a token: pass --token or set COFFER_TOKEN (or run `coffer login`)");
        return new CofferClient(HttpClientFactory.Create(GlobalOptions.ResolveCaCert(parse), TimeSpan.FromSeconds(60)),
            GlobalOptions.ResolveAddress(parse), token);
    }
}
