using System.Text.Json;

namespace ServiceManual.Lint.Tests.LanguageServer;

/// <summary>What the tests that drive <c>smlint lsp</c> from another program share: the built smlint, the site copies, npm, the scenario.</summary>
internal static class ExternalClients
{
    /// <summary>The built smlint (the test project references the CLI, so its apphost is beside the tests) and its <c>lsp</c> command.</summary>
    public static string[] SmlintLsp =>
        [Path.Combine(TestContext.CurrentContext.TestDirectory, OperatingSystem.IsWindows() ? "smlint.exe" : "smlint"), "lsp"];

    /// <summary>Why a test cannot run (a program missing from PATH), or null.</summary>
    public static string? Missing(params string[] programs)
    {
        foreach (var program in programs)
        {
            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(folder => File.Exists(Path.Combine(folder, program)));
            if (!onPath) return $"{program} is not installed (not on PATH); this test drives smlint lsp from it";
        }
        return null;
    }

    private static readonly Lock NpmLock = new();

    /// <summary>Installs a Node project's locked dependencies once, when its node_modules is missing.</summary>
    public static void NpmCi(string project)
    {
        lock (NpmLock)
        {
            if (Directory.Exists(Path.Combine(project, "node_modules"))) return;
            var (exitCode, output, seconds) = TestProcess.Run(project, "npm", ["ci", "--no-audit", "--no-fund"], [], TimeSpan.FromMinutes(5));
            TestContext.Progress.WriteLine($"npm ci in {project}: exit {exitCode} in {seconds:F1} s");
            Assert.That(exitCode, Is.EqualTo(0), "npm ci failed:\n" + output);
        }
    }

    /// <summary>A writable copy of the 2016 snapshot with the corpus tests' configuration as its smlint.yml.</summary>
    public static TestSite CorpusCopy()
    {
        var copy = TestSite.CopyOf(Path.Combine(RepositoryPaths.Corpus!, "service-manual-2016"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations", "service-manual-2016.yml"), Path.Combine(copy.Root, "smlint.yml"));
        return copy;
    }

    /// <summary>
    /// A writable copy of the in-repo sample site (samples/service-manual, with its own smlint.yml):
    /// what the client tests run on where ../shared/corpus is absent, as in CI.
    /// </summary>
    public static TestSite SampleCopy() => TestSite.CopyOf(Path.Combine(RepositoryPaths.Root, "samples", "service-manual"));

    /// <summary>
    /// Runs tests/lsp-client/scenario.js against the built <c>smlint lsp</c> on <paramref name="site"/>,
    /// with the pages and texts of tests/lsp-client/<paramref name="profile"/> (the 2016 snapshot's when null),
    /// and returns its answers.
    /// </summary>
    public static JsonElement RunScenario(TestSite site, string? profile)
    {
        var client = Path.Combine(RepositoryPaths.Root, "tests", "lsp-client");
        NpmCi(client);
        var output = Path.Combine(site.Root, "..", Path.GetFileName(site.Root) + ".json");
        string[] profileArgument = profile is null ? [] : [Path.Combine(client, profile)];
        var (exitCode, log, seconds) = TestProcess.Run(client, "node", ["scenario.js", site.Root, output, .. profileArgument, "--", .. SmlintLsp], [], TimeSpan.FromMinutes(3));
        TestContext.Progress.WriteLine($"scenario.js {profile ?? "(2016 snapshot)"}: exit {exitCode} in {seconds:F1} s");
        Assert.That(File.Exists(output), Is.True, log);
        var scenario = JsonDocument.Parse(File.ReadAllText(output)).RootElement.Clone();
        File.Delete(output);
        Assert.That(scenario.TryGetProperty("fatal", out var fatal), Is.False, fatal.ToString() + "\n" + log);
        return scenario;
    }

    /// <summary>One step of a scenario's answers; the test is ignored with <paramref name="skipped"/> when the scenario could not run, and fails with the server's log when the step failed.</summary>
    public static JsonElement Step(JsonElement scenario, string? skipped, string name)
    {
        if (skipped is not null) Assert.Ignore(skipped);
        var step = scenario.GetProperty(name);
        if (step.ValueKind == JsonValueKind.Object && step.TryGetProperty("error", out var error))
            Assert.Fail($"{name}: {error}\nserver log:\n{string.Join('\n', scenario.GetProperty("serverLog").EnumerateArray())}");
        return step;
    }

    /// <summary>An answer as compact JSON, to compare with the expected text.</summary>
    public static string Json(JsonElement element) => JsonSerializer.Serialize(element);

    /// <summary>A range as the scenario writes it: [line, character, end line, end character], 0-based.</summary>
    public static int[] Range(JsonElement element) => element.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
