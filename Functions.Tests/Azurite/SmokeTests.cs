using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Azurite;

public sealed class SmokeTests
{
    [Fact]
    public async Task Seeded_connector_is_served_by_both_endpoints()
    {
        await using var api = await ApiHarness.StartAsync();
        await api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
        var key = await api.AddKeyAsync();

        var list = await api.GetAsync("/api/v2/connectors/alm/", key);
        var one = await api.GetAsync("/api/v2/connectors/alm/1/", key);

        Assert.Equal(200, list.Status);
        Assert.Equal("""{"results":[{"id":1,"name":"Rally Connector","system":"Rally","inaccessible":false}]}""", list.BodyText);
        Assert.Equal(200, one.Status);
        Assert.Equal("""{"id":1,"name":"Rally Connector","system":"Rally","inaccessible":false}""", one.BodyText);
        Assert.Equal("application/json; charset=utf-8", one.Header("Content-Type"));
    }
}
