using System.Globalization;
using System.Text;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Azurite;

/// <summary>
/// Stored rows come back exactly: Inaccessible both ways, and text written as DRF's JSONRenderer writes it
/// (json.dumps with ensure_ascii=False, then U+2028/U+2029 escaped): raw UTF-8, with only '"', '\' and
/// control characters escaped.
/// </summary>
public sealed class RoundTripTests(RoundTripTests.Data data) : IClassFixture<RoundTripTests.Data>
{
    private static readonly (int Id, string Name, string System, bool Inaccessible)[] Rows =
    [
        (1, "Jira \"Cloud\"", "Jira \"Cloud\"", true),
        (2, "Ünïcode", "Ünïcode", false),
        (3, "C:\\tools\\rally", "Back\\slash \\\"", true),
        (4, "<b>Tom & Jerry's</b> +1 = 2", "a/b?c=d#e%20", false),
        (5, "日本語 Connector", "Ελληνικά", true),
        (6, "Ünïcode \"quoted\" \\ mixed", "€uro", false),
        (7, "", "", true),
    ];

    public sealed class Data : SeededApi
    {
        protected override async Task SeedAsync(ApiHarness api)
        {
            foreach (var kind in new[] { ConnectorKind.Alm, ConnectorKind.Analysis })
            {
                foreach (var (id, name, system, inaccessible) in Rows)
                {
                    await api.AddConnectorAsync(kind, id, name, system, inaccessible);
                }
            }
        }
    }

    /// <summary>Python's json.dumps(text, ensure_ascii=False) followed by DRF's U+2028/U+2029 escaping.</summary>
    internal static string DrfText(string text)
    {
        var output = new StringBuilder("\"");
        foreach (var c in text)
        {
            output.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' or '\u2028' or '\u2029' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return output.Append('"').ToString();
    }

    internal static string DrfConnector(int id, string name, string system, bool inaccessible) =>
        $$"""{"id":{{id}},"name":{{DrfText(name)}},"system":{{DrfText(system)}},"inaccessible":{{(inaccessible ? "true" : "false")}}}""";

    internal static void AssertBytes(string expected, TestResponse response)
    {
        Assert.Equal(200, response.Status);
        Assert.Equal(expected, response.BodyText);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), ((MemoryStream)response.Body).ToArray());
    }

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task Every_row_comes_back_exactly_in_the_list(ConnectorKind kind)
    {
        var response = await data.GetAsync(Paths.List(kind));

        AssertBytes(Bodies.List(Rows.Select(row => DrfConnector(row.Id, row.Name, row.System, row.Inaccessible))), response);
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, 1)]
    [InlineData(ConnectorKind.Alm, 2)]
    [InlineData(ConnectorKind.Alm, 3)]
    [InlineData(ConnectorKind.Alm, 4)]
    [InlineData(ConnectorKind.Alm, 5)]
    [InlineData(ConnectorKind.Alm, 6)]
    [InlineData(ConnectorKind.Alm, 7)]
    [InlineData(ConnectorKind.Analysis, 1)]
    [InlineData(ConnectorKind.Analysis, 2)]
    [InlineData(ConnectorKind.Analysis, 3)]
    [InlineData(ConnectorKind.Analysis, 4)]
    [InlineData(ConnectorKind.Analysis, 5)]
    [InlineData(ConnectorKind.Analysis, 6)]
    [InlineData(ConnectorKind.Analysis, 7)]
    public async Task Each_row_comes_back_exactly_on_its_own(ConnectorKind kind, int id)
    {
        var (_, name, system, inaccessible) = Rows.Single(row => row.Id == id);

        AssertBytes(DrfConnector(id, name, system, inaccessible), await data.GetAsync(Paths.One(kind, id)));
    }

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task Quotes_and_non_ascii_are_raw_utf8_with_only_quote_and_backslash_escaped(ConnectorKind kind)
    {
        var quoted = await data.GetAsync(Paths.One(kind, 1));
        var unicode = await data.GetAsync(Paths.One(kind, 2));

        AssertBytes("""{"id":1,"name":"Jira \"Cloud\"","system":"Jira \"Cloud\"","inaccessible":true}""", quoted);
        AssertBytes("""{"id":2,"name":"Ünïcode","system":"Ünïcode","inaccessible":false}""", unicode);
        Assert.Equal(
            "{\"id\":2,\"name\":\"\u00DCn\u00EFcode\""u8.ToArray().Concat(Encoding.UTF8.GetBytes(",\"system\":\"\u00DCn\u00EFcode\",\"inaccessible\":false}")).ToArray(),
            ((MemoryStream)unicode.Body).ToArray());
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, true)]
    [InlineData(ConnectorKind.Alm, false)]
    [InlineData(ConnectorKind.Analysis, true)]
    [InlineData(ConnectorKind.Analysis, false)]
    public async Task Inaccessible_round_trips_both_ways(ConnectorKind kind, bool inaccessible)
    {
        var id = inaccessible ? 1 : 2;

        var one = await data.GetAsync(Paths.One(kind, id));
        var filtered = await data.GetAsync(Paths.List(kind) + "?system=" + Uri.EscapeDataString(Rows.Single(row => row.Id == id).System));

        Assert.EndsWith($"\"inaccessible\":{(inaccessible ? "true" : "false")}}}", one.BodyText);
        Assert.EndsWith($"\"inaccessible\":{(inaccessible ? "true" : "false")}}}]}}", filtered.BodyText);
    }
}

