using System.Globalization;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Contract;

/// <summary>API.md: the 406 row of "Other answers" and the <c>format</c> row of the query parameters table.</summary>
public sealed class NegotiationContractTests(ContractApi api) : IClassFixture<ContractApi>
{
    public static TheoryData<string, string> Paths => Kinds.Paths();

    private string Expected(string path, string kind) =>
        path == Kinds.List(kind) ? Seed.For(kind).ListJson : Seed.For(kind).Json;

    // 406: no media range matching application/json.
    public static TheoryData<string, string> Unacceptable => Kinds.Cross(
        "text/csv",
        "text/html",
        "application/xml",
        "text/*",
        "application/xml, text/csv",
        "text/csv; q=1.0",
        "application/jsonx",
        "application/xjson");

    [Theory]
    [MemberData(nameof(Unacceptable))]
    public async Task Accept_without_a_json_range_is_406(string kind, string accept)
    {
        var list = await api.SendAuthenticated("GET", Kinds.List(kind), ("Accept", accept));
        var one = await api.SendAuthenticated("GET", Kinds.One(kind, Seed.For(kind).Id.ToString(CultureInfo.InvariantCulture)), ("Accept", accept));

        Expect.Answer(list, 406, Expect.NotAcceptable);
        Expect.Answer(one, 406, Expect.NotAcceptable);
    }

    public static TheoryData<string, string> Acceptable => Kinds.Cross(
        "application/json",
        "*/*",
        "application/*",
        "text/html, application/json",
        "text/html,application/json",
        "application/json; q=0",
        "application/json;q=0",
        "APPLICATION/JSON",
        "Application/Json",
        "application/json; charset=utf-8",
        "application/json; indent=4",
        "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8",
        " application/json ");

    [Theory]
    [MemberData(nameof(Acceptable))]
    public async Task Accept_with_a_json_range_is_200(string kind, string accept)
    {
        var seed = Seed.For(kind);

        var list = await api.SendAuthenticated("GET", Kinds.List(kind), ("Accept", accept));
        var one = await api.SendAuthenticated("GET", Kinds.One(kind, seed.Id.ToString(CultureInfo.InvariantCulture)), ("Accept", accept));

        Expect.Answer(list, 200, seed.ListJson);
        Expect.Answer(one, 200, seed.Json);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task No_accept_header_is_200(string kind, string path)
    {
        var response = await api.SendAuthenticated("GET", path);

        Expect.Answer(response, 200, Expected(path, kind));
    }

    // format: json or empty changes nothing; anything else is 404 Not found.
    public static TheoryData<string, string> AcceptedFormats => Kinds.Cross("?format=json", "?format=", "?format", "?format=xml&format=json");

    [Theory]
    [MemberData(nameof(AcceptedFormats))]
    public async Task Format_json_or_empty_changes_nothing(string kind, string query)
    {
        var seed = Seed.For(kind);

        var list = await api.Get(Kinds.List(kind) + query);
        var one = await api.Get(Kinds.One(kind, seed.Id.ToString(CultureInfo.InvariantCulture)) + query);

        Expect.Answer(list, 200, seed.ListJson);
        Expect.Answer(one, 200, seed.Json);
    }

    public static TheoryData<string, string> OtherFormats => Kinds.Cross(
        "?format=xml",
        "?format=JSON",
        "?format=Json",
        "?format=api",
        "?format=csv",
        "?format=json%20",
        "?format=+",
        "?format=json&format=xml");

    [Theory]
    [MemberData(nameof(OtherFormats))]
    public async Task Other_format_is_404_not_found(string kind, string query)
    {
        var list = await api.Get(Kinds.List(kind) + query);
        var one = await api.Get(Kinds.One(kind, Seed.For(kind).Id.ToString(CultureInfo.InvariantCulture)) + query);

        Expect.Answer(list, 404, Expect.NotFound);
        Expect.Answer(one, 404, Expect.NotFound);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Format_parameter_name_is_case_sensitive(string kind, string path)
    {
        var response = await api.Get(path + "?Format=xml&FORMAT=xml");

        Expect.Answer(response, 200, Expected(path, kind));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Format_xml_is_404_even_with_an_acceptable_accept(string kind, string path)
    {
        _ = kind;
        var response = await api.SendAuthenticated("GET", path + "?format=xml", ("Accept", "*/*"));

        Expect.Answer(response, 404, Expect.NotFound);
    }
}
