using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Contract;

/// <summary>
/// API.md, "Query parameters of the list endpoints": one or more tests per row of its table (format is in
/// NegotiationContractTests) and the decoding rules below it, for both kinds.
/// </summary>
public sealed class QueryContractTests(ContractApi api) : IClassFixture<ContractApi>
{
    private const string Base = ApiHarness.BaseUrl;

    public static TheoryData<string> KindsData => Kinds.Each();

    private static string Results(params string[] connectors) => "{\"results\":[" + string.Join(",", connectors) + "]}";

    private static string Connector(string kind, int index) => kind switch
    {
        "alm" => index switch
        {
            0 => """{"id":1,"name":"Rally Connector","system":"Rally","inaccessible":false}""",
            1 => """{"id":3,"name":"Jira Connector","system":"Jira","inaccessible":true}""",
            _ => """{"id":2147483647,"name":"Last ALM Connector","system":"Azure DevOps","inaccessible":false}""",
        },
        _ => index switch
        {
            0 => """{"id":2,"name":"Fortify Connector","system":"Fortify","inaccessible":false}""",
            1 => """{"id":4,"name":"Checkmarx Connector","system":"Checkmarx","inaccessible":true}""",
            _ => """{"id":2147483647,"name":"Last Analysis Connector","system":"Sonar Cloud","inaccessible":false}""",
        },
    };

    /// <summary>The system of the kind's first connector, and of its last (whose name has a space).</summary>
    private static (string First, string Spaced) Systems(string kind) =>
        kind == "alm" ? ("Rally", "Azure DevOps") : ("Fortify", "Sonar Cloud");