/// <summary>
/// Text that System.Text.Json and Python's json may write differently (DRF: json.dumps with ensure_ascii=False
/// writes everything raw except '"', '\', control characters as lowercase \u00xx, and DRF's U+2028/U+2029).
/// One row each, so a failure names the character.
/// </summary>
public sealed class EdgeTextTests(EdgeTextTests.Data data) : IClassFixture<EdgeTextTests.Data>
{
    // Text that System.Text.Json and Python's json may write differently: one row each, so a failure names the case.
    private static readonly (int Id, string Name)[] EdgeRows =
    [
        (101, "Emoji 😀 connector"),
        (102, "Tab\tNew\nline\rBack\bFeed\f"),
        (103, "Ctrl \u0001 \u001f"),
        (104, "Delete \u007f"),
        (105, "Line separator \u2028 paragraph \u2029"),
        (106, "No-break\u00a0space"),
        (110, "Soft\u00adhyphen"),
        (107, "\ufeffByte order mark"),
        (108, "Private use \ue000"),
        (109, "Zero width\u200bspace joiner\u200d"),
    ];

    public sealed class Data : SeededApi
    {
        protected override async Task SeedAsync(ApiHarness api)
        {
            foreach (var (id, name) in EdgeRows)
            {
                await api.AddConnectorAsync(ConnectorKind.Alm, id, name, "Edge");
                await api.AddConnectorAsync(ConnectorKind.Analysis, id, name, name);
            }
        }
    }

    public static TheoryData<int> Ids => [.. EdgeRows.Select(row => row.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Edge_text_is_written_as_drf_writes_it(int id)
    {
        var name = EdgeRows.Single(row => row.Id == id).Name;

        RoundTripTests.AssertBytes(RoundTripTests.DrfConnector(id, name, "Edge", false), await data.GetAsync(Paths.One(ConnectorKind.Alm, id)));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Edge_text_is_written_as_drf_writes_it_in_analysis_lists_and_in_system(int id)
    {
        var name = EdgeRows.Single(row => row.Id == id).Name;

        var response = await data.GetAsync(Paths.List(ConnectorKind.Analysis) + "?system=" + Uri.EscapeDataString(name));

        RoundTripTests.AssertBytes(Bodies.List(RoundTripTests.DrfConnector(id, name, name, false)), response);
    }
}
