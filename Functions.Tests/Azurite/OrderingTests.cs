using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Azurite;

/// <summary>Lists are in id order whatever the insertion order; ids are ASCII digit runs from 1 to 2147483647.</summary>
public sealed class OrderingTests(OrderingTests.Data data) : IClassFixture<OrderingTests.Data>
{
    public const int MaxId = int.MaxValue;

    private static readonly int[] InsertionOrder = [7, MaxId, 3, 12, 1, 10, 5, 9, 2, 11, 4, 8, 6];

    public sealed class Data : SeededApi
    {
        protected override async Task SeedAsync(ApiHarness api)
        {
            foreach (var id in InsertionOrder)
            {
                await api.AddConnectorAsync(ConnectorKind.Alm, id, Name(ConnectorKind.Alm, id), System(ConnectorKind.Alm));
                await api.AddConnectorAsync(ConnectorKind.Analysis, id, Name(ConnectorKind.Analysis, id), System(ConnectorKind.Analysis));
            }
        }
    }

    private static string Name(ConnectorKind kind, int id) => $"{kind} connector {id}";

    private static string System(ConnectorKind kind) => kind == ConnectorKind.Alm ? "Rally" : "Fortify";

    private static string Body(ConnectorKind kind, int id) => Bodies.Connector(id, Name(kind, id), System(kind));

    private static string FullList(ConnectorKind kind) =>
        Bodies.List(InsertionOrder.Order().Select(id => Body(kind, id)));

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task The_list_is_in_id_order_whatever_the_insertion_order(ConnectorKind kind)
    {
        var response = await data.GetAsync(Paths.List(kind));

        Assert.Equal(200, response.Status);
        Assert.Equal(FullList(kind), response.BodyText);
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
    }

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task The_trailing_slash_is_optional(ConnectorKind kind)
    {
        var list = await data.GetAsync($"/api/v2/connectors/{kind.PartitionKey()}");
        var one = await data.GetAsync($"/api/v2/connectors/{kind.PartitionKey()}/12");

        Assert.Equal(200, list.Status);
        Assert.Equal(FullList(kind), list.BodyText);
        Assert.Equal(200, one.Status);
        Assert.Equal(Body(kind, 12), one.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, "2147483647")]
    [InlineData(ConnectorKind.Alm, "0002147483647")]
    [InlineData(ConnectorKind.Alm, "02147483647")]
    [InlineData(ConnectorKind.Analysis, "2147483647")]
    [InlineData(ConnectorKind.Analysis, "0002147483647")]
    [InlineData(ConnectorKind.Analysis, "02147483647")]
    public async Task The_largest_id_is_served_with_or_without_leading_zeros(ConnectorKind kind, string id)
    {
        var response = await data.GetAsync(Paths.One(kind, id));

        Assert.Equal(200, response.Status);
        Assert.Equal(Body(kind, MaxId), response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, "1")]
    [InlineData(ConnectorKind.Alm, "01")]
    [InlineData(ConnectorKind.Alm, "0000000001")]
    [InlineData(ConnectorKind.Alm, "00000000000000000000001")]
    [InlineData(ConnectorKind.Analysis, "1")]
    [InlineData(ConnectorKind.Analysis, "01")]
    [InlineData(ConnectorKind.Analysis, "0000000001")]
    [InlineData(ConnectorKind.Analysis, "00000000000000000000001")]
    public async Task Leading_zeros_name_the_same_id(ConnectorKind kind, string id)
    {
        var response = await data.GetAsync(Paths.One(kind, id));

        Assert.Equal(200, response.Status);
        Assert.Equal(Body(kind, 1), response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, "2147483648")]
    [InlineData(ConnectorKind.Alm, "4294967297")]
    [InlineData(ConnectorKind.Alm, "99999999999999999999")]
    [InlineData(ConnectorKind.Alm, "0")]
    [InlineData(ConnectorKind.Alm, "0000000000")]
    [InlineData(ConnectorKind.Alm, "13")]
    [InlineData(ConnectorKind.Alm, "-1")]
    [InlineData(ConnectorKind.Alm, "%2B1")]
    [InlineData(ConnectorKind.Alm, "%201")]
    [InlineData(ConnectorKind.Alm, "1.0")]
    [InlineData(ConnectorKind.Alm, "1e0")]
    [InlineData(ConnectorKind.Alm, "abc")]
    [InlineData(ConnectorKind.Alm, "%D9%A1")]
    [InlineData(ConnectorKind.Alm, "%EF%BC%91")]
    [InlineData(ConnectorKind.Alm, "'")]
    [InlineData(ConnectorKind.Analysis, "2147483648")]
    [InlineData(ConnectorKind.Analysis, "4294967297")]
    [InlineData(ConnectorKind.Analysis, "99999999999999999999")]
    [InlineData(ConnectorKind.Analysis, "0")]
    [InlineData(ConnectorKind.Analysis, "0000000000")]
    [InlineData(ConnectorKind.Analysis, "13")]
    [InlineData(ConnectorKind.Analysis, "-1")]
    [InlineData(ConnectorKind.Analysis, "%2B1")]
    [InlineData(ConnectorKind.Analysis, "%201")]
    [InlineData(ConnectorKind.Analysis, "1.0")]
    [InlineData(ConnectorKind.Analysis, "1e0")]
    [InlineData(ConnectorKind.Analysis, "abc")]
    [InlineData(ConnectorKind.Analysis, "%D9%A1")]
    [InlineData(ConnectorKind.Analysis, "%EF%BC%91")]
    [InlineData(ConnectorKind.Analysis, "'")]
    public async Task Ids_out_of_range_not_ascii_digits_or_missing_are_404(ConnectorKind kind, string id)
    {
        var response = await data.GetAsync(Paths.One(kind, id));

        Assert.Equal(404, response.Status);
        Assert.Equal(Expect.NotFound, response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task Every_listed_connector_is_served_on_its_own(ConnectorKind kind)
    {
        foreach (var id in InsertionOrder)
        {
            var response = await data.GetAsync(Paths.One(kind, id));

            Assert.Equal(200, response.Status);
            Assert.Equal(Body(kind, id), response.BodyText);
        }
    }
}
