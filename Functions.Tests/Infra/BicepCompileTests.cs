namespace Connectors.Api.Tests.Infra;

/// <summary>infra/ compiles and lints with the real Bicep CLI with no warning and no linter finding at all.</summary>
[Collection(InfraCollection.Name)]
public sealed class BicepCompileTests(CompiledInfra infra)
{
    [Fact]
    public void Main_compiles_with_exit_code_0_and_no_warning_or_error()
    {
        Assert.True(infra.Build.IsClean, $"bicep build infra/main.bicep: {infra.Build}");
        Assert.StartsWith("{", infra.Json.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bicep_file_lints_with_exit_code_0_and_no_finding()
    {
        Assert.True(infra.Lint.IsClean, $"bicep lint --pattern infra/**/*.bicep: {infra.Lint}");
    }

    [Fact]
    public void The_compiled_template_is_from_the_pinned_bicep_version()
    {
        Assert.Contains($"\"version\": \"{BicepCli.Version}.", infra.Json, StringComparison.Ordinal);
    }
}

/// <summary>
/// Deliberately broken copies of infra/ fail the very check the real one passes (<see cref="BicepResult.IsClean"/>),
/// so a green compile test means something. The copies are built concurrently, once, for the whole class.
/// </summary>
public sealed class BrokenInfraTests(BrokenInfraTests.Variants variants) : IClassFixture<BrokenInfraTests.Variants>
{
    [Fact]
    public void An_unused_parameter_is_a_linter_error_that_fails_the_build()
    {
        var result = variants.UnusedParameter;

        Assert.False(result.IsClean, result.ToString());
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Findings, line => line.Contains("Error no-unused-params", StringComparison.Ordinal));
    }

    [Fact]
    public void A_finding_that_is_only_a_warning_still_fails_the_check()
    {
        // Without infra/bicepconfig.json's levels the linter's default applies: a warning, and exit code 0.
        var result = variants.WarningOnly;

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Findings, line => line.Contains("Warning no-unused-params", StringComparison.Ordinal));
        Assert.False(result.IsClean, result.ToString());
    }

    public sealed class Variants : IDisposable
    {
        private readonly List<DirectoryInfo> copies = [];

        public Variants()
        {
            var unused = Task.Run(() => BuildBroken(main => main + "\nparam unusedOnPurpose string = 'x'\n"));
            var warning = Task.Run(() => BuildBroken(main => main + "\nparam unusedOnPurpose string = 'x'\n", keepConfig: false));
            UnusedParameter = unused.GetAwaiter().GetResult();
            WarningOnly = warning.GetAwaiter().GetResult();
        }

        internal BicepResult UnusedParameter { get; }

        internal BicepResult WarningOnly { get; }

        public void Dispose()
        {
            foreach (var copy in copies)
            {
                copy.Delete(recursive: true);
            }
        }

        private BicepResult BuildBroken(Func<string, string> breakMain, bool keepConfig = true)
        {
            var copy = BicepCli.CopyInfra();
            lock (copies)
            {
                copies.Add(copy);
            }

            var main = Path.Combine(copy.FullName, "main.bicep");
            File.WriteAllText(main, breakMain(File.ReadAllText(main)));
            if (!keepConfig)
            {
                // An empty configuration: the linter's default levels, and no bicepconfig.json above /tmp is picked up.
                File.WriteAllText(Path.Combine(copy.FullName, "bicepconfig.json"), "{}");
            }

            return BicepCli.Run("build", main, "--stdout");
        }
    }
}
