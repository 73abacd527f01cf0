using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServiceManual.Lint.Tests.LanguageServer;

/// <summary>
/// An editor that is not ours: headless Neovim runs the README's init.lua snippet for its version
/// (tests/nvim/diagnostics.lua), whose built-in client starts the built <c>smlint lsp</c> on a copy
/// of the 2016 snapshot or of the in-repo sample site; the tests read the diagnostics of a page it opened back.
/// </summary>
[NonParallelizable]
public sealed partial class NvimTests
{
    [GeneratedRegex("^### Neovim\\n(?<section>.*?)^### ", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex NeovimSection();

    [GeneratedRegex("^```lua\\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex LuaBlock();

    /// <summary>The README's two snippets: for Neovim 0.11 and later, and for 0.7 to 0.10.</summary>
    private static (string New, string Old) ReadmeSnippets()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var section = NeovimSection().Match(readme);
        Assert.That(section.Success, Is.True, "README.md has no '### Neovim' section");
        var blocks = LuaBlock().Matches(section.Groups["section"].Value).Select(m => m.Groups["code"].Value).ToArray();
        Assert.That(blocks, Has.Length.EqualTo(2), "the Neovim section's lua blocks");
        return (blocks[0], blocks[1]);
    }

    [Test]
    public void The_readme_snippet_for_each_neovim_starts_smlint_lsp_from_path_for_the_site()
    {
        var (newer, older) = ReadmeSnippets();
        Assert.That(newer, Does.Contain("vim.lsp.config('smlint'").And.Contain("cmd = { 'smlint', 'lsp' }").And.Contain("vim.lsp.enable('smlint')"));
        Assert.That(older, Does.Contain("cmd = { 'smlint', 'lsp' }").And.Contain("vim.lsp.start"));
    }

    [Test]
    public void Neovim_shows_the_broken_fragment_of_a_page_it_opens()
    {
        if (ExternalClients.Missing("nvim") is { } missing) Assert.Ignore(missing + " (Debian package neovim)");
        if (RepositoryPaths.Corpus is null) Assert.Ignore("../shared/corpus is not beside this clone; this test needs the 2016 snapshot");
        using var site = ExternalClients.CorpusCopy();
        var result = OpenInNeovim(site, Path.Combine("service-manual", "measurement", "using-data.md"));

        // CorpusTests' SM302 at 29:56 of this page (1-based); Neovim's are 0-based lines and byte columns.
        Assert.That(Diagnostics(result), Is.EqualTo(new[] { ("SM302", 29, 56, "smlint") }));
        Assert.That(result.GetProperty("diagnostics")[0].GetProperty("message").GetString(), Does.StartWith("fragment '#what-will-you-measure' does not exist on "));
    }

    // The sample needs no corpus: this is the Neovim test that runs in CI.
    [Test]
    public void Neovim_shows_the_sample_sites_findings_on_a_page_it_opens()
    {
        if (ExternalClients.Missing("nvim") is { } missing) Assert.Ignore(missing + " (Debian package neovim)");
        using var site = ExternalClients.SampleCopy();
        var result = OpenInNeovim(site, Path.Combine("service-manual", "agile", "writing-user-stories.md"));

        // Where `smlint samples/service-manual` reports them (1-based line:column).
        Assert.That(Diagnostics(result), Is.EqualTo(new[]
        {
            ("SM302", 12, 48, "smlint"),
            ("SM305", 16, 32, "smlint"),
            ("SM306", 17, 28, "smlint"),
        }));
        var messages = result.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("message").GetString()).ToArray();
        Assert.That(messages, Does.Contain("fragment '#promise-of-a-conversation' does not exist on this page (did you mean '#a-promise-of-a-conversation'?)"));
    }

    /// <summary>Opens <paramref name="page"/> of <paramref name="site"/> in headless Neovim started with the README's snippets; returns what diagnostics.lua wrote.</summary>
    private static JsonElement OpenInNeovim(TestSite site, string page)
    {
        var (newer, older) = ReadmeSnippets();
        var scratch = site.Root + ".nvim";
        Directory.CreateDirectory(scratch);
        try
        {
            File.WriteAllText(Path.Combine(scratch, "new.lua"), newer);
            File.WriteAllText(Path.Combine(scratch, "old.lua"), older);
            var output = Path.Combine(scratch, "out.json");
            var script = Path.Combine(RepositoryPaths.Root, "tests", "nvim", "diagnostics.lua");
            var environment = new Dictionary<string, string>
            {
                // The snippets run `smlint`: the one built beside these tests.
                ["PATH"] = Path.GetDirectoryName(ExternalClients.SmlintLsp[0]) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                ["SMLINT_INIT_NEW"] = Path.Combine(scratch, "new.lua"),
                ["SMLINT_INIT_OLD"] = Path.Combine(scratch, "old.lua"),
                ["SMLINT_PAGE"] = Path.Combine(site.Root, page),
                ["SMLINT_OUT"] = output,
            };
            var (exitCode, log, seconds) = TestProcess.Run(site.Root, "nvim", ["--headless", "--clean", "-c", $"luafile {script}"], environment, TimeSpan.FromMinutes(2));
            Assert.That(File.Exists(output), Is.True, log);
            var result = JsonDocument.Parse(File.ReadAllText(output)).RootElement.Clone();
            TestContext.Progress.WriteLine($"nvim {(result.TryGetProperty("nvim", out var v) ? v : default)}: exit {exitCode} in {seconds:F1} s");
            Assert.That(exitCode, Is.EqualTo(0), result.ToString() + "\n" + log);
            Assert.That(result.GetProperty("timedOut").GetBoolean(), Is.False, "no diagnostics came in a minute");

            // One client, rooted at the site (the folder of its smlint.yml), whichever snippet ran.
            var clients = result.GetProperty("clients").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("root").GetString())).ToArray();
            Assert.That(clients, Is.EqualTo(new[] { ("smlint", site.Root) }));
            return result;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The diagnostics as (code, 1-based line, 1-based byte column, source), in line order; Neovim's are 0-based.</summary>
    private static (string? Code, int Line, int Column, string? Source)[] Diagnostics(JsonElement result) =>
        result.GetProperty("diagnostics").EnumerateArray()
            .Select(d => (Code: d.GetProperty("code").GetString(), Line: d.GetProperty("lnum").GetInt32() + 1, Column: d.GetProperty("col").GetInt32() + 1, Source: d.GetProperty("source").GetString()))
            .OrderBy(d => d.Line).ThenBy(d => d.Column)
            .ToArray();
}
