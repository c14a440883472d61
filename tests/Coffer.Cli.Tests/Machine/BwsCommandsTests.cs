using System.Text.Json;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Machine;

/// <summary>The bws drop-in: every command and output format, through the published binary against a real server.</summary>
public sealed class BwsCommandsTests(DevServerFixture fixture) : IClassFixture<DevServerFixture>
{
    private async Task<MachineShell> WriterAsync() => new(fixture, await fixture.TokenAsync(fixture.Writer));

    [Fact]
    public async Task Secret_get_as_json_has_exactly_the_fields_and_order_of_bws()
    {
        var shell = await WriterAsync();

        var result = await shell.RunAsync("secret", "get", fixture.Secret.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("}\n", result.Stdout);
        Assert.StartsWith("{\n  \"id\": ", result.Stdout);
        var secret = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(["id", "organizationId", "projectId", "key", "value", "note", "creationDate", "revisionDate"], secret.EnumerateObject().Select(p => p.Name));
        Assert.Equal(" hunter2 ", secret.GetProperty("value").GetString());
        Assert.Equal(fixture.Project.ToString(), secret.GetProperty("projectId").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?Z$", secret.GetProperty("creationDate").GetString());
    }

    [Fact]
    public async Task Secret_list_prints_every_format()
    {
        var shell = await WriterAsync();

        var json = await shell.RunAsync("secret", "list", "-o", "json");
        var yaml = await shell.RunAsync("secret", "list", "-o", "yaml");
        var env = await shell.RunAsync("secret", "list", fixture.Project.ToString(), "-o", "env");
        var table = await shell.RunAsync("secret", "list", "-o", "table");
        var tsv = await shell.RunAsync("secret", "list", "-o", "tsv");
        var none = await shell.RunAsync("secret", "list", "-o", "none");

        Assert.Contains(JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray(), s => s.GetProperty("key").GetString() == "DB_PASS");
        Assert.Contains("key: DB_PASS\n", yaml.Stdout);
        Assert.Contains("value: ' hunter2 '\n", yaml.Stdout);
        Assert.Contains("DB_PASS=\" hunter2 \"\n", env.Stdout);
        Assert.Matches(@"^ ID +Key +Value +Creation Date *\n-+\n", table.Stdout);
        Assert.StartsWith("ID\tKey\tValue\tCreation Date\n", tsv.Stdout);
        Assert.Contains($"{fixture.Secret}\tDB_PASS\t hunter2 \t", tsv.Stdout);
        Assert.Equal("", none.Stdout);
        Assert.All(new[] { json, yaml, env, table, tsv, none }, r => Assert.Equal(0, r.ExitCode));
    }

    [Fact]
    public async Task Secrets_are_created_edited_and_deleted()
    {
        var shell = await WriterAsync();

        var created = JsonDocument.Parse((await shell.RunAsync("secret", "create", "API_KEY", "v1", fixture.Project.ToString(), "--note", "first")).Stdout).RootElement;
        var id = created.GetProperty("id").GetString()!;
        var edited = JsonDocument.Parse((await shell.RunAsync("secret", "edit", id, "--value", "v2")).Stdout).RootElement;
        var nothing = await shell.RunAsync("secret", "edit", id);
        var deleted = await shell.RunAsync("secret", "delete", id);
        var gone = await shell.RunAsync("secret", "get", id);

        Assert.Equal("first", created.GetProperty("note").GetString());
        Assert.Equal("v2", edited.GetProperty("value").GetString());
        Assert.Equal("API_KEY", edited.GetProperty("key").GetString());
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("--key <KEY>|--value <VALUE>|--note <NOTE>|--project-id <PROJECT_ID>", nothing.Stderr);
        Assert.Equal("1 secret deleted successfully.\n", deleted.Stdout);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("[404 Not Found]", gone.Stderr);
    }

    [Fact]
    public async Task Projects_are_listed_created_edited_and_deleted()
    {
        var shell = await WriterAsync();

        var created = JsonDocument.Parse((await shell.RunAsync("project", "create", "staging")).Stdout).RootElement;
        var id = created.GetProperty("id").GetString()!;
        var edited = JsonDocument.Parse((await shell.RunAsync("project", "edit", id, "--name", "stage")).Stdout).RootElement;
        var table = await shell.RunAsync("project", "list", "-o", "table");
        var got = JsonDocument.Parse((await shell.RunAsync("project", "get", id)).Stdout).RootElement;
        var deleted = await shell.RunAsync("project", "delete", id);

        Assert.Equal(["id", "organizationId", "name", "creationDate", "revisionDate"], created.EnumerateObject().Select(p => p.Name));
        Assert.Equal("stage", edited.GetProperty("name").GetString());
        Assert.Matches(@"^ ID +Name +Creation Date", table.Stdout);
        Assert.Contains(" stage ", table.Stdout);
        Assert.Equal("stage", got.GetProperty("name").GetString());
        Assert.Equal("1 project deleted successfully.\n", deleted.Stdout);
    }

    [Fact]
    public async Task A_secret_is_found_by_name_and_an_ambiguous_name_lists_the_candidates()
    {
        var project = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects", new { name = "by-name" });
        var first = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{project}/secrets", new { key = "TWICE", value = "a" });
        var second = await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{project}/secrets", new { key = "TWICE", value = "b" });
        await fixture.IdAsync($"/v1/config/orgs/{fixture.Org}/projects/{project}/secrets", new { key = "ONCE", value = "found me" });
        var account = await fixture.MachineAccountAsync("by-name", "read", project);
        var shell = new MachineShell(fixture, await fixture.TokenAsync(account));

        var found = await shell.RunAsync("secret", "get", "--project", project.ToString(), "ONCE");
        var ambiguous = await shell.RunAsync("secret", "get", "--project", project.ToString(), "TWICE");
        var missing = await shell.RunAsync("secret", "get", "--project", project.ToString(), "NOPE");
        var notAnId = await shell.RunAsync("secret", "get", "ONCE");

        Assert.Equal("found me", JsonDocument.Parse(found.Stdout).RootElement.GetProperty("value").GetString());
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains(first.ToString(), ambiguous.Stderr);
        Assert.Contains(second.ToString(), ambiguous.Stderr);
        Assert.Contains("No secret named 'NOPE'", missing.Stderr);
        Assert.Equal(2, notAnId.ExitCode);
        Assert.Contains("--project", notAnId.Stderr);
    }

    [Fact]
    public async Task The_login_is_cached_in_an_encrypted_state_file_and_reused()
    {
        var shell = await WriterAsync();
        var token = await fixture.TokenAsync(fixture.Writer);
        var config = Path.Combine(shell.Home, "bws.toml");
        var tokenId = token.Split('.')[1];
        // A profile named after the token: the API is real, the identity server is not — only a cached login can work.
        await File.WriteAllTextAsync(config, $"[profiles.{tokenId}]\nserver_api = \"{fixture.Server.Address}/api\"\nserver_identity = \"http://127.0.0.1:1\"\n");
        var first = await CofferBinary.RunAsync(["secret", "get", fixture.Secret.ToString()],
            new Dictionary<string, string> { ["BWS_ACCESS_TOKEN"] = token, ["BWS_SERVER_URL"] = fixture.Server.Address, ["HOME"] = shell.Home });
        var stateFile = Path.Combine(shell.Home, ".config", "bws", "state", tokenId);

        var cached = await CofferBinary.RunAsync(["secret", "get", fixture.Secret.ToString(), "--config-file", config],
            new Dictionary<string, string> { ["BWS_ACCESS_TOKEN"] = token, ["HOME"] = shell.Home });

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("2.", await File.ReadAllTextAsync(stateFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stateFile));
        Assert.Equal(0, cached.ExitCode);
        Assert.Contains("hunter2", cached.Stdout);
    }

    [Fact]
    public async Task Config_writes_profiles_that_later_commands_use()
    {
        var shell = await WriterAsync();
        var env = shell.Environment();
        env.Remove("BWS_SERVER_URL");
        var config = Path.Combine(shell.Home, "config");

        var set = await CofferBinary.RunAsync(["config", "server-base", fixture.Server.Address + "/", "--config-file", config, "--profile", "dev"], env);
        var written = await File.ReadAllTextAsync(config);
        var badBool = await CofferBinary.RunAsync(["config", "state-opt-out", "maybe", "--config-file", config, "--profile", "dev"], env);
        var used = await CofferBinary.RunAsync(["project", "list", "--config-file", config, "--profile", "dev"], env);
        var unknownProfile = await CofferBinary.RunAsync(["project", "list", "--config-file", config, "--profile", "nope"], env);
        var deleted = await CofferBinary.RunAsync(["config", "--delete", "--config-file", config, "--profile", "dev"], env);

        Assert.Equal("Profile updated successfully!\n", set.Stdout);
        Assert.Contains($"[profiles.dev]\nserver_base = \"{fixture.Server.Address}\"", written);
        Assert.Contains("must be \"true\" or \"false\"", badBool.Stderr);
        Assert.Equal(0, used.ExitCode);
        Assert.Contains("The specified profile does not exist", unknownProfile.Stderr);
        Assert.Equal("Profile deleted successfully!\n", deleted.Stdout);
    }

    [Fact]
    public async Task Completions_print_a_script_for_the_shell()
    {
        var bash = await CofferBinary.RunAsync(["completions", "bash"]);
        var zsh = await CofferBinary.RunAsync(["completions", "zsh"]);
        var fish = await CofferBinary.RunAsync(["completions", "fish"]);
        var powershell = await CofferBinary.RunAsync(["completions", "powershell"]);
        var elvish = await CofferBinary.RunAsync(["completions", "elvish"]);
        var detected = await CofferBinary.RunAsync(["completions"], new Dictionary<string, string> { ["SHELL"] = "/usr/bin/fish" });
        var unknown = await CofferBinary.RunAsync(["completions"], new Dictionary<string, string> { ["SHELL"] = "/bin/tcsh" });
        var suggested = await CofferBinary.RunAsync(["[suggest:10]", "coffer sec"]);

        Assert.Contains("complete -o default -F _coffer coffer", bash.Stdout);
        Assert.Contains("#compdef coffer", zsh.Stdout);
        Assert.StartsWith("complete -c coffer -f -a '(coffer \"[suggest:", fish.Stdout);
        Assert.Contains("Register-ArgumentCompleter -Native -CommandName coffer", powershell.Stdout);
        Assert.Contains("set edit:completion:arg-completer[coffer]", elvish.Stdout);
        Assert.Equal(fish.Stdout, detected.Stdout);
        Assert.Contains("Couldn't autodetect a valid shell", unknown.Stderr);
        Assert.All(new[] { bash, zsh, fish, powershell, elvish }, r => Assert.Equal(0, r.ExitCode));
        Assert.Contains("secret", suggested.Stdout.Split('\n'));
    }
}
