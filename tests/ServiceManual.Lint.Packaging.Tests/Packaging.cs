using ServiceManual.Lint.Tests;

namespace ServiceManual.Lint.Packaging.Tests;

/// <summary>A command's exit code, its output and error interleaved, and the seconds it took.</summary>
internal sealed record Result(int ExitCode, string Output, double Seconds)
{
    public void AssertSuccess() => Assert.That(ExitCode, Is.EqualTo(0), Output);
}

/// <summary>
/// What both packaging fixtures need to pack this repository into a local feed and consume it from a
/// temporary work folder: the checkout, a copy of its sources, the NuGet settings, and running commands.
/// </summary>
internal static class Packaging
{
    /// <summary>The version every package is packed with (eng/ sets it).</summary>
    public const string Version = "0.3.0";

    /// <summary>The checkout these tests run from.</summary>
    public static string FindRepository()
    {
        for (var folder = TestContext.CurrentContext.TestDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "ServiceManual.sln"))) return folder;
        }
        throw new InvalidOperationException("ServiceManual.sln not found");
    }

    /// <summary>
    /// Copies <paramref name="files"/> and everything below <paramref name="folders"/> but bin/ and
    /// obj/: restoring in the checkout itself would rewrite its obj/ folders under the other test
    /// project's feet.
    /// </summary>
    public static void CopySources(string repository, string target, IEnumerable<string> files, IEnumerable<string> folders)
    {
        foreach (var file in files)
        {
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(repository, file), Path.Combine(target, file));
        }
        foreach (var folder in folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(repository, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(repository, file);
                var parts = relative.Split(Path.DirectorySeparatorChar);
                if (parts.Contains("bin") || parts.Contains("obj")) continue;
                var destination = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }
        }
    }

    /// <summary>Packing uses the machine's NuGet cache; only the consumers use a fresh one.</summary>
    public static Dictionary<string, string> PackEnvironment() =>
        new() { ["NUGET_PACKAGES"] = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? DefaultNuGetCache() };

    /// <summary>
    /// Sets up the consumers' environment in <paramref name="environment"/>: a NuGet cache of the work
    /// folder's own (a repacked version would otherwise be served from the machine's cache) and a private
    /// CLI home (the SDK remembers where each local tool was restored, in ~/.dotnet/toolResolverCache;
    /// that memory must not point into another run's deleted cache).
    /// </summary>
    public static void IsolateConsumers(Dictionary<string, string> environment, string work)
    {
        environment["NUGET_PACKAGES"] = Path.Combine(work, "nuget-cache");
        environment["DOTNET_CLI_HOME"] = Path.Combine(work, "cli-home");
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
    }

    /// <summary>
    /// The work folder's nuget.config: the local feed alone (<paramref name="alsoNuGetOrg"/> false), or
    /// the local feed before nuget.org, for consumers that need other packages too.
    /// </summary>
    public static void WriteNuGetConfig(string work, string feed, bool alsoNuGetOrg)
    {
        var sources = alsoNuGetOrg
            ? $"""
                  <add key="local" value="{feed}" />
                  <add key="nuget" value="https://api.nuget.org/v3/index.json" />
              """
            : $"""
                  <clear />
                  <add key="local" value="{feed}" />
              """;
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
            {sources}
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>Runs a command in <paramref name="folder"/> with <paramref name="environment"/> added (later entries win).</summary>
    public static Result Run(string folder, string command, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment, TimeSpan? timeout = null)
    {
        var (exitCode, output, seconds) = TestProcess.Run(folder, command, arguments, environment, timeout ?? TimeSpan.FromMinutes(5));
        return new Result(exitCode, output, seconds);
    }

    private static string DefaultNuGetCache() =>
        Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
