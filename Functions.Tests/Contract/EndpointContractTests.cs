using System.Globalization;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Contract;

/// <summary>API.md, "Endpoints": the four functions, the connector and list bodies, and HEAD.</summary>
public sealed class EndpointContractTests(ContractApi api) : IClassFixture<ContractApi>
{
    public static TheoryData<string> KindsData => Kinds.Each();

    // Rows 1 and 3: list ALM / analysis connectors, ordered by id ascending (the seed was written out of order).
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task List_is_200_with_the_kind_s_connectors_in_id_order(string kind)
    {
        var response = await api.Get(Kinds.List(kind));

        Expect.Answer(response, 200, Seed.For(kind).ListJson);
    }

    // Rows 2 and 4: get one ALM / analysis connector, the four fields in contract order.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Get_is_200_with_one_connector(string kind)
    {
        var seed = Seed.For(kind);

        var response = await api.Get(Kinds.One(kind, seed.Id.ToString(CultureInfo.InvariantCulture)));

        Expect.Answer(response, 200, seed.Json);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Get_of_an_inaccessible_connector_has_inaccessible_true(string kind)
    {
        var (id, json) = Seed.For(kind).Inaccessible;

        var response = await api.Get(Kinds.One(kind, id.ToString(CultureInfo.InvariantCulture)));

        Expect.Answer(response, 200, json);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Get_of_the_largest_id_is_200(string kind)
    {
        var response = await api.Get(Kinds.One(kind, "2147483647"));

        Expect.Answer(response, 200, Seed.For(kind).MaxJson);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Trailing_slash_is_optional(string kind)
    {
        var seed = Seed.For(kind);
        var id = seed.Id.ToString(CultureInfo.InvariantCulture);

        var list = await api.Get($"/api/v2/connectors/{kind}");
        var one = await api.Get($"/api/v2/connectors/{kind}/{id}");

        Expect.Answer(list, 200, seed.ListJson);
        Expect.Answer(one, 200, seed.Json);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Empty_kind_lists_empty_results(string kind)
    {
        await using var empty = await ApiHarness.StartAsync();
        var key = await empty.AddKeyAsync();

        var response = await empty.GetAsync(Kinds.List(kind), key);

        Expect.Answer(response, 200, """{"results":[]}""");
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Only_the_other_kind_present_lists_empty_results(string kind)
    {
        await using var harness = await ApiHarness.StartAsync();
        var other = kind == "alm" ? ConnectorKind.Analysis : ConnectorKind.Alm;
        await harness.AddConnectorAsync(other, 1, "Other Kind", "Other");
        var key = await harness.AddKeyAsync();

        var list = await harness.GetAsync(Kinds.List(kind), key);
        var one = await harness.GetAsync(Kinds.One(kind, "1"), key);

        Expect.Answer(list, 200, """{"results":[]}""");
        Expect.Answer(one, 404, Expect.NotFound);
    }

    // The two kinds never mix: the other kind's id is 404 on this kind's path.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Other_kind_s_id_is_404(string kind)
    {
        var response = await api.Get(Kinds.One(kind, Seed.For(kind).OtherKindId.ToString(CultureInfo.InvariantCulture)));

        Expect.Answer(response, 404, Expect.NotFound);
    }

    // Names are data: JSON escapes only what it must, and "id" is a JSON integer, "inaccessible" a JSON boolean.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Text_fields_are_json_strings_with_quotes_and_backslashes_escaped(string kind)
    {
        await using var harness = await ApiHarness.StartAsync();
        var connectorKind = kind == "alm" ? ConnectorKind.Alm : ConnectorKind.Analysis;
        await harness.AddConnectorAsync(connectorKind, 7, "Jira \"Cloud\" \\ Caf\u00e9", "Jira Cloud", inaccessible: true);
        var key = await harness.AddKeyAsync();

        var one = await harness.GetAsync(Kinds.One(kind, "7"), key);

        Expect.Answer(one, 200, "{\"id\":7,\"name\":\"Jira \\\"Cloud\\\" \\\\ Caf\u00e9\",\"system\":\"Jira Cloud\",\"inaccessible\":true}");
    }

    // HEAD answers as GET with no body: same status, same headers.
    public static TheoryData<string, string> HeadTargets()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in Kinds.All)
        {
            data.Add(kind, Kinds.List(kind));
            data.Add(kind, Kinds.One(kind, Seed.For(kind).Id.ToString(CultureInfo.InvariantCulture)));
            data.Add(kind, Kinds.One(kind, "999"));
            data.Add(kind, Kinds.One(kind, "abc"));
            data.Add(kind, Kinds.List(kind) + "?format=xml");
            data.Add(kind, Kinds.List(kind) + "?page_size=1&page=99");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HeadTargets))]
    public async Task Head_answers_as_get_with_no_body(string kind, string target)
    {
        _ = kind;
        (string, string)[] headers = [("Authorization", "Token " + api.Key), ("Accept", "application/json")];

        var get = await api.Send("GET", target, headers);
        var head = await api.Send("HEAD", target, headers);

        Assert.True(get.BodyLength > 0);
        Assert.Equal(get.Status, head.Status);
        Assert.Equal(Expect.Headers(get), Expect.Headers(head));
        Assert.Equal(Expect.JsonContentType, head.Header("Content-Type"));
        Assert.Equal(0, head.BodyLength);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Head_406_answers_as_get_with_no_body(string kind)
    {
        (string, string)[] headers = [("Authorization", "Token " + api.Key), ("Accept", "text/csv")];

        var get = await api.Send("GET", Kinds.List(kind), headers);
        var head = await api.Send("HEAD", Kinds.List(kind), headers);

        Expect.Answer(get, 406, Expect.NotAcceptable);
        Assert.Equal(406, head.Status);
        Assert.Equal(Expect.Headers(get), Expect.Headers(head));
        Assert.Equal(0, head.BodyLength);
    }
}
