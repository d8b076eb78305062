namespace Connectors.Api;

/// <summary>One connector, exactly the contract's four fields in the contract's order.</summary>
public sealed record Connector(int Id, string Name, string System, bool Inaccessible);

/// <summary>The two kinds of connector. The kind is data: both kinds walk the same code.</summary>
public enum ConnectorKind
{
    Alm,
    Analysis,
}

public static class ConnectorKinds
{
    /// <summary>The PartitionKey of a kind in the Connectors table, and its segment in the route.</summary>
    public static string PartitionKey(this ConnectorKind kind) => kind switch
    {
        ConnectorKind.Alm => "alm",
        ConnectorKind.Analysis => "analysis",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
