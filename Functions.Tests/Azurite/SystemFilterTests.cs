using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Azurite;

/// <summary>
/// The <c>system</c> filter: matched whole ignoring case, empty is no filter, the last value counts, the name is
/// case-sensitive, values decode as HTML forms, and any value is data, never part of a storage query.
/// </summary>
public sealed class SystemFilterTests(SystemFilterTests.Data data) : IClassFixture<SystemFilterTests.Data>
{
    private static readonly (int Id, string Name, string System)[] Rows =
    [
        (1, "Rally Connector", "Rally"),
        (2, "Jira Connector", "Jira Cloud"),
        (3, "Quote Connector", "O'Brien"),
        (4, "Shouting Rally", "RALLY"),
        (5, "Unicode Connector", "Ünïcode"),
        (6, "Backslash Connector", "A\\B"),
        (7, "Percent Connector", "100%"),
        (8, "Plus Connector", "C++"),
    ];

    public sealed class Data : SeededApi
    {
        protected override async Task SeedAsync(ApiHarness api)
        {
            foreach (var (id, name, system) in Rows.Reverse())
            {
                await api.AddConnectorAsync(ConnectorKind.Alm, id, "ALM " + name, system);
                await api.AddConnectorAsync(ConnectorKind.Analysis, id, "Analysis " + name, system);
            }
        }
    }

    private static string Row(ConnectorKind kind, int id)
    {
        var (_, name, system) = Rows.Single(row => row.Id == id);
        return Bodies.Connector(id, (kind == ConnectorKind.Alm ? "ALM " : "Analysis ") + name, system);
    }

    private static string ListOf(ConnectorKind kind, params int[] ids) => Bodies.List(ids.Select(id => Row(kind, id)));

    private static string All(ConnectorKind kind) => ListOf(kind, Rows.Select(row => row.Id).ToArray());

    private async Task AssertList(ConnectorKind kind, string query, string expected)
    {
        var response = await data.GetAsync(Paths.List(kind) + query);

        Assert.Equal(200, response.Status);
        Assert.Equal(expected, response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, "?system=rally")]
    [InlineData(ConnectorKind.Alm, "?system=Rally")]
    [InlineData(ConnectorKind.Alm, "?system=RALLY")]
    [InlineData(ConnectorKind.Alm, "?system=rAlLy")]
    [InlineData(ConnectorKind.Analysis, "?system=rally")]
    [InlineData(ConnectorKind.Analysis, "?system=Rally")]
    [InlineData(ConnectorKind.Analysis, "?system=RALLY")]
    [InlineData(ConnectorKind.Analysis, "?system=rAlLy")]
    public Task The_system_matches_whole_ignoring_case(ConnectorKind kind, string query) =>
        AssertList(kind, query, ListOf(kind, 1, 4));

    [Theory]
    [InlineData(ConnectorKind.Alm, "?system=Rall")]
    [InlineData(ConnectorKind.Alm, "?system=ally")]
    [InlineData(ConnectorKind.Alm, "?system=Rallyy")]
    [InlineData(ConnectorKind.Alm, "?system=Rally+")]
    [InlineData(ConnectorKind.Alm, "?system=+Rally")]
    [InlineData(ConnectorKind.Alm, "?system=Rally%00")]
    [InlineData(ConnectorKind.Alm, "?system=Rally%0A")]
    [InlineData(ConnectorKind.Alm, "?system=Rally+Connector")]
    [InlineData(ConnectorKind.Alm, "?system=jira")]
    [InlineData(ConnectorKind.Alm, "?system=R*")]
    [InlineData(ConnectorKind.Alm, "?system=R%25")]
    [InlineData(ConnectorKind.Alm, "?system=.*")]
    [InlineData(ConnectorKind.Analysis, "?system=Rall")]
    [InlineData(ConnectorKind.Analysis, "?system=ally")]
    [InlineData(ConnectorKind.Analysis, "?system=Rallyy")]
    [InlineData(ConnectorKind.Analysis, "?system=Rally+")]
    [InlineData(ConnectorKind.Analysis, "?system=+Rally")]
    [InlineData(ConnectorKind.Analysis, "?system=Rally%00")]
    [InlineData(ConnectorKind.Analysis, "?system=Rally%0A")]
    [InlineData(ConnectorKind.Analysis, "?system=Rally+Connector")]
    [InlineData(ConnectorKind.Analysis, "?system=jira")]
    [InlineData(ConnectorKind.Analysis, "?system=R*")]
    [InlineData(ConnectorKind.Analysis, "?system=R%25")]
    [InlineData(ConnectorKind.Analysis, "?system=.*")]
    public Task A_partial_or_different_system_finds_nothing(ConnectorKind kind, string query) =>
        AssertList(kind, query, Bodies.EmptyList);

