using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Contract;

/// <summary>
/// API.md, "Other answers": storage timing out is 503 with Retry-After. A class of its own so that its few
/// seconds of waiting run beside the other classes.
/// </summary>
public sealed class StorageTimeoutContractTests
{
    private const string SomeKey = "sde_somekey";

    // Storage accepts connections and never answers: the app gives up within seconds, for both kinds.
    [Fact]
    public async Task Storage_timing_out_is_503_with_retry_after_within_seconds_for_both_kinds()
    {
        var silent = new SilentServer();
        var api = await ApiHarness.StartAsync(connectionString: Azurite.Azurite.ConnectionStringFor(silent.Port), createTables: false);
        try
        {
            var timer = Stopwatch.StartNew();
            var answers = await Task.WhenAll(
                api.GetAsync(Kinds.List("alm"), SomeKey),
                api.GetAsync(Kinds.One("alm", "1"), SomeKey),
                api.GetAsync(Kinds.List("analysis"), SomeKey),
                api.GetAsync(Kinds.One("analysis", "2"), SomeKey));

            Assert.True(timer.Elapsed < TimeSpan.FromSeconds(15), $"took {timer.Elapsed}");
            Assert.True(silent.Connections > 0);
            foreach (var answer in answers)
            {
                Expect.ServiceUnavailable(answer);
                Expect.NoLeak(answer, SomeKey);
            }
        }
        finally
        {
            // Stop listening first: the harness's clean-up then fails fast instead of timing out too.
            silent.Dispose();
            await api.DisposeAsync();
        }
    }

    /// <summary>A TCP server that accepts connections and never answers.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> sockets = [];
        private readonly CancellationTokenSource stop = new();
        private int connections;
        private bool disposed;

        public SilentServer()
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _ = AcceptAsync();
        }

        public int Port { get; }

        public int Connections => Volatile.Read(ref connections);

        public void Dispose()
        {
            lock (sockets)
            {
                if (disposed)
                {
                    return;
                }

                disposed = true;
                stop.Cancel();
                listener.Stop();
                foreach (var socket in sockets)
                {
                    socket.Dispose();
                }
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var socket = await listener.AcceptSocketAsync(stop.Token);
                    Interlocked.Increment(ref connections);
                    lock (sockets)
                    {
                        if (disposed)
                        {
                            socket.Dispose();
                            return;
                        }

                        sockets.Add(socket);
                    }
                }
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
