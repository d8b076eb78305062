using Connectors.Api.Http;

namespace Connectors.Api.Tests.Http;

/// <summary>QueryParameters decodes a query string as Django's QueryDict does (API.md, "Query parameters").</summary>
public sealed class QueryParametersTests
{
    private static QueryParameters Parse(string query) =>
        QueryParameters.From(new Uri("http://localhost:7071/api/v2/connectors/alm/" + query));

    private static string[] Pairs(string query) =>
        Parse(query).Pairs.Select(pair => $"{pair.Key}={pair.Value}").ToArray();

    [Theory]
    [InlineData("?system=jira+cloud", "jira cloud")]
    [InlineData("?system=jira%20cloud", "jira cloud")]
    [InlineData("?system=a%2Bb", "a+b")]
    [InlineData("?system=a%26b", "a&b")]
    [InlineData("?system=a%3Db", "a=b")]
    [InlineData("?system=o%27brien", "o'brien")]
    [InlineData("?system=O'Brien", "O'Brien")]
    [InlineData("?system=%C3%9Cn%C3%AFcode", "Ünïcode")]
    [InlineData("?system=%c3%bc", "ü")]
    [InlineData("?system=%F0%9F%98%80", "😀")]
    [InlineData("?system=%E2%82%AC", "€")]
    [InlineData("?system=%00", "\0")]
    [InlineData("?system=%41", "A")]
    [InlineData("?system=a=b", "a=b")]
    [InlineData("?system=", "")]
    [InlineData("?system", "")]
    public void Values_decode_as_html_forms(string query, string expected) =>
        Assert.Equal(expected, Parse(query)["system"]);

    [Theory]
    [InlineData("?system=%FF", "\uFFFD")]
    [InlineData("?system=a%C3", "a\uFFFD")]
    public void Invalid_utf8_escapes_become_replacement_characters_as_in_python(string query, string expected) =>
        Assert.Equal(expected, Parse(query)["system"]);

    [Theory]
    [InlineData("?system=%zz", "%zz")]
    [InlineData("?system=%", "%")]
    [InlineData("?system=100%", "100%")]
    [InlineData("?system=%2", "%2")]
    [InlineData("?system=%G1", "%G1")]
    [InlineData("?system=%%41", "%A")]
    public void Malformed_escapes_are_kept_as_text(string query, string expected) =>
        Assert.Equal(expected, Parse(query)["system"]);

    [Fact]
    public void Names_decode_too()
    {
        var query = Parse("?my+name=1&other%20name=2&sys%74em=3");

        Assert.Equal("1", query["my name"]);
        Assert.Equal("2", query["other name"]);
        Assert.Equal("3", query["system"]);
    }

    [Fact]
    public void A_name_without_equals_has_the_empty_value()
    {
        var query = Parse("?flag&system=Rally");

        Assert.Equal(string.Empty, query["flag"]);
        Assert.Equal(["flag=", "system=Rally"], Pairs("?flag&system=Rally"));
    }

    [Theory]
    [InlineData("?&&system=Rally&&", new[] { "system=Rally" })]
    [InlineData("?&", new string[0])]
    [InlineData("?", new string[0])]
    [InlineData("", new string[0])]
    [InlineData("?a=1&&b=2", new[] { "a=1", "b=2" })]
    public void Empty_fields_are_skipped(string query, string[] expected) =>
        Assert.Equal(expected, Pairs(query));

    [Fact]
    public void Only_the_first_equals_splits_name_from_value()
    {
        Assert.Equal(["a=b=c"], Pairs("?a=b=c"));
        Assert.Equal("b=c", Parse("?a=b=c")["a"]);
        Assert.Equal("x", Parse("?=x")[string.Empty]);
    }

    [Fact]
    public void A_repeated_name_counts_with_its_last_value()
    {
        var query = Parse("?system=A&page_size=1&system=B");

        Assert.Equal("B", query["system"]);
        Assert.Equal(["system=A", "page_size=1", "system=B"], Pairs("?system=A&page_size=1&system=B"));
    }

    [Fact]
    public void The_last_value_counts_even_when_it_is_empty()
    {
        Assert.Equal(string.Empty, Parse("?system=A&system=")["system"]);
        Assert.Equal(string.Empty, Parse("?system=A&system")["system"]);
    }

    [Fact]
    public void Names_are_case_sensitive()
    {
        var query = Parse("?System=Rally&PAGE_SIZE=5");

        Assert.Null(query["system"]);
        Assert.Null(query["page_size"]);
        Assert.Equal("Rally", query["System"]);
    }

    [Fact]
    public void An_absent_name_is_null()
    {
        Assert.Null(Parse("?other=1")["system"]);
        Assert.Null(Parse(string.Empty)["system"]);
        Assert.Empty(QueryParameters.Empty.Pairs);
    }

    [Fact]
    public void Semicolons_do_not_separate_fields()
    {
        // Python 3.10+ (and so Django's QueryDict) split only on '&'.
        Assert.Equal(["a=1;b=2"], Pairs("?a=1;b=2"));
    }

    [Fact]
    public void The_fragment_is_not_part_of_the_query()
    {
        Assert.Equal(["system=Rally"], Pairs("?system=Rally#page=2"));
    }

    [Fact]
    public void A_ten_kilobyte_value_is_read_whole()
    {
        var value = new string('x', 10 * 1024);
        Assert.Equal(value, Parse("?system=" + value)["system"]);
    }
}
