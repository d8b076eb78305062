using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Azurite;

/// <summary>
/// DRF's PageNumberPagination over 12 connectors: the envelope, page sizes, page numbers, and next/previous
/// links as DRF's replace_query_param/remove_query_param build them.
/// </summary>
public sealed class PaginationTests(PaginationTests.Data data) : IClassFixture<PaginationTests.Data>
{
    public sealed class Data : SeededApi
    {
        protected override async Task SeedAsync(ApiHarness api)
        {
            foreach (var id in new[] { 9, 4, 12, 1, 7, 2, 11, 5, 10, 3, 8, 6 })
            {
                await api.AddConnectorAsync(ConnectorKind.Alm, id, Name(ConnectorKind.Alm, id), System(id), inaccessible: id % 3 == 0);
                await api.AddConnectorAsync(ConnectorKind.Analysis, id, Name(ConnectorKind.Analysis, id), System(id), inaccessible: id % 4 == 0);
            }
        }
    }

    private static string Name(ConnectorKind kind, int id) => $"{kind} connector {id}";

    private static string System(int id) => id % 2 == 1 ? "Rally" : "Jira";

    private static string Row(ConnectorKind kind, int id) =>
        Bodies.Connector(id, Name(kind, id), System(id), inaccessible: kind == ConnectorKind.Alm ? id % 3 == 0 : id % 4 == 0);

    private static IEnumerable<string> Rows(ConnectorKind kind, params int[] ids) => ids.Select(id => Row(kind, id));

