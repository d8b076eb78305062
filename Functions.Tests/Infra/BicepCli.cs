using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Connectors.Api.Tests.Infra;

/// <summary>
/// The real Bicep CLI, restored from NuGet by the test project's PackageDownload of
/// Azure.Bicep.CommandLine.linux-x64 (its <c>tools/bicep</c>). <c>BICEP_CLI</c> overrides the path.
/// </summary>
internal static partial class BicepCli
{
    public const string PackageId = "azure.bicep.commandline.linux-x64";
    public const string Version = "0.49.2";

    private static readonly Lazy<string> Executable = new(Locate);

    /// <summary>The repository root: the folder holding ConnectorsApi.slnx, infra/ and azure.yaml.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    public static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, and no first-run surprises on a machine without internet.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }

        return new BicepResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Copies infra/ to a fresh temporary folder (bicepconfig.json included), for deliberately broken variants.</summary>
    public static DirectoryInfo CopyInfra()
    {
        var target = Directory.CreateTempSubdirectory("infra-broken-");
        foreach (var file in Directory.EnumerateFiles(InfraDirectory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target.FullName, Path.GetRelativePath(InfraDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    private static string Locate()
    {
        var overridden = Environment.GetEnvironmentVariable("BICEP_CLI");
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return overridden;
        }

        var candidates = PackageRoots()
            .Select(root => Path.Combine(root, PackageId, Version, "tools", "bicep"))
            .ToList();
        var found = candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            $"The Bicep CLI {Version} was not found (looked in: {string.Join(", ", candidates)}). " +
            "Run `dotnet restore` (the test project downloads Azure.Bicep.CommandLine.linux-x64), or set BICEP_CLI.");

        // NuGet extracts the package without the execute bit on some systems.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(found);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(found, mode | execute);
            }
        }

        return found;
    }

    /// <summary>NUGET_PACKAGES, then the NuGetPackageRoot the build recorded, then the default ~/.nuget/packages.</summary>
    private static IEnumerable<string> PackageRoots()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return fromEnvironment;
        }

        var fromBuild = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "NuGetPackageRoot")?.Value;
        if (!string.IsNullOrWhiteSpace(fromBuild))
        {
            yield return fromBuild;
        }

        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ConnectorsApi.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ConnectorsApi.slnx) was not found above the test output.");
    }

    [GeneratedRegex(@"\b(Warning|Error)\b")]
    internal static partial Regex DiagnosticLevel();
}

/// <summary>One Bicep CLI run.</summary>
internal sealed record BicepResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Every stderr line that reports a warning or an error (compiler or linter).</summary>
    public IReadOnlyList<string> Findings { get; } = StdErr
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => BicepCli.DiagnosticLevel().IsMatch(line))
        .ToList();

    /// <summary>The one check every compile or lint must pass: exit code 0 and no warning or error at all.</summary>
    public bool IsClean => ExitCode == 0 && Findings.Count == 0;

    public override string ToString() =>
        $"exit code {ExitCode}; {Findings.Count} finding(s):{Environment.NewLine}{string.Join(Environment.NewLine, Findings)}{Environment.NewLine}stderr:{Environment.NewLine}{StdErr}";
}
