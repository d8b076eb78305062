using System.Text.RegularExpressions;

namespace Connectors.Api.Storage;

/// <summary>The names of the two tables, bound from the <c>Tables</c> section (<c>Tables__Connectors</c>, <c>Tables__ApiKeys</c>).</summary>
public sealed partial class TableOptions
{
    public const string SectionName = "Tables";

    public string Connectors { get; set; } = "Connectors";

    public string ApiKeys { get; set; } = "ApiKeys";

    /// <summary>Azure's rule for a table name: a letter, then letters or digits, 3 to 63 characters in all.</summary>
    public static bool IsValidName(string? name) => name is not null && TableName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