    // system: matched whole, ignoring case.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task System_matches_whole_ignoring_case(string kind)
    {
        var first = Systems(kind).First;

        var exact = await api.Get(Kinds.List(kind) + "?system=" + first);
        var lower = await api.Get(Kinds.List(kind) + "?system=" + first.ToLowerInvariant());
        var upper = await api.Get(Kinds.List(kind) + "?system=" + first.ToUpperInvariant());
        var prefix = await api.Get(Kinds.List(kind) + "?system=" + first[..^1]);
        var longer = await api.Get(Kinds.List(kind) + "?system=" + first + "x");

        Expect.Answer(exact, 200, Results(Connector(kind, 0)));
        Expect.Answer(lower, 200, Results(Connector(kind, 0)));
        Expect.Answer(upper, 200, Results(Connector(kind, 0)));
        Expect.Answer(prefix, 200, """{"results":[]}""");
        Expect.Answer(longer, 200, """{"results":[]}""");
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Empty_system_is_no_filter(string kind)
    {
        var response = await api.Get(Kinds.List(kind) + "?system=");

        Expect.Answer(response, 200, Seed.For(kind).ListJson);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task System_given_twice_counts_with_the_last(string kind)
    {
        var first = Systems(kind).First;

        var lastMatches = await api.Get(Kinds.List(kind) + "?system=nothing&system=" + first);
        var lastEmpty = await api.Get(Kinds.List(kind) + "?system=" + first + "&system=");

        Expect.Answer(lastMatches, 200, Results(Connector(kind, 0)));
        Expect.Answer(lastEmpty, 200, Seed.For(kind).ListJson);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task System_decodes_as_a_form_plus_and_percent_utf8(string kind)
    {
        var spaced = Systems(kind).Spaced;

        var plus = await api.Get(Kinds.List(kind) + "?system=" + spaced.Replace(' ', '+').ToLowerInvariant());
        var percent = await api.Get(Kinds.List(kind) + "?system=" + spaced.Replace(" ", "%20", StringComparison.Ordinal));

        Expect.Answer(plus, 200, Results(Connector(kind, 2)));
        Expect.Answer(percent, 200, Results(Connector(kind, 2)));
    }

    public static TheoryData<string, string> Injections => Kinds.Cross(
        "%27%20or%20PartitionKey%20ne%20%27",
        "Rally%27%20or%20%271%27%20eq%20%271",
        "%22",
        "%27",
        "*",
        "%25",
        "%00",
        "%FF",
        "%E2%9C%93");

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task System_is_data_never_a_storage_query(string kind, string value)
    {
        var response = await api.Get(Kinds.List(kind) + "?system=" + value);

        Expect.Answer(response, 200, """{"results":[]}""");
    }

    // page_size: a positive integer paginates; above 1000 counts as 1000; anything else is ignored.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Page_size_paginates_in_drf_s_envelope(string kind)
    {
        var list = Base + Kinds.List(kind);

        var response = await api.Get(Kinds.List(kind) + "?page_size=1");

        Expect.Answer(response, 200, $$"""{"count":3,"next":"{{list}}?page=2&page_size=1","previous":null,"results":[{{Connector(kind, 0)}}]}""");
    }

    public static TheoryData<string, string> WholeListSizes => Kinds.Cross("3", "1000", "1001", "99999999999999999999", "0003");

    [Theory]
    [MemberData(nameof(WholeListSizes))]
    public async Task Page_size_at_least_the_count_is_one_page(string kind, string size)
    {
        var response = await api.Get(Kinds.List(kind) + "?page_size=" + size);

        Expect.Answer(response, 200, $$"""{"count":3,"next":null,"previous":null,"results":[{{Connector(kind, 0)}},{{Connector(kind, 1)}},{{Connector(kind, 2)}}]}""");
    }

    public static TheoryData<string, string> IgnoredSizes => Kinds.Cross("0", "-1", "abc", "", "1.0", "+1", "%201", "1%20");

    [Theory]
    [MemberData(nameof(IgnoredSizes))]
    public async Task Page_size_that_is_not_a_positive_integer_is_ignored(string kind, string size)
    {
        var response = await api.Get(Kinds.List(kind) + "?page_size=" + size + "&page=99");

        Expect.Answer(response, 200, Seed.For(kind).ListJson);
    }

    // page: with page_size, the 1-based page or last; out of range or not a number is 404 Invalid page.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Page_selects_a_page_with_links_to_its_neighbours(string kind)
    {
        var list = Base + Kinds.List(kind);

        var second = await api.Get(Kinds.List(kind) + "?page_size=1&page=2");
        var last = await api.Get(Kinds.List(kind) + "?page_size=1&page=last");
        var first = await api.Get(Kinds.List(kind) + "?page=1&page_size=1");

        Expect.Answer(second, 200, $$"""{"count":3,"next":"{{list}}?page=3&page_size=1","previous":"{{list}}?page_size=1","results":[{{Connector(kind, 1)}}]}""");
        Expect.Answer(last, 200, $$"""{"count":3,"next":null,"previous":"{{list}}?page=2&page_size=1","results":[{{Connector(kind, 2)}}]}""");
        Expect.Answer(first, 200, $$"""{"count":3,"next":"{{list}}?page=2&page_size=1","previous":null,"results":[{{Connector(kind, 0)}}]}""");
    }

    public static TheoryData<string, string> InvalidPages => Kinds.Cross("0", "4", "-1", "abc", "", "LAST", "Last", "1.0", "99999999999999999999", "%201");

    [Theory]
    [MemberData(nameof(InvalidPages))]
    public async Task Page_out_of_range_or_not_a_number_is_404_invalid_page(string kind, string page)
    {
        var response = await api.Get(Kinds.List(kind) + "?page_size=1&page=" + page);

        Expect.Answer(response, 404, Expect.InvalidPage);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Page_without_page_size_is_ignored(string kind)
    {
        var outOfRange = await api.Get(Kinds.List(kind) + "?page=99");
        var notANumber = await api.Get(Kinds.List(kind) + "?page=abc");

        Expect.Answer(outOfRange, 200, Seed.For(kind).ListJson);
        Expect.Answer(notANumber, 200, Seed.For(kind).ListJson);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Empty_kind_paginated_has_one_empty_page(string kind)
    {
        await using var empty = await ApiHarness.StartAsync();
        var key = await empty.AddKeyAsync();

        var first = await empty.GetAsync(Kinds.List(kind) + "?page_size=10", key);
        var second = await empty.GetAsync(Kinds.List(kind) + "?page_size=10&page=2", key);

        Expect.Answer(first, 200, """{"count":0,"next":null,"previous":null,"results":[]}""");
        Expect.Answer(second, 404, Expect.InvalidPage);
    }

    // next and previous keep the request's other query parameters, system too; count is after filtering.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Links_keep_the_other_parameters_and_count_is_after_filtering(string kind)
    {
        await using var harness = await ApiHarness.StartAsync();
        var connectorKind = Seed.For(kind).Kind;
        await harness.AddConnectorAsync(connectorKind, 1, "Jira A", "Jira Cloud");
        await harness.AddConnectorAsync(connectorKind, 2, "Other", "Rally");
        await harness.AddConnectorAsync(connectorKind, 3, "Jira B", "jira cloud");
        await harness.AddConnectorAsync(connectorKind, 4, "Jira C", "JIRA CLOUD", inaccessible: true);
        var key = await harness.AddKeyAsync();
        var list = Base + Kinds.List(kind);

        var response = await harness.GetAsync(Kinds.List(kind) + "?system=jira+cloud&page_size=1&page=2", key);

        Expect.Answer(response, 200, $$"""{"count":3,"next":"{{list}}?page=3&page_size=1&system=jira+cloud","previous":"{{list}}?page_size=1&system=jira+cloud","results":[{"id":3,"name":"Jira B","system":"jira cloud","inaccessible":false}]}""");
    }

    // anything else: ignored, and parameter names are case-sensitive.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Unknown_parameters_are_ignored_and_names_are_case_sensitive(string kind)
    {
        var first = Systems(kind).First;

        var unknown = await api.Get(Kinds.List(kind) + "?foo=bar&ordering=-id&search=x&limit=1&offset=1");
        var capitalised = await api.Get(Kinds.List(kind) + "?System=" + first + "&PAGE_SIZE=1&Page=99");

        Expect.Answer(unknown, 200, Seed.For(kind).ListJson);
        Expect.Answer(capitalised, 200, Seed.For(kind).ListJson);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Query_parameters_do_not_change_a_get_of_one_connector(string kind)
    {
        var seed = Seed.For(kind);

        var response = await api.Get(Kinds.One(kind, seed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "?system=nothing&page_size=1&page=99");

        Expect.Answer(response, 200, seed.Json);
    }
}
