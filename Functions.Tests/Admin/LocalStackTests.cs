using System.Text.RegularExpressions;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Admin;

/// <summary>
/// The README's one command, in its --setup-only form (no Core Tools here): it starts Azurite, loads the sample
/// connectors and issues a development key; the app then answers with that key. Run twice, it reuses both.
/// </summary>
public sealed partial class LocalStackTests
{
    [Fact]
    public async Task Setup_only_prepares_a_stack_the_app_serves_and_a_second_run_reuses_it()
    {
        var state = Directory.CreateTempSubdirectory("local-stack-").FullName;
        var tablePort = Azurite.Azurite.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["LOCAL_STACK_DIR"] = state,
            ["AZURITE_BLOB_PORT"] = Azurite.Azurite.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AZURITE_QUEUE_PORT"] = Azurite.Azurite.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AZURITE_TABLE_PORT"] = tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var script = Path.Combine(Repository.Root, "start-local.sh");
        try
        {
            var first = await Processes.RunAsync("bash", [script, "--setup-only"], environment, timeoutSeconds: 240);
            var second = await Processes.RunAsync("bash", [script, "--setup-only"], environment, timeoutSeconds: 240);

            Assert.True(first.ExitCode == 0, first.Output + first.Error);
            Assert.Contains("alm: 12 added, 0 updated, 0 removed, 0 unchanged", first.Output);
            Assert.Contains("analysis: 12 added, 0 updated, 0 removed, 0 unchanged", first.Output);
            Assert.True(second.ExitCode == 0, second.Output + second.Error);
            Assert.Contains("alm: 0 added, 0 updated, 0 removed, 12 unchanged", second.Output);
            var key = CurlKey().Match(first.Output).Groups["key"].Value;
            Assert.Equal(key, CurlKey().Match(second.Output).Groups["key"].Value);

            await using var api = await ApiHarness.StartAsync(
                connectionString: Azurite.Azurite.ConnectionStringFor(tablePort), tables: ("Connectors", "ApiKeys"), createTables: false);
            var list = await api.GetAsync("/api/v2/connectors/alm/?page_size=100", key);
            var one = await api.GetAsync("/api/v2/connectors/analysis/1/", key);

            Assert.Equal(200, list.Status);
            Assert.StartsWith("""{"count":12,"next":null,"previous":null,"results":[{"id":1,"name":"Rally Connector","system":"Rally","inaccessible":false}""", list.BodyText);
            Assert.Equal("""{"id":1,"name":"Fortify Connector","system":"Fortify","inaccessible":false}""", one.BodyText);
        }
        finally
        {
            var pid = Path.Combine(state, "azurite.pid");
            if (File.Exists(pid))
            {
                using var azurite = System.Diagnostics.Process.GetProcessById(int.Parse(File.ReadAllText(pid).Trim(), System.Globalization.CultureInfo.InvariantCulture));
                azurite.Kill(entireProcessTree: true);
                await azurite.WaitForExitAsync();
            }

            Directory.Delete(state, recursive: true);
        }
    }

    [GeneratedRegex("""curl -H "Authorization: Token (?<key>sde_[A-Za-z0-9_-]{43})" http://localhost:7071/api/v2/connectors/alm/""")]
    private static partial Regex CurlKey();
}
