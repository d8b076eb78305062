using Azure.Data.Tables;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Azurite;

/// <summary>
/// More rows than one storage page (1000): the partition scan follows continuation tokens, stays in id order,
/// and page_size above 1000 counts as 1000.
/// </summary>
public sealed class LargePartitionTests(LargePartitionTests.Data data) : IClassFixture<LargePartitionTests.Data>
{
    private const int Count = 1005;

    public sealed class Data : SeededApi
    {
        protected override async Task SeedAsync(ApiHarness api)
        {
            foreach (var kind in new[] { ConnectorKind.Alm, ConnectorKind.Analysis })
            {
                // Batches of at most 100 rows of one partition, inserted from the highest id down.
                foreach (var chunk in Enumerable.Range(1, Count).Reverse().Chunk(100))
                {
                    var actions = chunk.Select(id => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(kind.PartitionKey(), id.ToString("D10", System.Globalization.CultureInfo.InvariantCulture))
                    {
                        ["Name"] = $"{kind} {id}",
                        ["System"] = id % 2 == 0 ? "Even" : "Odd",
                        ["Inaccessible"] = false,
                    }));
                    await api.Connectors.SubmitTransactionAsync(actions);
                }
            }
        }
    }

    private static string Row(ConnectorKind kind, int id) => Bodies.Connector(id, $"{kind} {id}", id % 2 == 0 ? "Even" : "Odd");

    private static IEnumerable<string> Range(ConnectorKind kind, int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(id => Row(kind, id));

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task The_whole_partition_is_listed_in_id_order(ConnectorKind kind)
    {
        var response = await data.GetAsync(Paths.List(kind));

        Assert.Equal(200, response.Status);
        Assert.Equal(Bodies.List(Range(kind, 1, Count)), response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, "?page_size=5000")]
    [InlineData(ConnectorKind.Alm, "?page_size=99999999999999999999")]
    [InlineData(ConnectorKind.Alm, "?page_size=1000")]
    [InlineData(ConnectorKind.Analysis, "?page_size=5000")]
    [InlineData(ConnectorKind.Analysis, "?page_size=99999999999999999999")]
    [InlineData(ConnectorKind.Analysis, "?page_size=1000")]
    public async Task A_page_size_above_1000_counts_as_1000(ConnectorKind kind, string query)
    {
        var first = await data.GetAsync(Paths.List(kind) + query);
        var second = await data.GetAsync(Paths.List(kind) + query + "&page=2");

        var path = Bodies.Url(Paths.List(kind));
        Assert.Equal(Bodies.Page(Count, path + "?page=2&" + query[1..], null, Range(kind, 1, 1000)), first.BodyText);
        Assert.Equal(Bodies.Page(Count, null, path + query, Range(kind, 1001, Count)), second.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task Filtering_spans_storage_pages(ConnectorKind kind)
    {
        var response = await data.GetAsync(Paths.List(kind) + "?system=even&page_size=500&page=last");

        var path = Bodies.Url(Paths.List(kind));
        Assert.Equal(
            Bodies.Page(502, null, path + "?page_size=500&system=even", Enumerable.Range(1001, 4).Where(id => id % 2 == 0).Select(id => Row(kind, id))),
            response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task A_row_past_the_first_storage_page_is_served(ConnectorKind kind)
    {
        var response = await data.GetAsync(Paths.One(kind, Count));

        Assert.Equal(200, response.Status);
        Assert.Equal(Row(kind, Count), response.BodyText);
    }
}
