using ServiceManual.Lint.Cli;

namespace ServiceManual.Lint.Tests;

/// <summary>The README's first screen must stay true: its sample output is what the first command prints.</summary>
public sealed class ReadmeTests
{
    [Test]
    public void Sample_output_in_the_readme_is_what_smlint_prints_on_the_sample_site()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.That(readme, Does.Contain("dotnet run --project src/ServiceManual.Lint.Cli -- samples/service-manual"));
        Assert.That(readme, Does.Contain("dotnet test ServiceManual.sln"));
        var start = readme.IndexOf("```text\n", StringComparison.Ordinal) + 8;
        var shown = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l != "...");

        var output = new StringWriter();
        // Run from the repository's root, as the README's command is: paths print relative to it.
        var exitCode = SmlintCommand.Run(["samples/service-manual", "--no-color"], output, new StringWriter(), CliHost.For(RepositoryPaths.Root));

        Assert.That(exitCode, Is.EqualTo(1));
        var printed = output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        Assert.That(shown, Is.SubsetOf(printed));
    }
}
