using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.Bitwarden;

/// <summary>The server verifies every JWT it is shown (clients never do, spec §3.5): anything but its own signature is a 401.</summary>
public abstract class JwtSpec(UnsealedServerFixture fixture)
{
    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Decode(string part) => Encoding.UTF8.GetString(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight((part.Length + 3) / 4 * 4, '=')));

    /// <summary>The same JWT with its claims changed by <paramref name="change"/>, and its original header and signature.</summary>
    private static string WithClaims(string jwt, Action<JsonObject> change)
    {
        var parts = jwt.Split('.');
        var claims = JsonNode.Parse(Decode(parts[1]))!.AsObject();
        change(claims);
        return $"{parts[0]}.{Encode(claims.ToJsonString())}.{parts[2]}";
    }

    private async Task<HttpStatusCode[]> StatusesAsync(string jwt, BitwardenWorld world)
    {
        using var client = fixture.Server.ClientWithToken(jwt);
        using var api = await client.GetAsync($"/api/secrets/{world.Secret}");
        using var native = await client.GetAsync($"{Orgs}/{world.Org}/projects");
        return [api.StatusCode, native.StatusCode];
    }

    [Fact]
    public async Task A_jwt_with_altered_claims_is_refused()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        using var other = await BitwardenWorld.CreateAsync(fixture);

        var otherOrg = WithClaims(world.Session.Jwt, c => c["organization"] = other.Org.ToString());
        var longer = WithClaims(world.Session.Jwt, c => c["exp"] = c["exp"]!.GetValue<long>() + 86_400);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], await StatusesAsync(otherOrg, world));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], await StatusesAsync(longer, world));
    }

    [Fact]
    public async Task A_jwt_with_a_changed_signature_is_refused()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        var jwt = world.Session.Jwt;
        var flipped = jwt[..^2] + (jwt[^2] == 'A' ? 'B' : 'A') + jwt[^1];

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], await StatusesAsync(flipped, world));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], await StatusesAsync(jwt[..jwt.LastIndexOf('.')] + ".", world));
    }

    [Fact]
    public async Task An_alg_none_jwt_is_refused_even_with_valid_claims()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        var claims = world.Session.Jwt.Split('.')[1];

        var none = $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{claims}.";
        var noneUpper = $"{Encode("""{"alg":"None"}""")}.{claims}.";
        var hs512 = $"{Encode("""{"alg":"HS512","typ":"JWT"}""")}.{claims}.{world.Session.Jwt.Split('.')[2]}";

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], await StatusesAsync(none, world));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], await StatusesAsync(noneUpper, world));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], await StatusesAsync(hs512, world));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await StatusesAsync(world.Session.Jwt, world));
    }

    [Fact]
    public async Task A_401_on_the_api_has_upstreams_error_body()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        using var client = fixture.Server.ClientWithToken("not.a.jwt");

        var body = await client.GetAsync($"/api/secrets/{world.Secret}").ExpectAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("Unauthorized.", body.Str("message"));
        Assert.Equal("error", body.Str("object"));
    }
}

public sealed class JwtOnSqlite(SqliteServerFixture fixture) : JwtSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class JwtOnPostgres(PostgresServerFixture fixture) : JwtSpec(fixture), IClassFixture<PostgresServerFixture>;
