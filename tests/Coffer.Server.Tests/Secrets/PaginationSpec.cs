using System.Net;
using System.Text.Json;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.Secrets;

/// <summary>Every native list is paginated: ?limit= bounds a page, the cursor walks them all, and no page is empty unless the list is.</summary>
public abstract class PaginationSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;

    /// <summary>Walks a list page by page; returns each page's items (as the given property's strings).</summary>
    private static async Task<List<List<string>>> PagesAsync(HttpClient client, string url, string items, string property = "id",
        string cursor = "next-after", string parameter = "after", int limit = 2)
    {
        var pages = new List<List<string>>();
        string? next = null;
        do
        {
            var separator = url.Contains('?') ? '&' : '?';
            var page = await client.GetAsync($"{url}{separator}limit={limit}{(next is null ? "" : $"&{parameter}={next}")}").ExpectAsync(HttpStatusCode.OK);
            pages.Add(page.GetProperty(items).EnumerateArray().Select(e => e.GetProperty(property).ToString()).ToList());
            next = page.TryGetProperty(cursor, out var value) ? value.ToString() : null;
            Assert.True(pages.Count < 100, "the cursor never ends");
        } while (next is not null);
        Assert.All(pages, page => Assert.InRange(page.Count, 1, limit));
        return pages;
    }

    [Fact]
    public async Task Organizations_are_paginated()
    {
        var mine = new List<string>();
        for (var i = 0; i < 3; i++) mine.Add((await Root.CreateOrganizationAsync($"paged-{i}")).ToString());

        var seen = (await PagesAsync(Root, Orgs, "organizations")).SelectMany(p => p).ToList();

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), mine.ToHashSet());
    }

    [Fact]
    public async Task Projects_are_paginated()
    {
        var org = await Root.CreateOrganizationAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++) created.Add((await Root.CreateProjectAsync(org, $"p{i}")).ToString());

        var pages = await PagesAsync(Root, $"{Orgs}/{org}/projects", "projects");

        Assert.Equal(3, pages.Count);
        Assert.Equal(created.Order(), pages.SelectMany(p => p).Order());
    }

    [Fact]
    public async Task A_machine_accounts_project_list_pages_over_only_the_projects_it_may_read()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);
        var granted = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var project = await Root.CreateProjectAsync(org, $"p{i}");
            if (i % 3 == 0)
            {
                await Root.GrantAsync(org, account, project, "read");
                granted.Add(project.ToString());
            }
        }
        using var session = await fixture.Server.LoginAsync(await Root.MintAccessTokenAsync(org, account));

        var pages = await PagesAsync(session.Client, $"{Orgs}/{org}/projects", "projects", limit: 1);

        Assert.Equal(granted.Order(), pages.SelectMany(p => p).Order());
    }

    [Fact]
    public async Task A_tokens_project_list_pages_over_only_the_projects_its_policy_may_read()
    {
        var org = await Root.CreateOrganizationAsync();
        var rules = $"    - path: {Orgs}/{org}/projects\n      operations: {{read: allow}}\n";
        var readable = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var project = await Root.CreateProjectAsync(org, $"p{i}");
            if (i % 3 != 1) continue;
            rules += $"    - path: {Orgs}/{org}/projects/{project}\n      operations: {{read: allow}}\n";
            readable.Add(project.ToString());
        }
        var policy = TokenSteps.Unique("some-projects");
        await Root.PutPolicyAsync(policy, rules);
        using var reader = fixture.Server.ClientWithToken((await Root.CreateTokenAsync($$"""{"ttl": "1h", "policies": ["{{policy}}"]}""")).Token);

        var pages = await PagesAsync(reader, $"{Orgs}/{org}/projects", "projects", limit: 1);

        Assert.Equal(readable.Order(), pages.SelectMany(p => p).Order());
    }

    [Fact]
    public async Task Secrets_found_by_name_are_paginated()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var created = new List<string>();
        for (var i = 0; i < 5; i++) created.Add((await Root.CreateSecretAsync(org, project, "SAME", $"v{i}")).Str("id"));
        await Root.CreateSecretAsync(org, project, "OTHER", "v");

        var pages = await PagesAsync(Root, $"{Orgs}/{org}/projects/{project}/secrets?key=SAME", "secrets");

        Assert.Equal(3, pages.Count);
        Assert.Equal(created.Order(), pages.SelectMany(p => p).Order());
    }

    [Fact]
    public async Task Machine_accounts_are_paginated()
    {
        var org = await Root.CreateOrganizationAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++) created.Add((await Root.CreateMachineAccountAsync(org, $"ma{i}")).ToString());

        var pages = await PagesAsync(Root, $"{Orgs}/{org}/machine-accounts", "machine-accounts");

        Assert.Equal(3, pages.Count);
        Assert.Equal(created.Order(), pages.SelectMany(p => p).Order());
    }

    [Fact]
    public async Task Grants_are_paginated()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var project = await Root.CreateProjectAsync(org, $"p{i}");
            await Root.GrantAsync(org, account, project, i % 2 == 0 ? "read" : "read-write");
            created.Add(project.ToString());
        }

        var pages = await PagesAsync(Root, $"{Orgs}/{org}/machine-accounts/{account}/grants", "grants", property: "project-id");

        Assert.Equal(3, pages.Count);
        Assert.Equal(created.Order(), pages.SelectMany(p => p).Order());
    }

    [Fact]
    public async Task Access_tokens_are_paginated()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);
        var created = new List<string>();
        for (var i = 0; i < 5; i++) created.Add(Coffer.Core.Bitwarden.AccessToken.Parse(await Root.MintAccessTokenAsync(org, account)).Id.ToString());

        var pages = await PagesAsync(Root, $"{Orgs}/{org}/machine-accounts/{account}/access-tokens", "access-tokens");

        Assert.Equal(3, pages.Count);
        Assert.Equal(created.Order(), pages.SelectMany(p => p).Order());
    }

    [Fact]
    public async Task Versions_are_paginated_newest_first_with_before()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var id = (await Root.CreateSecretAsync(org, project, "K", "v1")).Str("id");
        var path = $"{Orgs}/{org}/projects/{project}/secrets/{id}";
        for (var i = 2; i <= 6; i++) await Root.PatchAsync(path, Json($$"""{"value": "v{{i}}"}""")).ExpectAsync(HttpStatusCode.OK);

        var pages = await PagesAsync(Root, $"{path}/versions", "versions", property: "version", cursor: "next-before", parameter: "before");
        var bad = await Root.GetAsync($"{path}/versions?before=latest").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal([["5", "4"], ["3", "2"], ["1"]], pages);
        Assert.Contains("before", bad.ErrorMessage());
    }

    [Fact]
    public async Task A_limit_outside_1_to_1000_is_refused()
    {
        var org = await Root.CreateOrganizationAsync();

        var zero = await Root.GetAsync($"{Orgs}/{org}/projects?limit=0").ExpectAsync(HttpStatusCode.BadRequest);
        await Root.GetAsync($"{Orgs}/{org}/machine-accounts?limit=1001").ExpectAsync(HttpStatusCode.BadRequest);
        await Root.GetAsync($"{Orgs}/{org}/projects?after=nope").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("limit", zero.ErrorMessage());
    }
}

public sealed class PaginationOnSqlite(SqliteServerFixture fixture) : PaginationSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PaginationOnPostgres(PostgresServerFixture fixture) : PaginationSpec(fixture), IClassFixture<PostgresServerFixture>;
