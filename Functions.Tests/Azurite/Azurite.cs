using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Connectors.Api.Tests.Azurite;

/// <summary>
/// A real Azurite Table service (the npm package pinned in package.json) on a loopback port, without telemetry.
/// <see cref="Shared"/> is the one instance most tests use, in memory, started on first use and stopped when
/// the test process exits; fault tests start a private one on disk that they can stop and start again.
/// </summary>
public sealed class Azurite : IDisposable
{
    // Azurite's fixed development account: public, documented, and only valid against the emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Azurite> Instance = new(
        () =>
        {
            var shared = Start(FreePort(), location: null);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Stop();
            return shared;
        },
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? location;
    private Process? process;

    private Azurite(int port, string? location)
    {
        Port = port;
        this.location = location;
    }

    public static Azurite Shared => Instance.Value;

    public int Port { get; }

    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>A connection string in the emulator's form for any port (a closed one makes storage unreachable).</summary>
    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/{AccountName};";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts an instance; with a <paramref name="location"/> its data is on disk and survives <see cref="Stop"/> and <see cref="Restart"/>.</summary>
    public static Azurite Start(int port, string? location)
    {
        var azurite = new Azurite(port, location);
        azurite.Restart();
        return azurite;
    }

    /// <summary>Starts the process (again) on the same port and waits until it listens.</summary>
    public void Restart()
    {
        var script = Path.Combine(Support.Repository.Root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run `npm ci` at the repository root.");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] storage = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        foreach (var argument in new[]
        {
            script, "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(CultureInfo.InvariantCulture),
            "--disableTelemetry", "--skipApiVersionCheck",
        }.Concat(storage))
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited at start with code {process.ExitCode}.");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        Stop();
        throw new TimeoutException("Azurite did not start listening within 30 seconds.");
    }

    /// <summary>
    /// Stops the process: storage becomes unreachable until <see cref="Restart"/>. Azurite is asked to close
    /// first (SIGINT), so that an instance on disk saves its data, and killed if it has not within 5 seconds.
    /// </summary>
    public void Stop()
    {
        try
        {
            if (process is { HasExited: false })
            {
                using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    interrupt.WaitForExit();
                }

                if (!process.WaitForExit(5000))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Stop();
        process?.Dispose();
    }
}
