using System.Globalization;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Contract;

/// <summary>API.md, "Other answers": the 404 id row, the 405 row and the order of checks (storage rows are in StorageFaultContractTests).</summary>
public sealed class ErrorContractTests(ContractApi api) : IClassFixture<ContractApi>
{
    public static TheoryData<string> KindsData => Kinds.Each();

    // 404: the id is not a run of ASCII digits whose value is 1 to 2147483647.
    public static TheoryData<string, string> MalformedIds => Kinds.Cross(
        "0",
        "00",
        "0000000000",
        "-1",
        "+1",
        "abc",
        "1.0",
        "1e0",
        "0x1",
        "1a",
        "2147483648",
        "4294967297",
        "9223372036854775807",
        "9223372036854775808",
        "123456789012345678901234567890",
        "%201",
        "1%20",
        "%EF%BC%91",
        "%D9%A1",
        "null");

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task Id_that_is_not_1_to_2147483647_in_ascii_digits_is_404(string kind, string id)
    {
        var response = await api.Get(Kinds.One(kind, id));

        Expect.Answer(response, 404, Expect.NotFound);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Missing_id_is_404(string kind)
    {
        var missing = await api.Get(Kinds.One(kind, "999"));
        var nextToMax = await api.Get(Kinds.One(kind, "2147483646"));

        Expect.Answer(missing, 404, Expect.NotFound);
        Expect.Answer(nextToMax, 404, Expect.NotFound);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Other_kind_s_id_is_404(string kind)
    {
        var response = await api.Get(Kinds.One(kind, Seed.For(kind).OtherKindId.ToString(CultureInfo.InvariantCulture)));

        Expect.Answer(response, 404, Expect.NotFound);
    }

    // Leading zeros are allowed: 01 is id 1. The host unescapes route values, so %31 is 1 too.
    public static TheoryData<string, string> SameIdForms => Kinds.Cross("0{0}", "000{0}", "000000000{0}", "0000000000000000000000000{0}", "%3{0}");

    [Theory]
    [MemberData(nameof(SameIdForms))]
    public async Task Leading_zeros_name_the_same_connector(string kind, string form)
    {
        var seed = Seed.For(kind);
        var id = string.Format(CultureInfo.InvariantCulture, form, seed.Id);

        var response = await api.Get(Kinds.One(kind, id));

        Expect.Answer(response, 200, seed.Json);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Largest_id_with_leading_zeros_is_200(string kind)
    {
        var response = await api.Get(Kinds.One(kind, "002147483647"));

        Expect.Answer(response, 200, Seed.For(kind).MaxJson);
    }

    // 405: a method other than GET or HEAD, after authentication, with Allow: GET, HEAD.
    public static TheoryData<string, string, string> OtherMethods()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var kind in Kinds.All)
        {
            foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE" })
            {
                data.Add(kind, method, Kinds.List(kind));
                data.Add(kind, method, Kinds.One(kind, Seed.For(kind).Id.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OtherMethods))]
    public async Task Other_method_is_405_with_allow(string kind, string method, string path)
    {
        _ = kind;
        var response = await api.SendAuthenticated(method, path, ("Accept", "application/json"), ("Content-Type", "application/json"));

        Expect.MethodNotAllowed(response, method);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Post_405_body_is_exactly_the_contract_bytes(string kind)
    {
        var response = await api.SendAuthenticated("POST", Kinds.List(kind));

        Assert.Equal(405, response.Status);
        Assert.Equal("{\"detail\":\"Method \\\"POST\\\" not allowed.\"}", response.BodyText);
        Assert.Equal("""{"detail":"Method \"POST\" not allowed."}""", response.BodyText);
        Assert.Equal("GET, HEAD", response.Header("Allow"));
        Assert.Equal(Expect.JsonContentType, response.Header("Content-Type"));
    }

    // Order: format and Accept (404 or 406), then the method (405), then the id (404).
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Authenticated_post_with_format_xml_is_404_not_405(string kind)
    {
        var list = await api.SendAuthenticated("POST", Kinds.List(kind) + "?format=xml");
        var one = await api.SendAuthenticated("POST", Kinds.One(kind, "999") + "?format=xml");

        Expect.Answer(list, 404, Expect.NotFound);
        Expect.Answer(one, 404, Expect.NotFound);
        Assert.Null(list.Header("Allow"));
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Authenticated_post_with_unacceptable_accept_is_406_not_405(string kind)
    {
        var response = await api.SendAuthenticated("POST", Kinds.List(kind), ("Accept", "text/csv"));

        Expect.Answer(response, 406, Expect.NotAcceptable);
    }

    public static TheoryData<string, string> MethodsOnMissingIds => Kinds.Cross("PUT", "DELETE", "PATCH", "POST");

    [Theory]
    [MemberData(nameof(MethodsOnMissingIds))]
    public async Task Authenticated_other_method_on_a_missing_or_malformed_id_is_405_not_404(string kind, string method)
    {
        var missing = await api.SendAuthenticated(method, Kinds.One(kind, "999"));
        var malformed = await api.SendAuthenticated(method, Kinds.One(kind, "abc"));
        var otherKind = await api.SendAuthenticated(method, Kinds.One(kind, Seed.For(kind).OtherKindId.ToString(CultureInfo.InvariantCulture)));

        Expect.MethodNotAllowed(missing, method);
        Expect.MethodNotAllowed(malformed, method);
        Expect.MethodNotAllowed(otherKind, method);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Get_of_a_missing_id_with_unacceptable_accept_is_406_not_404(string kind)
    {
        var response = await api.SendAuthenticated("GET", Kinds.One(kind, "999"), ("Accept", "text/csv"));

        Expect.Answer(response, 406, Expect.NotAcceptable);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Get_of_a_missing_id_with_format_xml_and_unacceptable_accept_is_404(string kind)
    {
        var response = await api.SendAuthenticated("GET", Kinds.One(kind, "999") + "?format=xml", ("Accept", "text/csv"));

        Expect.Answer(response, 404, Expect.NotFound);
    }
}
