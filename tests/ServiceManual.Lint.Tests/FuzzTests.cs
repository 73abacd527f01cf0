using System.Text;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// Seeded random pages through the whole single-page pipeline (front matter, kramdown, HTML, links,
/// every rule). Nothing may throw, and every finding must point inside its file. A short run is part
/// of the tests; <c>scripts/fuzz.sh</c> runs it for as long as you like (SMLINT_FUZZ_ITERATIONS, SMLINT_FUZZ_SEED).
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Fragments =
    [
        "---\n", "layout: default\n", "title: T\n", "breadcrumbs:\n  - title: Home\n    url: /service-manual\n", "  - url: ", "phase: alpha\n",
        "layout: phases\n", "status: draft\n", "? &a [*a]\n", "key: [", "key: {", "'", "\"", ": ", "- ", "&x ", "*x ", "!!binary ",
        "# H", "##Heading", "## Title {#id}\n", "{: #x}\n", "{:.phase-nav}\n", "{::comment}", "*[API]: a\n", "* [Next phase: beta](/service-manual/phases/beta)\n",
        "[a](", "](", ")", "[", "]", "(", "<", ">", "![i](x.png)", "[r]: /u\n", "[r]", "<https://x>", "`", "```", "~~~\n", "    code\n", "> ",
        "*", "_", "**", "\\", "&amp;", "&#0;", "<a href=\"", "<a name='", "<div id=x>", "</div>", "<!--", "-->", "<!-- smlint-disable SM301 -->",
        "{{ x }}", "{% include x.html %}", "{%", "}}", "#", "?", "%", "%2e%2e/", "../", "/service-manual/", "http://www.gov.uk/service-manual/a",
        "\t", "\r", "\r\n", "\n", "\n\n", " ", "\u00e9", "\ud83d\ude00", "\uFEFF", "\u0000",
    ];

    [Test]
    public void Random_pages_never_crash_the_pipeline_and_findings_stay_in_the_file()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SMLINT_FUZZ_ITERATIONS"), out var n) ? n : 300;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SMLINT_FUZZ_SEED"), out var s) ? s : 20261127;
        var random = new Random(seed);
        using var site = new TestSite().WithPage("service-manual/phases/beta.md", "\nB\n");
        var executions = 0;
        for (var i = 0; i < iterations; i++)
        {
            var text = RandomPage(random);
            try
            {
                PageParser.Parse("service-manual/fuzz.md", FileKind.Page, text, new MarkdownOptions { Input = MarkdownInput.Kramdown });
            }
            catch (ArgumentException e) when (e.Message.Contains("too deeply nested", StringComparison.Ordinal))
            {
                // Markdig's own depth limit: the loader reports it as SM001.
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i} (seed {seed}) threw {e.GetType().Name}: {e.Message}\ninput: {Escape(text)}\n{e.StackTrace}");
            }

            site.With("service-manual/fuzz.md", text);
            var result = site.Lint();
            var lines = new Text.SourceText(text).LineCount;
            foreach (var d in result.Diagnostics.Where(d => d.Path == "service-manual/fuzz.md"))
            {
                Assert.That(d.Span.Line, Is.InRange(1, Math.Max(lines, 1) + 1), $"iteration {i}: {d.Rule.Id} {d.Message}\ninput: {Escape(text)}");
                Assert.That(d.Span.Column, Is.GreaterThanOrEqualTo(1));
            }
            executions++;
        }
        TestContext.Out.WriteLine($"fuzz: {executions} executions, seed {seed}");
    }

    private static string RandomPage(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(3) > 0) builder.Append("---\nlayout: default\ntitle: Fuzz\n");
        var count = random.Next(1, 60);
        for (var i = 0; i < count; i++)
        {
            if (random.Next(12) == 0) builder.Append((char)random.Next(1, 0x2FF));
            else builder.Append(Fragments[random.Next(Fragments.Length)]);
        }
        return builder.ToString();
    }

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
