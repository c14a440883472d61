using System.Text.Json;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Machine;

/// <summary>Every non-JSON format of `secret get` and `project get|list`, byte for byte as bws prints them.</summary>
public sealed class BwsOutputTests(DevServerFixture fixture) : IClassFixture<DevServerFixture>
{
    private async Task<MachineShell> WriterAsync() => new(fixture, await fixture.TokenAsync(fixture.Writer));

    private static JsonElement Json(CofferBinary.Result result) => JsonDocument.Parse(result.Stdout).RootElement;

    private static string Date(JsonElement record) => DateTimeOffset.Parse(record.GetProperty("creationDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        .UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Secret_get_prints_yaml_env_table_tsv_and_none_as_bws()
    {
        var shell = await WriterAsync();
        var id = fixture.Secret.ToString();
        var secret = Json(await shell.RunAsync("secret", "get", id));

        var yaml = await shell.RunAsync("secret", "get", id, "-o", "yaml");
        var env = await shell.RunAsync("secret", "get", id, "-o", "env");
        var table = await shell.RunAsync("secret", "get", id, "-o", "table");
        var tsv = await shell.RunAsync("secret", "get", id, "-o", "tsv");
        var none = await shell.RunAsync("secret", "get", id, "-o", "none");

        Assert.Equal($"id: {id}\norganizationId: {fixture.Org}\nprojectId: {fixture.Project}\nkey: DB_PASS\nvalue: ' hunter2 '\nnote: ''\n"
            + $"creationDate: {secret.GetProperty("creationDate").GetString()}\nrevisionDate: {secret.GetProperty("revisionDate").GetString()}\n", yaml.Stdout);
        Assert.Equal("DB_PASS=\" hunter2 \"\n", env.Stdout);
        // comfy-table: " cell " per column, columns joined by one space, a rule of dashes joined by one dash.
        Assert.Equal(
            $" ID{new string(' ', 34)}   Key       Value       Creation Date       \n{new string('-', 38 + 1 + 9 + 1 + 11 + 1 + 21)}\n"
            + $" {id}   DB_PASS    hunter2    {Date(secret)} \n", table.Stdout);
        Assert.Equal($"ID\tKey\tValue\tCreation Date\n{id}\tDB_PASS\t hunter2 \t{Date(secret)}\n", tsv.Stdout);
        Assert.Equal("", none.Stdout);
    }

    [Fact]
    public async Task Project_get_and_list_print_yaml_env_tsv_and_none_as_bws()
    {
        var shell = await WriterAsync();
        var id = fixture.Project.ToString();
        var project = Json(await shell.RunAsync("project", "get", id));

        var yaml = await shell.RunAsync("project", "get", id, "-o", "yaml");
        var env = await shell.RunAsync("project", "get", id, "-o", "env");
        var tsv = await shell.RunAsync("project", "get", id, "-o", "tsv");
        var none = await shell.RunAsync("project", "get", id, "-o", "none");
        var listYaml = await shell.RunAsync("project", "list", "-o", "yaml");
        var listEnv = await shell.RunAsync("project", "list", "-o", "env");

        Assert.Equal($"id: {id}\norganizationId: {fixture.Org}\nname: production\ncreationDate: {project.GetProperty("creationDate").GetString()}\n"
            + $"revisionDate: {project.GetProperty("revisionDate").GetString()}\n", yaml.Stdout);
        // bws prints env for any record as <second column>="<third column>": for a project, NAME="creation date".
        Assert.Equal($"production=\"{Date(project)}\"\n", env.Stdout);
        Assert.Equal($"ID\tName\tCreation Date\n{id}\tproduction\t{Date(project)}\n", tsv.Stdout);
        Assert.Equal("", none.Stdout);
        Assert.StartsWith($"- id: {id}\n  organizationId: {fixture.Org}\n  name: production\n", listYaml.Stdout);
        Assert.Equal($"production=\"{Date(project)}\"\n", listEnv.Stdout);
    }

    [Fact]
    public async Task Multi_line_values_are_literal_yaml_blocks_and_keep_table_rows_aligned()
    {
        var project = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects", new { name = "multi-line" });
        var id = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{project}/secrets", new { key = "PEM", value = "line one\nline two" });
        var shell = new MachineShell(fixture, await fixture.TokenAsync(await fixture.MachineAccountAsync("multi-line", "read", project)));

        var yaml = await shell.RunAsync("secret", "get", id.ToString(), "-o", "yaml");
        var list = await shell.RunAsync("secret", "list", project.ToString(), "-o", "yaml");
        var table = await shell.RunAsync("secret", "list", project.ToString(), "-o", "table");

        Assert.Contains("\nvalue: |-\n  line one\n  line two\nnote: ''\n", yaml.Stdout);
        Assert.Contains("\n  value: |-\n    line one\n    line two\n  note: ''\n", list.Stdout);
        var lines = table.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.Equal(lines[0].Length, line.Length));
        Assert.Equal(lines[2].IndexOf("line one", StringComparison.Ordinal), lines[3].IndexOf("line two", StringComparison.Ordinal));
        Assert.Equal("", lines[3][..lines[3].IndexOf("line two", StringComparison.Ordinal)].Trim());
    }

    [Fact]
    public async Task Env_comments_out_a_key_that_is_no_variable_name_and_says_so_at_the_end()
    {
        var project = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects", new { name = "odd keys" });
        await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{project}/secrets", new { key = "not-posix", value = "a\nb" });
        var shell = new MachineShell(fixture, await fixture.TokenAsync(await fixture.MachineAccountAsync("odd keys", "read", project)));

        var env = await shell.RunAsync("secret", "list", project.ToString(), "-o", "env");
        var projects = await shell.RunAsync("project", "list", "-o", "env");

        Assert.Equal(0, env.ExitCode);
        Assert.Equal("# not-posix=\"a\n# b\"\n\n# one or more secrets have been commented-out due to a problematic key name\n", env.Stdout);
        Assert.StartsWith("# odd keys=\"", projects.Stdout);
        Assert.EndsWith("\"\n\n# one or more secrets have been commented-out due to a problematic key name\n", projects.Stdout);
    }
}
