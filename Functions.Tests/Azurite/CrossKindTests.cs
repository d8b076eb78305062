using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Azurite;

/// <summary>The two kinds never mix: an id of one kind is 404 on the other's path, and lists hold one kind only.</summary>
public sealed class CrossKindTests(CrossKindTests.Data data) : IClassFixture<CrossKindTests.Data>
{
    private static readonly string AlmOne = Bodies.Connector(1, "Rally Connector", "Rally");
    private static readonly string AlmTwo = Bodies.Connector(2, "Jira Connector", "Jira Cloud", inaccessible: true);
    private static readonly string AlmOnly = Bodies.Connector(100, "ALM only", "Shared");
    private static readonly string AnalysisOne = Bodies.Connector(1, "Fortify Connector", "Fortify");
    private static readonly string AnalysisThree = Bodies.Connector(3, "Checkmarx Connector", "Checkmarx");
    private static readonly string AnalysisOnly = Bodies.Connector(200, "Analysis only", "Shared");

    public sealed class Data : SeededApi
    {
        protected override async Task SeedAsync(ApiHarness api)
        {
            await api.AddConnectorAsync(ConnectorKind.Analysis, 200, "Analysis only", "Shared");
            await api.AddConnectorAsync(ConnectorKind.Alm, 100, "ALM only", "Shared");
            await api.AddConnectorAsync(ConnectorKind.Analysis, 3, "Checkmarx Connector", "Checkmarx");
            await api.AddConnectorAsync(ConnectorKind.Alm, 2, "Jira Connector", "Jira Cloud", inaccessible: true);
            await api.AddConnectorAsync(ConnectorKind.Analysis, 1, "Fortify Connector", "Fortify");
            await api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
        }
    }

    [Theory]
    [InlineData("/api/v2/connectors/alm/200/")]
    [InlineData("/api/v2/connectors/alm/3/")]
    [InlineData("/api/v2/connectors/analysis/100/")]
    [InlineData("/api/v2/connectors/analysis/2/")]
    public async Task An_id_of_the_other_kind_is_404(string target)
    {
        var response = await data.GetAsync(target);

        Assert.Equal(404, response.Status);
        Assert.Equal(Expect.NotFound, response.BodyText);
    }

    [Theory]
    [InlineData("/api/v2/connectors/alm/100/", "alm")]
    [InlineData("/api/v2/connectors/analysis/200/", "analysis")]
    public async Task An_id_of_its_own_kind_is_served(string target, string kind)
    {
        var response = await data.GetAsync(target);

        Assert.Equal(200, response.Status);
        Assert.Equal(kind == "alm" ? AlmOnly : AnalysisOnly, response.BodyText);
    }

    [Fact]
    public async Task The_same_id_in_both_kinds_is_two_connectors()
    {
        var alm = await data.GetAsync("/api/v2/connectors/alm/1/");
        var analysis = await data.GetAsync("/api/v2/connectors/analysis/1/");

        Assert.Equal(AlmOne, alm.BodyText);
        Assert.Equal(AnalysisOne, analysis.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task Lists_hold_their_own_kind_only(ConnectorKind kind)
    {
        var response = await data.GetAsync(Paths.List(kind));

        Assert.Equal(200, response.Status);
        Assert.Equal(kind == ConnectorKind.Alm ? Bodies.List(AlmOne, AlmTwo, AlmOnly) : Bodies.List(AnalysisOne, AnalysisThree, AnalysisOnly), response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, "?system=shared")]
    [InlineData(ConnectorKind.Analysis, "?system=shared")]
    [InlineData(ConnectorKind.Alm, "?system=shared&page_size=10")]
    [InlineData(ConnectorKind.Analysis, "?system=shared&page_size=10")]
    public async Task A_system_in_both_kinds_filters_within_the_kind(ConnectorKind kind, string query)
    {
        var response = await data.GetAsync(Paths.List(kind) + query);

        var only = kind == ConnectorKind.Alm ? AlmOnly : AnalysisOnly;
        var expected = query.Contains("page_size") ? Bodies.Page(1, null, null, [only]) : Bodies.List(only);
        Assert.Equal(200, response.Status);
        Assert.Equal(expected, response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, "?system=fortify")]
    [InlineData(ConnectorKind.Analysis, "?system=rally")]
    [InlineData(ConnectorKind.Alm, "?system=PartitionKey")]
    public async Task A_system_of_the_other_kind_finds_nothing(ConnectorKind kind, string query)
    {
        var response = await data.GetAsync(Paths.List(kind) + query);

        Assert.Equal(200, response.Status);
        Assert.Equal(Bodies.EmptyList, response.BodyText);
    }
}
