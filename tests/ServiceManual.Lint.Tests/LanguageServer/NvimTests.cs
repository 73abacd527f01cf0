using System.Text.Json;

namespace ServiceManual.Lint.Tests.LanguageServer;

/// <summary>
/// An editor that is not ours: headless Neovim's built-in client (tests/nvim/diagnostics.lua) starts
/// <c>smlint lsp</c> on a copy of the 2016 snapshot, opens a page and reads its diagnostics back.
/// </summary>
[NonParallelizable]
public sealed class NvimTests
{
    [Test]
    public void Neovim_shows_the_broken_fragment_of_a_page_it_opens()
    {
        if (ExternalClients.Missing("nvim") is { } missing) Assert.Ignore(missing + " (Debian package neovim)");
        if (RepositoryPaths.Corpus is null) Assert.Ignore("../shared/corpus is not beside this clone; this test needs the 2016 snapshot");
        using var site = ExternalClients.CorpusCopy();
        var output = Path.Combine(site.Root, "..", Path.GetFileName(site.Root) + ".nvim.json");
        var script = Path.Combine(RepositoryPaths.Root, "tests", "nvim", "diagnostics.lua");
        var environment = new Dictionary<string, string>
        {
            ["SMLINT_COMMAND"] = JsonSerializer.Serialize(ExternalClients.SmlintLsp),
            ["SMLINT_SITE"] = site.Root,
            ["SMLINT_PAGE"] = "service-manual/measurement/using-data.md",
            ["SMLINT_OUT"] = output,
        };
        var (exitCode, log, seconds) = TestProcess.Run(site.Root, "nvim", ["--headless", "--clean", "-c", $"luafile {script}"], environment, TimeSpan.FromMinutes(2));
        TestContext.Progress.WriteLine($"nvim: exit {exitCode} in {seconds:F1} s");
        Assert.That(File.Exists(output), Is.True, log);
        var result = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
        File.Delete(output);
        Assert.That(exitCode, Is.EqualTo(0), result.ToString() + "\n" + log);
        Assert.That(result.GetProperty("timedOut").GetBoolean(), Is.False, "no diagnostics came in a minute");

        // CorpusTests' SM302 at 29:56 of this page (1-based); Neovim's are 0-based lines and byte columns.
        var diagnostics = result.GetProperty("diagnostics").EnumerateArray()
            .Select(d => (Code: d.GetProperty("code").GetString(), Line: d.GetProperty("lnum").GetInt32() + 1, Column: d.GetProperty("col").GetInt32() + 1, Source: d.GetProperty("source").GetString()))
            .ToArray();
        Assert.That(diagnostics, Is.EqualTo(new[] { ("SM302", 29, 56, "smlint") }));
        var message = result.GetProperty("diagnostics")[0].GetProperty("message").GetString();
        Assert.That(message, Does.Contain("'#what-will-you-measure'"));
    }
}
