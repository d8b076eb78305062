using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connectors.Api.Tests.Support;

/// <summary>Captures every log line the app writes, formatted, with its exception text, so tests can read them.</summary>
public sealed class TestLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
