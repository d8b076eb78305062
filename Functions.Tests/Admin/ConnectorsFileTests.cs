using System.Text;
using Connectors.Admin;

namespace Connectors.Api.Tests.Admin;

/// <summary>The import file's validation: every problem reported at once, each with its JSON path.</summary>
public sealed class ConnectorsFileTests
{
    private static (ConnectorsFile? File, List<string> Errors) Read(string json)
    {
        var errors = new List<string>();
        return (ConnectorsFile.Read(Encoding.UTF8.GetBytes(json), errors), errors);
    }

    [Fact]
    public void A_valid_file_gives_its_connectors_by_kind()
    {
        var (file, errors) = Read("""
            {"alm": [{"id": 7, "name": "Rally Connector", "system": "Rally", "inaccessible": true}],
             "analysis": []}
            """);

        Assert.Empty(errors);
        Assert.Equal([new Connector(7, "Rally Connector", "Rally", true)], file!.Kinds[ConnectorKind.Alm]);
        Assert.Empty(file.Kinds[ConnectorKind.Analysis]);
    }

    [Fact]
    public void A_kind_missing_from_the_file_is_not_part_of_the_import()
    {
        var (file, _) = Read("""{"analysis": [{"id": 1, "name": "Fortify", "system": "Fortify", "inaccessible": false}]}""");

        Assert.False(file!.Kinds.ContainsKey(ConnectorKind.Alm));
    }

    [Theory]
    [InlineData("""{"id": 0, "name": "a", "system": "b", "inaccessible": false}""", "alm[0].id: must be a positive 32-bit integer")]
    [InlineData("""{"id": -3, "name": "a", "system": "b", "inaccessible": false}""", "alm[0].id: must be a positive 32-bit integer")]
    [InlineData("""{"id": 2147483648, "name": "a", "system": "b", "inaccessible": false}""", "alm[0].id: must be a positive 32-bit integer")]
    [InlineData("""{"id": 1.5, "name": "a", "system": "b", "inaccessible": false}""", "alm[0].id: must be a positive 32-bit integer")]
    [InlineData("""{"id": "1", "name": "a", "system": "b", "inaccessible": false}""", "alm[0].id: must be a positive 32-bit integer")]
    [InlineData("""{"id": 1, "name": "", "system": "b", "inaccessible": false}""", "alm[0].name: must not be empty")]
    [InlineData("""{"id": 1, "name": 5, "system": "b", "inaccessible": false}""", "alm[0].name: must be a string")]
    [InlineData("""{"id": 1, "name": "a", "system": null, "inaccessible": false}""", "alm[0].system: must be a string")]
    [InlineData("""{"id": 1, "name": "a\tb", "system": "b", "inaccessible": false}""", "alm[0].name: must not contain control characters")]
    [InlineData("""{"id": 1, "name": "a", "system": "b", "inaccessible": "false"}""", "alm[0].inaccessible: must be true or false")]
    [InlineData("""{"id": 1, "name": "a", "system": "b"}""", "alm[0].inaccessible: is required")]
    [InlineData("""{"id": 1, "name": "a", "system": "b", "inaccessible": false, "url": "x"}""", "alm[0].url: unknown field")]
    [InlineData("""{"id": 1, "id": 2, "name": "a", "system": "b", "inaccessible": false}""", "alm[0].id: given more than once")]
    [InlineData("""[1]""", "alm[0]: must be an object with id, name, system and inaccessible")]
    public void Each_invalid_connector_is_reported_with_its_path(string connector, string expected)
    {
        var json = connector.StartsWith('[') ? $$"""{"alm": {{connector}}}""" : $$"""{"alm": [{{connector}}]}""";

        var (file, errors) = Read(json);

        Assert.Null(file);
        Assert.Equal([expected], errors);
    }

    [Fact]
    public void Text_longer_than_256_characters_is_refused_and_256_is_accepted()
    {
        var (_, ok) = Read($$"""{"alm": [{"id": 1, "name": "{{new string('n', 256)}}", "system": "s", "inaccessible": false}]}""");
        var (_, errors) = Read($$"""{"alm": [{"id": 1, "name": "{{new string('n', 257)}}", "system": "s", "inaccessible": false}]}""");

        Assert.Empty(ok);
        Assert.Equal(["alm[0].name: must be at most 256 characters"], errors);
    }

    [Fact]
    public void Every_error_of_the_file_is_reported_at_once()
    {
        var (file, errors) = Read("""
            {"alm": [{"id": 1, "name": "a", "system": "b", "inaccessible": false},
                     {"id": 1, "name": "c", "system": "d", "inaccessible": false},
                     {"id": 3, "name": "", "system": "d", "inaccessible": 1}],
             "analysis": {},
             "teams": []}
            """);

        Assert.Null(file);
        Assert.Equal(
            [
                "alm[1].id: duplicate id 1, also at alm[0]",
                "alm[2].name: must not be empty",
                "alm[2].inaccessible: must be true or false",
                "analysis: must be a list of connectors",
                "teams: unknown key (expected \"alm\" or \"analysis\")",
            ],
            errors);
    }

    [Theory]
    [InlineData("{\"alm\": [\n  {\"id\": 1,}\n]}", "malformed JSON at line 2, column 12: ")]
    [InlineData("{\"alm\": [", "malformed JSON at line 1, column 10: ")]
    [InlineData("", "malformed JSON at line 1, column 1: ")]
    public void Malformed_json_is_reported_with_line_and_column(string json, string expectedStart)
    {
        var (file, errors) = Read(json);

        Assert.Null(file);
        Assert.StartsWith(expectedStart, Assert.Single(errors));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public void A_file_that_is_not_an_object_is_refused(string json)
    {
        var (_, errors) = Read(json);

        Assert.Equal(["$: must be an object with an \"alm\" and/or an \"analysis\" list"], errors);
    }

    [Fact]
    public void Writing_orders_by_id_and_keeps_text_as_utf8()
    {
        var file = new ConnectorsFile(new Dictionary<ConnectorKind, IReadOnlyList<Connector>>
        {
            [ConnectorKind.Analysis] = [new Connector(9, "Zé \"Q\"", "Snyk", false), new Connector(2, "B", "Veracode", true)],
            [ConnectorKind.Alm] = [],
        });

        var text = Encoding.UTF8.GetString(file.Write());

        Assert.Equal(
            "{\n  \"alm\": [],\n  \"analysis\": [\n    {\n      \"id\": 2,\n      \"name\": \"B\",\n      \"system\": \"Veracode\",\n      \"inaccessible\": true\n    },\n"
            + "    {\n      \"id\": 9,\n      \"name\": \"Zé \\\"Q\\\"\",\n      \"system\": \"Snyk\",\n      \"inaccessible\": false\n    }\n  ]\n}\n",
            text);
    }
}
