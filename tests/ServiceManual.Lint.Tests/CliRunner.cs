using ServiceManual.Lint.Cli;

namespace ServiceManual.Lint.Tests;

/// <summary>Runs <c>smlint</c> in-process from a given folder, with only the given environment variables.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(string currentFolder, params string[] args) =>
        Run(currentFolder, new Dictionary<string, string>(), args);

    public static (int ExitCode, string Output, string Error) Run(string currentFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SmlintCommand.Run(args, output, error, CliHost.For(currentFolder, environment));
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>As <see cref="Run(string, string[])"/>, with <paramref name="input"/> (UTF-8) on standard input.</summary>
    public static (int ExitCode, string Output, string Error) RunWithInput(string currentFolder, string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = CliHost.For(currentFolder) with { Input = () => new MemoryStream(new System.Text.UTF8Encoding(false).GetBytes(input)) };
        var exitCode = SmlintCommand.Run(args, output, error, host);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>A copy of the README's sample site (the Service Manual's smlint.yml and its deliberate defects) at <paramref name="folder"/> under a new test folder.</summary>
    public static TestSite SampleSiteIn(string folder)
    {
        var repository = new TestSite();
        var source = Path.Combine(RepositoryPaths.Root, "samples", "service-manual");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(repository.Root, folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        // TestSite puts a _layouts/default.html at its root: a repository's root has none.
        File.Delete(Path.Combine(repository.Root, "_layouts", "default.html"));
        Directory.Delete(Path.Combine(repository.Root, "_layouts"));
        return repository;
    }
}
