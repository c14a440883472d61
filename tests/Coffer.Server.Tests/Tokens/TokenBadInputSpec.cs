using System.Net;
using System.Text.Json;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Tokens;

/// <summary>Every malformed create-token request gets a clear 4xx and stores nothing.</summary>
public abstract class TokenBadInputSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "application/json", """{"ttl": "1h",""", "not valid JSON" },
        { "application/yaml", "ttl: [1h\nmeta: x\n", "not valid YAML" },
        { "application/json", """{"ttl": "1h", "colour": "blue"}""", "unknown field 'colour'" },
        { "application/json", """{"ttl": 3600}""", "field 'ttl' has the wrong type: expected a string" },
        { "application/json", """{"no-parent": "yes"}""", "field 'no-parent' has the wrong type: expected true or false" },
        { "application/json", """{"meta": ["a"]}""", "field 'meta' has the wrong type" },
        { "application/json", """{"meta": {"a": 1}}""", "field 'meta.a' has the wrong type" },
        { "application/json", """{"ttl": "5x"}""", "ttl: '5x' is not a duration" },
        { "application/json", """{"ttl": "1h1h"}""", "each unit may appear once" },
        { "application/json", """{"ttl": "-1s"}""", "ttl: '-1s' is not a duration" },
        { "application/json", """{"ttl": "99999999999y"}""", "too long" },
        { "application/json", """{"explicit-max-ttl": "1x"}""", "explicit-max-ttl:" },
        { "application/json", """{"bound-cidrs": ["192.168.1.0/33"]}""", "bound-cidrs[0]: '192.168.1.0/33': the prefix length of an IPv4 network is at most 32" },
        { "application/json", """{"bound-cidrs": ["10.0.0.0/8", "fe80::/129"]}""", "bound-cidrs[1]" },
        { "application/json", """{"bound-cidrs": ["300.1.1.1/8"]}""", "'300.1.1.1/8' is not" },
        { "application/json", """{"bound-cidrs": ["10.0.0.0/8/8"]}""", "'10.0.0.0/8/8' is not" },
        { "application/json", """{"bound-cidrs": ["10.1.2.3"]}""", "bound-cidrs[0]: '10.1.2.3' has no prefix length: write 10.1.2.3/32 for one address" },
        { "application/json", """{"num-uses": -1}""", "num-uses" },
        { "application/json", """{"meta": {"a": null}}""", "field 'meta.a' must not be null: expected a string" },
        { "application/yaml", "meta:\n  a: null\n", "field 'meta.a' must not be null: expected a string" },
        { "application/yaml", "meta:\n  a:\n", "field 'meta.a' must not be null" },
        { "application/json", """{"policies": [null]}""", "field 'policies[0]' must not be null: expected a string" },
        { "application/json", """{"bound-cidrs": ["10.0.0.0/8", null]}""", "field 'bound-cidrs[1]' must not be null" },
        { "application/json", """{"policies": [1]}""", "field 'policies[0]' has the wrong type: expected a string" },
        { "application/json", """{"policies": "default"}""", "field 'policies' has the wrong type: expected a list of strings" },
        { "application/json", """{"meta": {"a": [1]}}""", "field 'meta.a' has the wrong type: expected a string" },
        { "application/json", """{"ttl": "1h", "ttl": "2h"}""", "the key 'ttl' appears twice" },
        { "application/json", """{"meta": {"a": "1", "a": "2"}}""", "the key 'a' appears twice" },
        { "application/json", """{"display-name": "bad\u0001name"}""", "display-name" },
        { "text/plain", "ttl=1h", "Content-Type 'text/plain" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_request_is_refused_naming_the_problem_and_stores_nothing(string contentType, string body, string reason)
    {
        var before = await Root.AccessorsAsync();

        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        using var response = await Root.PostAsync($"{Base}/create-token", content);
        var error = await response.JsonAsync();

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"{response.StatusCode}: {error}");
        Assert.Contains(reason, error.ErrorMessage());
        Assert.Equal(before.Count, (await Root.AccessorsAsync()).Count);
    }

    [Theory]
    [InlineData("list-accessors")]
    [InlineData("revoke-self")]
    public async Task Operations_without_body_fields_refuse_unknown_ones(string operation)
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h"}""");
        using var client = fixture.Server.ClientWithToken(token.Token);

        var error = await client.PostAsync($"{Base}/{operation}", Json("""{"colour": "blue"}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("unknown field 'colour'; this operation takes no body fields", error.ErrorMessage());
        Assert.Equal(HttpStatusCode.OK, await fixture.Server.StatusOfSelfLookupAsync(token.Token));
    }

    [Fact]
    public async Task Malformed_yaml_gets_a_message_that_says_where_not_an_internal_one()
    {
        var error = await Root.PostAsync($"{Base}/create-token", Yaml("ttl: [1h, 2h\nmeta: x\n")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("the body is not valid YAML", error.ErrorMessage());
        Assert.Contains("line 1", error.ErrorMessage());
        Assert.DoesNotContain("Operation is not valid", error.ErrorMessage());
    }

    [Theory]
    [InlineData("""{"bound-cidrs": [null]}""", "field 'bound-cidrs[0]' must not be null")]
    [InlineData("""{"bound-cidrs": ["10.0.0.0/8"], "accessor": null, "token": [1]}""", "field 'token' has the wrong type: expected a string")]
    public async Task Set_bound_cidrs_refuses_null_and_mistyped_entries_by_name(string body, string reason)
    {
        var error = await Root.PostAsync($"{Base}/set-bound-cidrs", Json(body)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(reason, error.ErrorMessage());
    }

    [Fact]
    public async Task Ten_thousand_meta_entries_are_refused()
    {
        var meta = JsonSerializer.Serialize(Enumerable.Range(0, 10_000).ToDictionary(i => $"k{i}", i => "v"));

        var error = await Root.PostAsync($"{Base}/create-token", Json($$"""{"ttl": "1h", "meta": {{meta}}}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("meta: at most 64 entries", error.ErrorMessage());
    }

    [Fact]
    public async Task Ten_thousand_bound_cidrs_are_refused()
    {
        var cidrs = JsonSerializer.Serialize(Enumerable.Range(0, 10_000).Select(i => $"10.{i / 256 % 256}.{i % 256}.0/24").ToList());

        var error = await Root.PostAsync($"{Base}/create-token", Json($$"""{"ttl": "1h", "bound-cidrs": {{cidrs}}}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("bound-cidrs: at most 64 entries", error.ErrorMessage());
    }

    [Fact]
    public async Task An_oversize_body_is_413()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/create-token")
        {
            Content = Json($$"""{"display-name": "{{new string('x', 1_200_000)}}"}"""),
        };
        request.Headers.ExpectContinue = true;

        await Root.SendAsync(request).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_yaml_alias_bomb_is_refused()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
                   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nmeta: [*e, *e, *e]\n";

        var error = await Root.PostAsync($"{Base}/create-token", Yaml(bomb)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("expands to more than", error.ErrorMessage());
    }
}

public sealed class TokenBadInputOnSqlite(SqliteServerFixture fixture) : TokenBadInputSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TokenBadInputOnPostgres(PostgresServerFixture fixture) : TokenBadInputSpec(fixture), IClassFixture<PostgresServerFixture>;