    [Theory]
    [InlineData(ConnectorKind.Alm, "")]
    [InlineData(ConnectorKind.Alm, "?system=")]
    [InlineData(ConnectorKind.Alm, "?system")]
    [InlineData(ConnectorKind.Alm, "?system=rally&system=")]
    [InlineData(ConnectorKind.Alm, "?System=Rally")]
    [InlineData(ConnectorKind.Alm, "?SYSTEM=Rally")]
    [InlineData(ConnectorKind.Alm, "?systems=Rally")]
    [InlineData(ConnectorKind.Alm, "?system%20=Rally")]
    [InlineData(ConnectorKind.Alm, "?name=Rally")]
    [InlineData(ConnectorKind.Analysis, "")]
    [InlineData(ConnectorKind.Analysis, "?system=")]
    [InlineData(ConnectorKind.Analysis, "?system")]
    [InlineData(ConnectorKind.Analysis, "?system=rally&system=")]
    [InlineData(ConnectorKind.Analysis, "?System=Rally")]
    [InlineData(ConnectorKind.Analysis, "?SYSTEM=Rally")]
    [InlineData(ConnectorKind.Analysis, "?systems=Rally")]
    [InlineData(ConnectorKind.Analysis, "?system%20=Rally")]
    [InlineData(ConnectorKind.Analysis, "?name=Rally")]
    public Task An_empty_system_or_another_name_filters_nothing(ConnectorKind kind, string query) =>
        AssertList(kind, query, All(kind));

    [Theory]
    [InlineData(ConnectorKind.Alm, "?system=Jira+Cloud&system=rally", new[] { 1, 4 })]
    [InlineData(ConnectorKind.Alm, "?system=rally&system=Jira+Cloud", new[] { 2 })]
    [InlineData(ConnectorKind.Alm, "?system=rally&system=nothing", new int[0])]
    [InlineData(ConnectorKind.Alm, "?system=nothing&System=x&system=o%27brien", new[] { 3 })]
    [InlineData(ConnectorKind.Analysis, "?system=Jira+Cloud&system=rally", new[] { 1, 4 })]
    [InlineData(ConnectorKind.Analysis, "?system=rally&system=Jira+Cloud", new[] { 2 })]
    [InlineData(ConnectorKind.Analysis, "?system=rally&system=nothing", new int[0])]
    [InlineData(ConnectorKind.Analysis, "?system=nothing&System=x&system=o%27brien", new[] { 3 })]
    public Task A_repeated_system_counts_with_its_last_value(ConnectorKind kind, string query, int[] ids) =>
        AssertList(kind, query, ListOf(kind, ids));

    [Theory]
    [InlineData(ConnectorKind.Alm, "?system=jira+cloud")]
    [InlineData(ConnectorKind.Alm, "?system=jira%20cloud")]
    [InlineData(ConnectorKind.Alm, "?system=JIRA+CLOUD")]
    [InlineData(ConnectorKind.Alm, "?system=Jira%20Cloud")]
    [InlineData(ConnectorKind.Alm, "?system=%4Aira+cloud")]
    [InlineData(ConnectorKind.Alm, "?sys%74em=jira+cloud")]
    [InlineData(ConnectorKind.Analysis, "?system=jira+cloud")]
    [InlineData(ConnectorKind.Analysis, "?system=jira%20cloud")]
    [InlineData(ConnectorKind.Analysis, "?system=JIRA+CLOUD")]
    [InlineData(ConnectorKind.Analysis, "?system=Jira%20Cloud")]
    [InlineData(ConnectorKind.Analysis, "?system=%4Aira+cloud")]
    [InlineData(ConnectorKind.Analysis, "?sys%74em=jira+cloud")]
    public Task Plus_and_percent_20_are_both_a_space(ConnectorKind kind, string query) =>
        AssertList(kind, query, ListOf(kind, 2));

    [Theory]
    [InlineData(ConnectorKind.Alm, "?system=jira++cloud")]
    [InlineData(ConnectorKind.Alm, "?system=jira%2Bcloud")]
    [InlineData(ConnectorKind.Alm, "?system=jiracloud")]
    [InlineData(ConnectorKind.Analysis, "?system=jira++cloud")]
    [InlineData(ConnectorKind.Analysis, "?system=jira%2Bcloud")]
    [InlineData(ConnectorKind.Analysis, "?system=jiracloud")]
    public Task A_different_spacing_finds_nothing(ConnectorKind kind, string query) =>
        AssertList(kind, query, Bodies.EmptyList);

