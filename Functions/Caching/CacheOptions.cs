namespace Connectors.Api.Caching;

/// <summary>
/// How long the app keeps what it read, bound from the <c>Cache</c> section (<c>Cache__KeySeconds</c>, ...).
/// A lifetime of 0 turns that cache off. The lifetimes are also how long a revocation or an import can take to
/// be seen by an instance that has the old answer.
/// </summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>Seconds an API key's row (or its absence) is kept.</summary>
    public double KeySeconds { get; set; } = 60;

    /// <summary>Seconds a kind's connectors (or one connector, or its absence) are kept.</summary>
    public double ConnectorSeconds { get; set; } = 30;

    /// <summary>The most entries each cache holds, so that a flood of random keys or ids cannot grow memory without limit.</summary>
    public int MaxEntries { get; set; } = 10_000;

    public bool IsValid => KeySeconds >= 0 && ConnectorSeconds >= 0 && MaxEntries > 0;
}
