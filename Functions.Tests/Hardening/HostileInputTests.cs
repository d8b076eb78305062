using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Hardening;

/// <summary>
/// Every row of <see cref="HostileTable"/> through the real function code against Azurite: exactly its contract
/// answer, never a 500, and no secret (the valid key, the other keys, the Authorization value) in the answer or
/// in what the app logs.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Fixture api) : IClassFixture<HostileInputTests.Fixture>
{
    public sealed class Fixture : HardeningApi;

    public static TheoryData<HostileRow> Rows => HostileTable.Data();

    [Fact]
    public void The_table_has_at_least_150_rows_and_covers_both_kinds()
    {
        Assert.True(HostileTable.Rows.Count >= 150, $"Only {HostileTable.Rows.Count} rows.");
        Assert.True(HostileTable.Rows.Count(r => r.Target.Contains("/alm", StringComparison.Ordinal)) >= 75);
        Assert.True(HostileTable.Rows.Count(r => r.Target.Contains("/analysis", StringComparison.Ordinal)) >= 75);
        Assert.DoesNotContain(HostileTable.Rows, r => r.Status == 500);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Row_gets_exactly_its_contract_answer(HostileRow row)
    {
        var before = api.Api.Logs.Lines.Count;

        var response = await api.SendAsync(row);

        var written = api.Api.Logs.Lines.Skip(before).ToArray();
        Assert.NotEqual(500, response.Status);
        Assert.Equal(row.Status, response.Status);
        Assert.Equal(row.Body, response.BodyText);
        StatusHeaders.Assert(response);
        Check.NoLeak(response, api.Forbidden(row), row.Name);
        Check.NoLeak(api.Api.Logs.Lines, api.Forbidden(row), row.Name);

        var lines = Check.EndpointLines(written);
        var line = Assert.Single(lines);
        Assert.Contains($"): {row.Status} for key ", line, StringComparison.Ordinal);
        Assert.Empty(Check.AppProblems(written));
    }
}

/// <summary>
/// The whole hostile table in one run, on an app of its own so that its captured logs hold nothing else from the
/// app: every answer as the table says, no 500, one request line per request, no warning or error, and not one
/// log line with a key or an Authorization value.
/// </summary>
public sealed class HostileRunLogTests(HostileRunLogTests.Fixture api) : IClassFixture<HostileRunLogTests.Fixture>
{
    public sealed class Fixture : HardeningApi;

    [Fact]
    public async Task No_log_line_of_the_whole_hostile_run_holds_a_key_or_an_Authorization_value()
    {
        var failures = new List<string>();
        var forbidden = new HashSet<string>(StringComparer.Ordinal);
        var statuses = new List<int>();
        foreach (var row in HostileTable.Rows)
        {
            var response = await api.SendAsync(row);
            statuses.Add(response.Status);
            forbidden.UnionWith(api.Forbidden(row));
            if (response.Status != row.Status || response.BodyText != row.Body)
            {
                failures.Add($"{row.Name}: {response.Status} {Check.Printable(response.BodyText)}");
            }

            Check.NoLeak(response, api.Forbidden(row), row.Name);
        }

        Assert.Empty(failures);
        Assert.DoesNotContain(500, statuses);

        var lines = api.Api.Logs.Lines;
        Assert.NotEmpty(lines);
        Check.NoLeak(lines, forbidden, "hostile run");
        Assert.Equal(HostileTable.Rows.Count, Check.EndpointLines(lines).Length);
        Assert.Empty(Check.AppProblems(lines));

        // The keys the run used are named in the lines (by name), never written.
        Assert.Contains(Check.EndpointLines(lines), l => l.Contains("for key " + HardeningApi.KeyName + ",", StringComparison.Ordinal));
    }
}

/// <summary>The headers each status carries: Content-Type always, WWW-Authenticate on 401, Allow on 405, an ETag on 200.</summary>
public static class StatusHeaders
{
    public static void Assert(TestResponse response)
    {
        Xunit.Assert.Equal(Expect.JsonContentType, response.Header("Content-Type"));
        switch (response.Status)
        {
            case 401:
                Xunit.Assert.Equal("Token", response.Header("WWW-Authenticate"));
                break;
            case 405:
                Xunit.Assert.Equal("GET, HEAD", response.Header("Allow"));
                break;
            case 200:
                Xunit.Assert.Matches("^\"[0-9a-f]{32}\"$", response.Header("ETag"));
                break;
        }
    }
}
