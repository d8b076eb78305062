using System.Diagnostics;

namespace Connectors.Api.Tests.Support;

public sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>Runs a program to its end, as an operator would from a shell, with a bounded wait.</summary>
public static class Processes
{
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, int timeoutSeconds = 120)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Storage settings of the developer's shell must not leak into what a test runs.
        start.Environment.Remove("ConnectorsStorage");
        start.Environment.Remove("ConnectorsStorage__tableServiceUri");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeoutSeconds} s. Output so far: {await output} {await error}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>The admin tool, as built: <c>dotnet connectors-admin.dll ARGS</c>.</summary>
    public static Task<ProcessResult> AdminAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunAsync("dotnet", [Path.Combine(Repository.BuildOutput("Admin"), "connectors-admin.dll"), .. arguments], environment);
}
