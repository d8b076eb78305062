namespace Connectors.Api.Tests.Support;

/// <summary>Where things are in the checkout the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The build output of a project of the solution, in the configuration and framework the tests were built
    /// with (the tests run from Functions.Tests/bin/&lt;configuration&gt;/&lt;framework&gt;).
    /// </summary>
    public static string BuildOutput(string project)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Root, project, "bin", testOutput.Parent!.Name, testOutput.Name);
    }

    private static string FindRoot()
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
}
