using System.Text.RegularExpressions;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Caching;

/// <summary>Strong ETags on every 200 with a body; a matching If-None-Match is 304 without a body, after authentication.</summary>
public sealed partial class EntityTagTests : IAsyncLifetime
{
    private ApiHarness api = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        api = await ApiHarness.StartAsync();
        key = await api.AddKeyAsync();
        await api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
        await api.AddConnectorAsync(ConnectorKind.Alm, 2, "JIRA", "JIRA");
        await api.AddConnectorAsync(ConnectorKind.Analysis, 1, "Fortify Connector", "Fortify");
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    private Task<TestResponse> GetAsync(string target, string? ifNoneMatch, string method = "GET")
    {
        (string, string)[] headers = [("Authorization", "Token " + key), ("Accept", "application/json")];
        return api.SendAsync(method, target, ifNoneMatch is null ? headers : [.. headers, ("If-None-Match", ifNoneMatch)]);
    }

    public static TheoryData<string> Targets => new()
    {
        "/api/v2/connectors/alm/",
        "/api/v2/connectors/alm/1/",
        "/api/v2/connectors/analysis/",
        "/api/v2/connectors/analysis/1/",
        "/api/v2/connectors/alm/?page_size=1&page=2",
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Every_200_carries_a_strong_tag_that_a_matching_request_turns_into_304(string target)
    {
        var first = await GetAsync(target, null);
        var tag = first.Header("ETag")!;
        var again = await GetAsync(target, tag);

        Assert.Equal(200, first.Status);
        Assert.Matches(StrongTag(), tag);
        Assert.Equal(304, again.Status);
        Assert.Equal(0, again.BodyLength);
        Assert.Equal(tag, again.Header("ETag"));
        Assert.Null(again.Header("Content-Type"));
    }

    [Theory]
    [InlineData("W/{0}")]
    [InlineData("\"other\", {0}")]
    [InlineData("*")]
    public async Task Weak_forms_lists_and_the_wildcard_match(string format)
    {
        var tag = (await GetAsync("/api/v2/connectors/alm/1/", null)).Header("ETag")!;

        var response = await GetAsync("/api/v2/connectors/alm/1/", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, tag));

        Assert.Equal(304, response.Status);
    }

    [Fact]
    public async Task A_different_tag_gets_the_full_answer_and_bodies_differ_by_tag()
    {
        var one = await GetAsync("/api/v2/connectors/alm/1/", "\"0123456789abcdef0123456789abcdef\"");
        var two = await GetAsync("/api/v2/connectors/alm/2/", one.Header("ETag"));

        Assert.Equal(200, one.Status);
        Assert.Equal(200, two.Status);
        Assert.NotEqual(one.Header("ETag"), two.Header("ETag"));
    }

    [Fact]
    public async Task The_same_body_has_the_same_tag_on_another_instance()
    {
        await using var other = await ApiHarness.StartAsync(tables: (api.Connectors.Name, api.ApiKeys.Name), createTables: false);

        var here = await GetAsync("/api/v2/connectors/alm/", null);
        var there = await other.GetAsync("/api/v2/connectors/alm/", key);

        Assert.Equal(here.Header("ETag"), there.Header("ETag"));
    }

    [Fact]
    public async Task Head_answers_304_too_and_its_200_carries_the_get_tag()
    {
        var get = await GetAsync("/api/v2/connectors/analysis/", null);
        var head = await GetAsync("/api/v2/connectors/analysis/", null, "HEAD");
        var conditionalHead = await GetAsync("/api/v2/connectors/analysis/", get.Header("ETag"), "HEAD");

        Assert.Equal((200, 0L), (head.Status, head.BodyLength));
        Assert.Equal(get.Header("ETag"), head.Header("ETag"));
        Assert.Equal(304, conditionalHead.Status);
    }

    [Fact]
    public async Task Without_a_valid_key_a_matching_tag_is_still_401()
    {
        var tag = (await GetAsync("/api/v2/connectors/alm/1/", null)).Header("ETag")!;

        var response = await api.SendAsync("GET", "/api/v2/connectors/alm/1/", ("If-None-Match", tag));

        Assert.Equal((401, """{"detail":"Authentication credentials were not provided."}"""), (response.Status, response.BodyText));
    }

    [Theory]
    [InlineData("/api/v2/connectors/alm/99/", 404)]
    [InlineData("/api/v2/connectors/alm/?format=xml", 404)]
    public async Task Error_answers_carry_no_tag_and_ignore_if_none_match(string target, int status)
    {
        var response = await GetAsync(target, "*");

        Assert.Equal(status, response.Status);
        Assert.Null(response.Header("ETag"));
    }

    [GeneratedRegex("^\"[0-9a-f]{32}\"$")]
    private static partial Regex StrongTag();
}
