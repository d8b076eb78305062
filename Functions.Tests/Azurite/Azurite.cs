using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Connectors.Api.Tests.Azurite;

/// <summary>
/// One real Azurite Table service for the whole test run (the npm package pinned in package.json), on a free
/// loopback port, in memory, without telemetry. Started on first use, stopped when the test process exits.
/// </summary>
public sealed class Azurite
{
    // Azurite's fixed development account: public, documented, and only valid against the emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Azurite> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Process process;

    private Azurite(Process process, int port)
    {
        this.process = process;
        Port = port;
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

    private static Azurite Start()
    {
        var script = Path.Combine(Support.Repository.Root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run `npm ci` at the repository root.");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);

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
                client.Connect(IPAddress.Loopback, port);
                return new Azurite(process, port);
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        Stop(process);
        throw new TimeoutException("Azurite did not start listening within 30 seconds.");
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
