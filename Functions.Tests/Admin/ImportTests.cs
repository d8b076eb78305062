using System.Text;
using Azure.Data.Tables;
using Connectors.Admin;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Admin;

/// <summary>Imports and exports against a real Azurite, read back through the app itself.</summary>
public sealed class ImportTests : IAsyncLifetime
{
    private ApiHarness api = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        api = await ApiHarness.StartAsync(settings: ApiHarness.NoCache);
        key = await api.AddKeyAsync();
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    private static ConnectorsFile File(string json)
    {
        var errors = new List<string>();
        return ConnectorsFile.Read(Encoding.UTF8.GetBytes(json), errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    private Task<IReadOnlyList<ImportSummary>> ImportAsync(ConnectorsFile file, bool replace = false, bool dryRun = false) =>
        new ConnectorImport(api.Connectors, TextWriter.Null).RunAsync(file, replace, dryRun, CancellationToken.None);

    private async Task<List<TableEntity>> RowsAsync() =>
        await api.Connectors.QueryAsync<TableEntity>(maxPerPage: 1000).ToListAsync();

    private static ConnectorsFile Many(int count, string nameSuffix = "") => File(
        "{\"alm\": [" + string.Join(",", Enumerable.Range(1, count).Select(i =>
            $$"""{"id": {{i * 3}}, "name": "ALM {{i}}{{nameSuffix}}", "system": "JIRA", "inaccessible": {{(i % 4 == 0 ? "true" : "false")}}}"""))
        + "], \"analysis\": [{\"id\": 5, \"name\": \"Checkmarx\", \"system\": \"Checkmarx\", \"inaccessible\": false}]}");

    [Fact]
    public async Task An_import_writes_rows_in_the_contract_schema_that_the_api_serves()
    {
        var summaries = await ImportAsync(File("""
            {"alm": [{"id": 42, "name": "Rally Connector", "system": "Rally", "inaccessible": true}],
             "analysis": [{"id": 1, "name": "Fortify Connector", "system": "Fortify", "inaccessible": false}]}
            """));

        Assert.Equal(["alm: 1 added, 0 updated, 0 removed, 0 unchanged", "analysis: 1 added, 0 updated, 0 removed, 0 unchanged"],
            summaries.Select(s => s.ToString()));
        var row = (await api.Connectors.GetEntityAsync<TableEntity>("alm", "0000000042")).Value;
        Assert.Equal(("Rally Connector", "Rally", true), (row.GetString("Name"), row.GetString("System"), row.GetBoolean("Inaccessible")));
        var served = await api.GetAsync("/api/v2/connectors/alm/42/", key);
        Assert.Equal("""{"id":42,"name":"Rally Connector","system":"Rally","inaccessible":true}""", served.BodyText);
    }

    [Fact]
    public async Task More_than_one_transaction_of_rows_is_written_whole()
    {
        var summaries = await ImportAsync(Many(250));

        Assert.Equal(250, summaries.Single(s => s.Kind == ConnectorKind.Alm).Added);
        Assert.Equal(251, (await RowsAsync()).Count);
        var page = await api.GetAsync("/api/v2/connectors/alm/?page_size=1000", key);
        Assert.StartsWith("""{"count":250,"next":null,"previous":null,"results":[{"id":3,"name":"ALM 1",""", page.BodyText);
    }

    [Fact]
    public async Task Running_the_same_import_again_changes_nothing()
    {
        await ImportAsync(Many(120));
        var before = (await RowsAsync()).ToDictionary(r => r.PartitionKey + r.RowKey, r => r.ETag);

        var summaries = await ImportAsync(Many(120));

        Assert.All(summaries, s => Assert.Equal((0, 0, 0), (s.Added, s.Updated, s.Removed)));
        Assert.Equal(121, summaries.Sum(s => s.Unchanged));
        Assert.Equal(before, (await RowsAsync()).ToDictionary(r => r.PartitionKey + r.RowKey, r => r.ETag));
    }

    [Fact]
    public async Task A_changed_connector_is_updated_and_the_others_are_left_alone()
    {
        await ImportAsync(Many(3));

        var summaries = await ImportAsync(File("""{"alm": [{"id": 3, "name": "ALM 1 renamed", "system": "JIRA", "inaccessible": false}]}"""));

        Assert.Equal(["alm: 0 added, 1 updated, 0 removed, 0 unchanged"], summaries.Select(s => s.ToString()));
        Assert.Equal(4, (await RowsAsync()).Count);
    }

    [Fact]
    public async Task Replace_removes_what_the_file_no_longer_lists_only_in_the_kinds_it_names()
    {
        await ImportAsync(Many(5));

        var summaries = await ImportAsync(File("""{"alm": [{"id": 6, "name": "ALM 2", "system": "JIRA", "inaccessible": false}]}"""), replace: true);

        Assert.Equal(["alm: 0 added, 0 updated, 4 removed, 1 unchanged"], summaries.Select(s => s.ToString()));
        Assert.Equal(["alm/0000000006", "analysis/0000000005"], (await RowsAsync()).Select(r => $"{r.PartitionKey}/{r.RowKey}").Order());
    }

    [Fact]
    public async Task A_dry_run_reports_the_changes_and_writes_nothing()
    {
        await ImportAsync(Many(2));

        var summaries = await ImportAsync(File("""{"alm": [{"id": 99, "name": "New", "system": "Rally", "inaccessible": false}]}"""), replace: true, dryRun: true);

        Assert.Equal(["alm: 1 added, 0 updated, 2 removed, 0 unchanged"], summaries.Select(s => s.ToString()));
        Assert.Equal(3, (await RowsAsync()).Count);
    }

    [Fact]
    public async Task Export_then_import_then_export_gives_identical_bytes()
    {
        await ImportAsync(File(System.IO.File.ReadAllText(Path.Combine(Repository.Root, "sample-data", "connectors.json"))));
        var first = await ExportAsync();

        var reimport = await ImportAsync(File(Encoding.UTF8.GetString(first)), replace: true);
        var second = await ExportAsync();

        Assert.All(reimport, s => Assert.Equal(12, s.Unchanged));
        Assert.Equal(first, second);
    }

    [Fact]
    public void The_sample_data_is_valid_and_realistic()
    {
        var sample = File(System.IO.File.ReadAllText(Path.Combine(Repository.Root, "sample-data", "connectors.json")));

        foreach (var connectors in sample.Kinds.Values)
        {
            Assert.True(connectors.Count >= 10);
            Assert.Contains(connectors, c => c.Inaccessible);
            Assert.Contains(connectors.Zip(connectors.Skip(1)), pair => pair.Second.Id - pair.First.Id > 1);
        }
    }

    private async Task<byte[]> ExportAsync() =>
        (await ConnectorsFile.ExportAsync(api.Get<Storage.ConnectorStore>(), CancellationToken.None)).Write();
}
