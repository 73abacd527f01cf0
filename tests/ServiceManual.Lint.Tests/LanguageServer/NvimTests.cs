using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServiceManual.Lint.Tests.LanguageServer;

/// <summary>
/// An editor that is not ours: headless Neovim runs the README's init.lua snippet for its version
/// (tests/nvim/diagnostics.lua), whose built-in client starts the built <c>smlint lsp</c> on a copy
/// of the 2016 snapshot; the test reads the diagnostics of a page it opened back.
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
        var (newer, older) = ReadmeSnippets();
        using var site = ExternalClients.CorpusCopy();
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
                ["SMLINT_PAGE"] = Path.Combine(site.Root, "service-manual", "measurement", "using-data.md"),
                ["SMLINT_OUT"] = output,
            };
            var (exitCode, log, seconds) = TestProcess.Run(site.Root, "nvim", ["--headless", "--clean", "-c", $"luafile {script}"], environment, TimeSpan.FromMinutes(2));
            Assert.That(File.Exists(output), Is.True, log);
            var result = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
            TestContext.Progress.WriteLine($"nvim {(result.TryGetProperty("nvim", out var v) ? v : default)}: exit {exitCode} in {seconds:F1} s");
            Assert.That(exitCode, Is.EqualTo(0), result.ToString() + "\n" + log);
            Assert.That(result.GetProperty("timedOut").GetBoolean(), Is.False, "no diagnostics came in a minute");

            // One client, rooted at the site (the folder of its smlint.yml), whichever snippet ran.
            var clients = result.GetProperty("clients").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("root").GetString())).ToArray();
            Assert.That(clients, Is.EqualTo(new[] { ("smlint", site.Root) }));

            // CorpusTests' SM302 at 29:56 of this page (1-based); Neovim's are 0-based lines and byte columns.
            var diagnostics = result.GetProperty("diagnostics").EnumerateArray()
                .Select(d => (Code: d.GetProperty("code").GetString(), Line: d.GetProperty("lnum").GetInt32() + 1, Column: d.GetProperty("col").GetInt32() + 1, Source: d.GetProperty("source").GetString()))
                .ToArray();
            Assert.That(diagnostics, Is.EqualTo(new[] { ("SM302", 29, 56, "smlint") }));
            Assert.That(result.GetProperty("diagnostics")[0].GetProperty("message").GetString(), Does.StartWith("fragment '#what-will-you-measure' does not exist on "));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
