using Azure.Identity;
using Connectors.Admin;
using Connectors.Api.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Connectors.Api.Tests.Admin;

/// <summary>The admin tool run as an operator runs it: a process, its output, its exit code, against a real Azurite.</summary>
public sealed class AdminCommandLineTests : IAsyncLifetime
{
    private ApiHarness api = null!;
    private Dictionary<string, string?> environment = null!;
    private string directory = null!;

    public async Task InitializeAsync()
    {
        // The tool creates the tables itself: the harness only names them, and reads storage afresh each time.
        api = await ApiHarness.StartAsync(createTables: false, settings: ApiHarness.NoCache);
        environment = new()
        {
            ["ConnectorsStorage"] = Azurite.Azurite.Shared.ConnectionString,
            ["Tables__Connectors"] = api.Connectors.Name,
            ["Tables__ApiKeys"] = api.ApiKeys.Name,
        };
        directory = Directory.CreateTempSubdirectory("connectors-admin-").FullName;
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private Task<ProcessResult> AdminAsync(params string[] arguments) => Processes.AdminAsync(environment, arguments);

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task An_invalid_file_is_reported_whole_with_exit_code_1_and_nothing_written()
    {
        var file = Write("bad.json", """{"alm": [{"id": 0, "name": "", "system": "Rally", "inaccessible": false}], "analysis": [{"id": 1}]}""");

        var result = await AdminAsync("connectors", "import", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "bad.json: alm[0].id: must be a positive 32-bit integer\nbad.json: alm[0].name: must not be empty\n"
            + "bad.json: analysis[0].name: is required\nbad.json: analysis[0].system: is required\nbad.json: analysis[0].inaccessible: is required\n"
            + "5 error(s): nothing was written.\n",
            result.Error);
        Assert.DoesNotContain(await api.Tables.QueryAsync(t => t.Name == api.Connectors.Name).ToListAsync(), _ => true);
    }

    [Fact]
    public async Task Import_export_and_keys_work_end_to_end_and_the_key_is_printed_once()
    {
        var file = Write("connectors.json", """{"alm": [{"id": 1, "name": "Rally Connector", "system": "Rally", "inaccessible": false}]}""");

        var import = await AdminAsync("connectors", "import", file);
        var export = await AdminAsync("connectors", "export");
        var create = await AdminAsync("keys", "create", "--name", "jenkins", "--expires-in", "30d");
        var key = create.Output.Trim();
        var list = await AdminAsync("keys", "list");
        var served = await api.GetAsync("/api/v2/connectors/alm/", key);
        var revoke = await AdminAsync("keys", "revoke", "jenkins");
        var refused = await api.GetAsync("/api/v2/connectors/alm/", key);

        Assert.Equal((0, "alm: 1 added, 0 updated, 0 removed, 0 unchanged\n"), (import.ExitCode, import.Output));
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(
            "{\n  \"alm\": [\n    {\n      \"id\": 1,\n      \"name\": \"Rally Connector\",\n      \"system\": \"Rally\",\n      \"inaccessible\": false\n    }\n  ],\n  \"analysis\": []\n}\n",
            export.Output);
        Assert.Equal(0, create.ExitCode);
        Assert.Matches("^sde_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("shown only this once", create.Error);
        Assert.Contains("jenkins", list.Output);
        Assert.Contains("active", list.Output);
        Assert.DoesNotContain(key, list.Output);
        Assert.Equal(200, served.Status);
        Assert.Equal((0, "Revoked 1 key(s) named \"jenkins\".\n"), (revoke.ExitCode, revoke.Output));
        Assert.Equal(401, refused.Status);
    }

    [Fact]
    public async Task Unreachable_storage_is_one_clear_line_and_exit_code_2()
    {
        var port = Azurite.Azurite.FreePort();
        environment["ConnectorsStorage"] = Azurite.Azurite.ConnectionStringFor(port);

        var result = await AdminAsync("keys", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"error: table storage at http://127.0.0.1:{port}/devstoreaccount1 failed: ", line);
        Assert.DoesNotContain("AccountKey", line);
    }

    [Fact]
    public async Task A_refused_request_is_one_line_and_exit_code_1()
    {
        var result = await AdminAsync("keys", "revoke", "nobody");

        Assert.Equal((1, "error: no key is named \"nobody\"\n"), (result.ExitCode, result.Error));
    }

    [Fact]
    public async Task A_missing_file_is_one_line_and_exit_code_1()
    {
        var result = await AdminAsync("connectors", "import", Path.Combine(directory, "absent.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: Could not find file", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}

/// <summary>The tool's connection choices, as an operator gives them.</summary>
public sealed class AdminConnectionTests
{
    private static readonly IConfiguration NoEnvironment = new ConfigurationBuilder().Build();

    [Fact]
    public void A_table_service_uri_connects_keyless_with_the_default_azure_credential()
    {
        using var storage = AdminStorage.Connect(null, "https://sdedata.table.core.windows.net/", NoEnvironment);
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["tableServiceUri"] = "https://sdedata.table.core.windows.net/",
        }).Build();

        Assert.Equal(new Uri("https://sdedata.table.core.windows.net/"), storage.Endpoint);
        Assert.IsType<DefaultAzureCredential>(storage.CredentialFactory.CreateTokenCredential(section));
    }

    [Fact]
    public void Without_any_setting_it_connects_to_the_local_emulator()
    {
        using var storage = AdminStorage.Connect(null, null, NoEnvironment);

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), storage.Endpoint);
    }

    [Fact]
    public void The_environment_settings_of_the_app_are_used_and_the_command_line_wins()
    {
        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectorsStorage:tableServiceUri"] = "https://fromenv.table.core.windows.net/",
            ["Tables:Connectors"] = "SdeConnectors",
        }).Build();

        using var fromEnvironment = AdminStorage.Connect(null, null, environment);
        using var fromCommandLine = AdminStorage.Connect(Azurite.Azurite.ConnectionStringFor(10002), null, environment);

        Assert.Equal(("fromenv", "SdeConnectors"), (fromEnvironment.Endpoint.Host.Split('.')[0], fromEnvironment.Connectors.Name));
        Assert.Equal(10002, fromCommandLine.Endpoint.Port);
    }
}