    [Theory]
    [InlineData(ConnectorKind.Alm, "?system=O'Brien", 3)]
    [InlineData(ConnectorKind.Alm, "?system=o%27brien", 3)]
    [InlineData(ConnectorKind.Alm, "?system=O%27BRIEN", 3)]
    [InlineData(ConnectorKind.Alm, "?system=%C3%9Cn%C3%AFcode", 5)]
    [InlineData(ConnectorKind.Alm, "?system=%C3%BCN%C3%8FCODE", 5)]
    [InlineData(ConnectorKind.Alm, "?system=ünïcode", 5)]
    [InlineData(ConnectorKind.Alm, "?system=a%5Cb", 6)]
    [InlineData(ConnectorKind.Alm, "?system=100%25", 7)]
    [InlineData(ConnectorKind.Alm, "?system=c%2B%2B", 8)]
    [InlineData(ConnectorKind.Analysis, "?system=O'Brien", 3)]
    [InlineData(ConnectorKind.Analysis, "?system=o%27brien", 3)]
    [InlineData(ConnectorKind.Analysis, "?system=O%27BRIEN", 3)]
    [InlineData(ConnectorKind.Analysis, "?system=%C3%9Cn%C3%AFcode", 5)]
    [InlineData(ConnectorKind.Analysis, "?system=%C3%BCN%C3%8FCODE", 5)]
    [InlineData(ConnectorKind.Analysis, "?system=ünïcode", 5)]
    [InlineData(ConnectorKind.Analysis, "?system=a%5Cb", 6)]
    [InlineData(ConnectorKind.Analysis, "?system=100%25", 7)]
    [InlineData(ConnectorKind.Analysis, "?system=c%2B%2B", 8)]
    public Task Systems_with_quotes_and_other_special_characters_are_found(ConnectorKind kind, string query, int id) =>
        AssertList(kind, query, ListOf(kind, id));

    [Theory]
    [InlineData(ConnectorKind.Alm, "?system=C++")]
    [InlineData(ConnectorKind.Analysis, "?system=C++")]
    public Task A_raw_plus_is_a_space_even_where_a_plus_was_meant(ConnectorKind kind, string query) =>
        AssertList(kind, query, Bodies.EmptyList);

    public static TheoryData<ConnectorKind, string> HostileValues()
    {
        string[] values =
        [
            "'",
            "''",
            "' or ''eq''",
            "' or 1 eq 1 or '",
            "Rally' or '1' eq '1",
            "PartitionKey eq 'analysis'",
            "PartitionKey eq 'alm'",
            "x' or PartitionKey ne '",
            "x') or (PartitionKey ne '",
            "Rally' or System ne '",
            "\"",
            "\\",
            "\0",
            "%",
            "*",
            "$filter=PartitionKey ne ''",
            "RowKey ge '0'",
            "<script>alert(1)</script>",
            "\uFFFD",
            "\U0001F600",
            "\u202E",
        ];
        var data = new TheoryData<ConnectorKind, string>();
        foreach (var kind in new[] { ConnectorKind.Alm, ConnectorKind.Analysis })
        {
            foreach (var value in values)
            {
                data.Add(kind, "?system=" + Uri.EscapeDataString(value));
            }

            data.Add(kind, "?system='+or+''eq''");
            data.Add(kind, "?system='+or+1+eq+1+or+'");
            data.Add(kind, "?system=PartitionKey+eq+'analysis'");
            data.Add(kind, "?system=x'+or+PartitionKey+ne+'");
            data.Add(kind, "?system=%27");
            data.Add(kind, "?system=%27%20or%20%271%27%20eq%20%271");
            data.Add(kind, "?system=%00");
            data.Add(kind, "?system=%FF");
            data.Add(kind, "?system=%zz");
            data.Add(kind, "?system=%");
            data.Add(kind, "?system=" + new string('x', 10 * 1024));
            data.Add(kind, "?system=" + string.Concat(Enumerable.Repeat("'+or+", 2048)));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Hostile_values_are_data_and_find_nothing(ConnectorKind kind, string query)
    {
        var response = await data.GetAsync(Paths.List(kind) + query);

        Assert.Equal(200, response.Status);
        Assert.Equal(Bodies.EmptyList, response.BodyText);
        AssertNoFailureLogged();
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Hostile_values_paginate_as_an_empty_result(ConnectorKind kind, string query)
    {
        var response = await data.GetAsync(Paths.List(kind) + query + "&page_size=5");

        Assert.Equal(200, response.Status);
        Assert.Equal("""{"count":0,"next":null,"previous":null,"results":[]}""", response.BodyText);
        AssertNoFailureLogged();
    }

    private void AssertNoFailureLogged() =>
        Assert.DoesNotContain(data.Api.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
}
