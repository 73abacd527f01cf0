using System.Text.RegularExpressions;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// The direct reading of a single start tag must give exactly what AngleSharp's tokenizer gives
/// (tag, attribute, value, value position and length), or decline. Compared on hand-made tags, on
/// every tag of both snapshots and on fuzzed variants of them.
/// </summary>
public sealed partial class HtmlScannerTests
{
    private static List<HtmlScanner.Attribute> Tokenized(string text)
    {
        var found = new List<HtmlScanner.Attribute>();
        HtmlScanner.ScanWithTokenizer(text, 0, text.Length, found);
        return found;
    }

    private static (bool Read, List<HtmlScanner.Attribute> Found) Direct(string text)
    {
        var found = new List<HtmlScanner.Attribute>();
        return (HtmlScanner.TryScanSingleTag(text, 0, text.Length, found), found);
    }

    [TestCase("<a href=\"/x\" id='top'>", true, "a href /x 9 2|a id top 17 3")]
    [TestCase("<IMG SRC=/i.png/>", true, "img src /i.png/ 9 7")]
    [TestCase("<a\n  href = \"/x\"\n>", true, "a href /x 13 2")]
    [TestCase("<a download href id=\"i\">", true, "a href  12 0|a id i 21 1")]
    [TestCase("<input name=\"q\">", true, "input name q 13 1")]
    [TestCase("<div class=\"intro\">\n", true, "")]
    [TestCase("<a href=\"/x?a=1&amp;b=2\">", false, "a href /x?a=1&b=2 9 14")]
    [TestCase("<a href=\"/x\" href=\"/y\">", false, "a href /x 9 2")]
    [TestCase("<a title=\"a > b\" href=\"/x\">", false, "a href /x 23 2")]
    [TestCase("<a href=\"/x\r\n\">", false, "a href /x\n 9 4")]
    public void A_single_tag_is_read_as_the_tokenizer_reads_it(string html, bool readDirectly, string expected)
    {
        var tokenized = Tokenized(html);
        Assert.That(string.Join("|", tokenized.Select(a => $"{a.Tag} {a.Name} {a.Value} {a.ValueOffset} {a.ValueLength}")), Is.EqualTo(expected));
        var (read, found) = Direct(html);
        Assert.That(read, Is.EqualTo(readDirectly));
        if (read) Assert.That(found, Is.EqualTo(tokenized));
        Assert.That(HtmlScanner.Scan(html, 0, html.Length), Is.EqualTo(tokenized));
    }

    [GeneratedRegex("<[a-zA-Z][^<>]*>")]
    private static partial Regex Tag();

    [Test]
    public void Every_tag_of_both_snapshots_reads_the_same_both_ways()
    {
        if (RepositoryPaths.Corpus is not { } corpus) { Assert.Ignore("../shared/corpus is not beside this clone; this test needs the Service Manual snapshots"); return; }
        var read = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal)))
        {
            foreach (Match tag in Tag().Matches(File.ReadAllText(file)))
            {
                var (directly, found) = Direct(tag.Value);
                if (!directly) continue;
                read++;
                Assert.That(found, Is.EqualTo(Tokenized(tag.Value)), $"{file}: {tag.Value}");
            }
        }
        Assert.That(read, Is.GreaterThan(1000), "most tags of the snapshots are simple enough to read directly");
    }

    [Test]
    public void Fuzzed_tags_read_the_same_both_ways_or_go_to_the_tokenizer()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SMLINT_FUZZ_ITERATIONS"), out var n) ? n : 20_000;
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("SMLINT_FUZZ_SEED"), out var seed) ? seed : 7);
        string[] seeds = ["<a href=\"/service-manual/x.html#y\" id=\"top\">", "<img src='/i.png' alt=\"A\" />", "<a name=n href=/z>", "<div id=\"d\" class=\"c\">"];
        const string tricky = " \t\n\r\f\"'=/<>&`aZ-#?";
        for (var i = 0; i < iterations; i++)
        {
            var chars = seeds[random.Next(seeds.Length)].ToCharArray().ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(1, chars.Count - 1);
                switch (random.Next(3))
                {
                    case 0: chars.Insert(at, tricky[random.Next(tricky.Length)]); break;
                    case 1: chars.RemoveAt(at); break;
                    default: chars[at] = tricky[random.Next(tricky.Length)]; break;
                }
            }
            var html = new string(chars.ToArray());
            var (directly, found) = Direct(html);
            if (directly) Assert.That(found, Is.EqualTo(Tokenized(html)), html.ReplaceLineEndings("\\n"));
        }
    }
}
