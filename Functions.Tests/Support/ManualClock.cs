namespace Connectors.Api.Tests.Support;

/// <summary>A clock the test moves: for expiry instants and cache lifetimes.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
