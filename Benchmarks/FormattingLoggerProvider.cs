using Microsoft.Extensions.Logging;

namespace Connectors.Api.Benchmarks;

/// <summary>
/// A logger that does what a real sink does with the per-request line (it is Information, enabled in the app):
/// formats the message and reads its structured values, then drops them. With no provider at all the line
/// would be skipped and its cost left out of the measurement.
/// </summary>
public sealed class FormattingLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => Sink.Instance;

    public void Dispose()
    {
    }

    private sealed class Sink : ILogger
    {
        public static readonly Sink Instance = new();

        private static int length;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var total = formatter(state, exception).Length;
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                foreach (var value in values)
                {
                    total += value.Key.Length;
                }
            }

            length = total;
        }
    }
}
