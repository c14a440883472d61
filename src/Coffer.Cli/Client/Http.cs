using System.Security.Authentication;

namespace Coffer.Cli.Client;

/// <summary>Sending with every transport failure turned into one line that names the URL and, for TLS, how to trust it.</summary>
public static class Http
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException || e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            throw new CliException($"the certificate of {url} is not trusted; trust its CA with SSL_CERT_FILE=/path/ca.pem or --ca-cert /path/ca.pem");
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach Coffer at {url}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"{url} did not answer in time");
        }
        finally
        {
            request.Dispose();
        }
    }
}
