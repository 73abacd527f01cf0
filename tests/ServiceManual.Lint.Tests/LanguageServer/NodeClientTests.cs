using System.Text.Json;

namespace ServiceManual.Lint.Tests.LanguageServer;

/// <summary>
/// Issue 21's editing session against <c>smlint lsp</c>, driven by Microsoft's own protocol library
/// (vscode-languageserver-protocol, the one under VS Code's client) from tests/lsp-client/scenario.js
/// on a copy of the 2016 snapshot: every answer is checked here, position by position.
/// </summary>
[NonParallelizable]
public sealed class NodeClientTests
{
    private static JsonElement scenario;
    private static string? skipped;

    [OneTimeSetUp]
    public void RunScenario()
    {
        if (ExternalClients.Missing("node", "npm") is { } missing) { skipped = missing; return; }
        if (RepositoryPaths.Corpus is null) { skipped = "../shared/corpus is not beside this clone; the protocol tests need the 2016 snapshot"; return; }
        var client = Path.Combine(RepositoryPaths.Root, "tests", "lsp-client");
        ExternalClients.NpmCi(client);
        using var site = ExternalClients.CorpusCopy();
        var output = Path.Combine(site.Root, "..", Path.GetFileName(site.Root) + ".json");
        var (exitCode, log, seconds) = TestProcess.Run(client, "node", ["scenario.js", site.Root, output, "--", .. ExternalClients.SmlintLsp], [], TimeSpan.FromMinutes(3));
        TestContext.Progress.WriteLine($"scenario.js: exit {exitCode} in {seconds:F1} s");
        Assert.That(File.Exists(output), Is.True, log);
        scenario = JsonDocument.Parse(File.ReadAllText(output)).RootElement.Clone();
        File.Delete(output);
        Assert.That(scenario.TryGetProperty("fatal", out var fatal), Is.False, fatal.ToString() + "\n" + log);
    }

    private static JsonElement Step(string name)
    {
        if (skipped is not null) Assert.Ignore(skipped);
        var step = scenario.GetProperty(name);
        if (step.ValueKind == JsonValueKind.Object && step.TryGetProperty("error", out var error))
            Assert.Fail($"{name}: {error}\nserver log:\n{string.Join('\n', scenario.GetProperty("serverLog").EnumerateArray())}");
        return step;
    }

    private static string Json(JsonElement element) => JsonSerializer.Serialize(element);

    private static int[] Range(JsonElement element) => element.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