    private static IEnumerable<string> Range(ConnectorKind kind, int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(id => Row(kind, id));

    private static string AllPlain(ConnectorKind kind) => Bodies.List(Range(kind, 1, 12));

    private static string Link(ConnectorKind kind, string query) => Bodies.Url(Paths.List(kind) + query);

    private async Task<TestResponse> Get(ConnectorKind kind, string query) => await data.GetAsync(Paths.List(kind) + query);

    private async Task AssertBody(ConnectorKind kind, string query, string expected)
    {
        var response = await Get(kind, query);

        Assert.Equal(200, response.Status);
        Assert.Equal(expected, response.BodyText);
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
    }

    public static TheoryData<ConnectorKind> Kinds => new() { ConnectorKind.Alm, ConnectorKind.Analysis };

    private static string FirstPage(ConnectorKind kind) =>
        Bodies.Page(12, Link(kind, "?page=2&page_size=5"), null, Range(kind, 1, 5));

    private static string ThirdPage(ConnectorKind kind) =>
        Bodies.Page(12, null, Link(kind, "?page=2&page_size=5"), Range(kind, 11, 12));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task The_first_page_links_to_page_2_only(ConnectorKind kind) =>
        AssertBody(kind, "?page_size=5", FirstPage(kind));

    [Theory]
    [BothKinds("?page_size=5&page=1", "?page=1&page_size=5", "?page=01&page_size=5", "?page=3&page=1&page_size=5")]
    public Task Page_1_is_the_first_page(ConnectorKind kind, string query) =>
        AssertBody(kind, query, FirstPage(kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task The_previous_link_of_page_2_has_no_page_parameter(ConnectorKind kind) =>
        AssertBody(kind, "?page_size=5&page=2",
            Bodies.Page(12, Link(kind, "?page=3&page_size=5"), Link(kind, "?page_size=5"), Range(kind, 6, 10)));

    [Theory]
    [BothKinds("?page_size=5&page=3", "?page_size=5&page=last", "?page=last&page_size=5", "?page_size=5&page=00003", "?page=1&page_size=5&page=3")]
    public Task The_last_page_has_no_next_link(ConnectorKind kind, string query) =>
        AssertBody(kind, query, ThirdPage(kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Page_last_is_the_same_answer_as_the_last_page_number(ConnectorKind kind)
    {
        var last = await Get(kind, "?page_size=5&page=last");
        var three = await Get(kind, "?page_size=5&page=3");

        Assert.Equal(three.BodyText, last.BodyText);
    }

    [Theory]
    [BothKinds(
        "?page_size=5&page=4",
        "?page_size=5&page=0",
        "?page_size=5&page=00",
        "?page_size=5&page=-1",
        "?page_size=5&page=abc",
        "?page_size=5&page=",
        "?page_size=5&page",
        "?page_size=5&page=LAST",
        "?page_size=5&page=Last",
        "?page_size=5&page=last+",
        "?page_size=5&page=1.0",
        "?page_size=5&page=2.0",
        "?page_size=5&page=%2B1",
        "?page_size=5&page=%201",
        "?page_size=5&page=1+",
        "?page_size=5&page=%D9%A1",
        "?page_size=5&page=99999999999999999999",
        "?page_size=5&page=2147483648",
        "?page_size=5&page=1&page=4",
        "?page_size=1&page=13",
        "?page_size=12&page=2")]
    public async Task Out_of_range_or_malformed_pages_are_invalid(ConnectorKind kind, string query)
    {
        var response = await Get(kind, query);

        Assert.Equal(404, response.Status);
        Assert.Equal(Expect.InvalidPage, response.BodyText);
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
    }

    [Theory]
    [BothKinds(
        "?page_size=0",
        "?page_size=00",
        "?page_size=-1",
        "?page_size=abc",
        "?page_size=1.5",
        "?page_size=5.0",
        "?page_size=",
        "?page_size",
        "?page_size=%2B5",
        "?page_size=%205",
        "?page_size=5+",
        "?page_size=%EF%BC%95",
        "?page_size=5&page_size=0",
        "?Page_Size=5",
        "?PAGE_SIZE=5",
        "?pagesize=5",
        "?limit=5",
        "?page_size=0&page=2",
        "?page_size=abc&page=abc")]
    public Task An_invalid_page_size_is_ignored(ConnectorKind kind, string query) =>
        AssertBody(kind, query, AllPlain(kind));

    [Theory]
    [BothKinds(
        "?page_size=99999999999999999999",
        "?page_size=9223372036854775808",
        "?page_size=2147483648",
        "?page_size=5000",
        "?page_size=1001",
        "?page_size=1000",
        "?page_size=12",
        "?page_size=13",
        "?page_size=0012",
        "?page_size=99999999999999999999&page=1",
        "?page_size=5000&page=last")]
    public Task A_page_size_of_at_least_12_gives_one_page(ConnectorKind kind, string query) =>
        AssertBody(kind, query, Bodies.Page(12, null, null, Range(kind, 1, 12)));

    [Theory]
    [BothKinds("?page_size=5000&page=2", "?page_size=99999999999999999999&page=2")]
    public async Task A_page_size_above_1000_counts_as_1000_and_has_one_page(ConnectorKind kind, string query)
    {
        var response = await Get(kind, query);

        Assert.Equal(404, response.Status);
        Assert.Equal(Expect.InvalidPage, response.BodyText);
    }

    [Theory]
    [BothKinds("?page=99", "?page=2", "?page=abc", "?page=0", "?page=last", "?page=", "?Page=2&page_size=", "?page=2&PAGE_SIZE=5")]
    public Task A_page_without_page_size_is_ignored(ConnectorKind kind, string query) =>
        AssertBody(kind, query, AllPlain(kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task A_page_size_of_1_walks_one_by_one(ConnectorKind kind) =>
        AssertBody(kind, "?page_size=1&page=12", Bodies.Page(12, null, Link(kind, "?page=11&page_size=1"), Rows(kind, 12)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Following_next_links_visits_every_connector_once(ConnectorKind kind)
    {
        var seen = new List<string>();
        string? next = Link(kind, "?page_size=5&system=");
        var pages = 0;
        while (next is not null)
        {
            var response = await data.GetAsync(next[ApiHarness.BaseUrl.Length..]);
            Assert.Equal(200, response.Status);
            using var document = global::System.Text.Json.JsonDocument.Parse(response.BodyText);
            Assert.Equal(12, document.RootElement.GetProperty("count").GetInt32());
            seen.AddRange(document.RootElement.GetProperty("results").EnumerateArray().Select(row => row.GetRawText()));
            next = document.RootElement.GetProperty("next").GetString();
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Range(kind, 1, 12), seen);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task Links_keep_system_and_every_other_parameter_sorted_and_reencoded(ConnectorKind kind) =>
        AssertBody(kind, "?system=rally&page_size=1&zeta=1&alpha=x+y",
            Bodies.Page(6, Link(kind, "?alpha=x+y&page=2&page_size=1&system=rally&zeta=1"), null, Rows(kind, 1)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task The_previous_link_keeps_the_other_parameters_without_page(ConnectorKind kind) =>
        AssertBody(kind, "?system=rally&page_size=1&zeta=1&alpha=x+y&page=2",
            Bodies.Page(
                6,
                Link(kind, "?alpha=x+y&page=3&page_size=1&system=rally&zeta=1"),
                Link(kind, "?alpha=x+y&page_size=1&system=rally&zeta=1"),
                Rows(kind, 3)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task Count_is_the_number_of_matches_after_filtering(ConnectorKind kind) =>
        AssertBody(kind, "?system=JIRA&page_size=4&page=2",
            Bodies.Page(6, null, Link(kind, "?page_size=4&system=JIRA"), Rows(kind, 10, 12)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task A_filter_matching_nothing_still_has_one_empty_page(ConnectorKind kind) =>
        AssertBody(kind, "?system=nothing&page_size=5&page=last", """{"count":0,"next":null,"previous":null,"results":[]}""");

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task Repeated_parameters_keep_all_their_values_in_request_order(ConnectorKind kind) =>
        AssertBody(kind, "?tag=b&page_size=5&tag=a&tag=b",
            Bodies.Page(12, Link(kind, "?page=2&page_size=5&tag=b&tag=a&tag=b"), null, Range(kind, 1, 5)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task A_repeated_page_size_counts_with_its_last_value_and_the_links_keep_both(ConnectorKind kind) =>
        AssertBody(kind, "?page_size=2&page_size=5",
            Bodies.Page(12, Link(kind, "?page=2&page_size=2&page_size=5"), null, Range(kind, 1, 5)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task A_repeated_system_counts_with_its_last_value_and_the_links_keep_both(ConnectorKind kind) =>
        AssertBody(kind, "?system=jira&page_size=5&system=rally",
            Bodies.Page(6, Link(kind, "?page=2&page_size=5&system=jira&system=rally"), null, Rows(kind, 1, 3, 5, 7, 9)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task A_repeated_page_is_replaced_by_one_value(ConnectorKind kind) =>
        AssertBody(kind, "?page=1&page_size=5&page=2",
            Bodies.Page(12, Link(kind, "?page=3&page_size=5"), Link(kind, "?page_size=5"), Range(kind, 6, 10)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task The_path_is_kept_as_requested_without_a_trailing_slash(ConnectorKind kind) =>
        AssertBody(kind, "?page_size=5&page=2",
            Bodies.Page(12, Link(kind, "?page=3&page_size=5"), Link(kind, "?page_size=5"), Range(kind, 6, 10)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_path_without_a_trailing_slash_links_without_one(ConnectorKind kind)
    {
        var path = $"/api/v2/connectors/{kind.PartitionKey()}";
        var response = await data.GetAsync(path + "?page_size=5&page=2");

        Assert.Equal(200, response.Status);
        Assert.Equal(
            Bodies.Page(12, Bodies.Url(path + "?page=3&page_size=5"), Bodies.Url(path + "?page_size=5"), Range(kind, 6, 10)),
            response.BodyText);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task Format_json_is_kept_in_the_links(ConnectorKind kind) =>
        AssertBody(kind, "?format=json&page_size=5",
            Bodies.Page(12, Link(kind, "?format=json&page=2&page_size=5"), null, Range(kind, 1, 5)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task Link_values_are_reencoded_as_python_quote_plus(ConnectorKind kind) =>
        AssertBody(kind, "?page_size=5&x=a+b/c*d!e'f(g)~h.i_j-k&q=%c3%bc&amp=a%26b&eq=a%3Db&plus=%2B&pct=100%25&bad=%zz&ff=%FF&quote=%22&hash=%23&uni=%E2%82%AC%F0%9F%98%80",
            Bodies.Page(
                12,
                Link(kind, "?amp=a%26b&bad=%25zz&eq=a%3Db&ff=%EF%BF%BD&hash=%23&page=2&page_size=5&pct=100%25&plus=%2B&q=%C3%BC&quote=%22&uni=%E2%82%AC%F0%9F%98%80&x=a+b%2Fc%2Ad%21e%27f%28g%29~h.i_j-k"),
                null,
                Range(kind, 1, 5)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task Link_names_are_reencoded_and_blank_values_kept(ConnectorKind kind) =>
        AssertBody(kind, "?page_size=5&my+name=1&flag&empty=&Zeta=2&%C3%A9t%C3%A9=3&a%26b=4",
            Bodies.Page(
                12,
                Link(kind, "?Zeta=2&a%26b=4&empty=&flag=&my+name=1&page=2&page_size=5&%C3%A9t%C3%A9=3"),
                null,
                Range(kind, 1, 5)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task Link_names_sort_by_code_point_as_python_sorted_does(ConnectorKind kind) =>
        // sorted() in Python compares code points: U+FF01 comes before U+1F600 (UTF-16 code units would put the
        // surrogate pair of U+1F600, 0xD83D..., first).
        AssertBody(kind, "?page_size=5&%F0%9F%98%80=2&%EF%BC%81=1",
            Bodies.Page(
                12,
                Link(kind, "?page=2&page_size=5&%EF%BC%81=1&%F0%9F%98%80=2"),
                null,
                Range(kind, 1, 5)));
}

/// <summary>A kind with no connectors: one empty page, as Django's Paginator has.</summary>
public sealed class EmptyKindPaginationTests(EmptyKindPaginationTests.Data data) : IClassFixture<EmptyKindPaginationTests.Data>
{
    private const string EmptyPage = """{"count":0,"next":null,"previous":null,"results":[]}""";

    public sealed class Data : SeededApi
    {
        protected override Task SeedAsync(ApiHarness api) => Task.CompletedTask;
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, "?page_size=5")]
    [InlineData(ConnectorKind.Alm, "?page_size=5&page=1")]
    [InlineData(ConnectorKind.Alm, "?page_size=5&page=last")]
    [InlineData(ConnectorKind.Alm, "?page_size=99999999999999999999")]
    [InlineData(ConnectorKind.Alm, "?page_size=1&system=rally")]
    [InlineData(ConnectorKind.Analysis, "?page_size=5")]
    [InlineData(ConnectorKind.Analysis, "?page_size=5&page=1")]
    [InlineData(ConnectorKind.Analysis, "?page_size=5&page=last")]
    [InlineData(ConnectorKind.Analysis, "?page_size=99999999999999999999")]
    [InlineData(ConnectorKind.Analysis, "?page_size=1&system=rally")]
    public async Task An_empty_kind_has_one_empty_page(ConnectorKind kind, string query)
    {
        var response = await data.GetAsync(Paths.List(kind) + query);

        Assert.Equal(200, response.Status);
        Assert.Equal(EmptyPage, response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, "?page_size=5&page=2")]
    [InlineData(ConnectorKind.Alm, "?page_size=5&page=0")]
    [InlineData(ConnectorKind.Alm, "?page_size=5&page=abc")]
    [InlineData(ConnectorKind.Analysis, "?page_size=5&page=2")]
    [InlineData(ConnectorKind.Analysis, "?page_size=5&page=0")]
    [InlineData(ConnectorKind.Analysis, "?page_size=5&page=abc")]
    public async Task Any_other_page_of_an_empty_kind_is_invalid(ConnectorKind kind, string query)
    {
        var response = await data.GetAsync(Paths.List(kind) + query);

        Assert.Equal(404, response.Status);
        Assert.Equal(Expect.InvalidPage, response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, "")]
    [InlineData(ConnectorKind.Alm, "?page=2")]
    [InlineData(ConnectorKind.Alm, "?page_size=0")]
    [InlineData(ConnectorKind.Alm, "?system=rally")]
    [InlineData(ConnectorKind.Analysis, "")]
    [InlineData(ConnectorKind.Analysis, "?page=2")]
    [InlineData(ConnectorKind.Analysis, "?page_size=0")]
    [InlineData(ConnectorKind.Analysis, "?system=rally")]
    public async Task An_empty_kind_without_page_size_is_an_empty_list(ConnectorKind kind, string query)
    {
        var response = await data.GetAsync(Paths.List(kind) + query);

        Assert.Equal(200, response.Status);
        Assert.Equal(Bodies.EmptyList, response.BodyText);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task An_empty_kind_has_no_connector(ConnectorKind kind)
    {
        var response = await data.GetAsync(Paths.One(kind, 1));

        Assert.Equal(404, response.Status);
        Assert.Equal(Expect.NotFound, response.BodyText);
    }
}
