using System.Net;
using Connectors.Api.Http;

namespace Connectors.Api.Tests.Http;

/// <summary>DRF's content negotiation with JSON as the only renderer: format (404) then Accept (406).</summary>
public sealed class ContentNegotiationTests
{
    private static QueryParameters Query(string query) =>
        QueryParameters.From(new Uri("http://localhost:7071/api/v2/connectors/alm/" + query));

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("Application/Json")]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData("*/json")]
    [InlineData(" application/json ")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;indent=4")]
    [InlineData("application/json; q=0")]
    [InlineData("application/json;q=0.0")]
    [InlineData("text/csv, application/json")]
    [InlineData("text/csv,application/json;q=0.1")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("text/csv;q=1.0, */*;q=0")]
    [InlineData("text/csv,,application/json")]
    public void Accept_lists_with_a_range_matching_json_are_accepted(string? accept) =>
        ContentNegotiation.Check(QueryParameters.Empty, accept);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(",")]
    [InlineData("text/csv")]
    [InlineData("text/html")]
    [InlineData("text/*")]
    [InlineData("text/html,application/xhtml+xml,application/xml")]
    [InlineData("application/xml")]
    [InlineData("application/jsonx")]
    [InlineData("application/json-patch+json")]
    [InlineData("application/vnd.api+json")]
    [InlineData("json")]
    [InlineData("application")]
    [InlineData("*")]
    [InlineData("text/json")]
    public void Accept_without_a_json_range_is_406(string accept)
    {
        var error = Assert.Throws<ApiException>(() => ContentNegotiation.Check(QueryParameters.Empty, accept));

        Assert.Equal(HttpStatusCode.NotAcceptable, error.Status);
        Assert.Equal("Could not satisfy the request Accept header.", error.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?format=json")]
    [InlineData("?format=")]
    [InlineData("?format")]
    [InlineData("?format=xml&format=json")]
    [InlineData("?Format=xml")]
    public void Format_json_or_empty_changes_nothing(string query) =>
        ContentNegotiation.Check(Query(query), "application/json");

    [Theory]
    [InlineData("?format=xml")]
    [InlineData("?format=api")]
    [InlineData("?format=JSON")]
    [InlineData("?format=json+")]
    [InlineData("?format=%20json")]
    [InlineData("?format=json&format=xml")]
    [InlineData("?format=csv")]
    public void Any_other_format_is_404(string query)
    {
        var error = Assert.Throws<ApiException>(() => ContentNegotiation.Check(Query(query), "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal("Not found.", error.Detail);
    }

    [Fact]
    public void Format_is_checked_before_accept()
    {
        var error = Assert.Throws<ApiException>(() => ContentNegotiation.Check(Query("?format=xml"), "text/csv"));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
    }

    [Fact]
    public void Format_json_does_not_override_an_accept_without_json()
    {
        var error = Assert.Throws<ApiException>(() => ContentNegotiation.Check(Query("?format=json"), "text/csv"));

        Assert.Equal(HttpStatusCode.NotAcceptable, error.Status);
    }
}
