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

    [TestCase("<A HREF=\"/x\">", "a href /x")]
    [TestCase("<P ID=\"top\"><INPUT NAME=\"q\"><IMG Src=\"/i.png\">", "p id top|input name q|img src /i.png")]
    [TestCase("<p class=\"intro\" title=\"no names here\">", "")]
    [TestCase("<p>href src id name, but no attribute</p>", "")]
    public void Html_is_scanned_only_when_it_may_hold_an_interesting_attribute_in_any_case(string html, string expected)
    {
        // The quick test before any scanning must not lose an attribute written in capitals.
        var found = HtmlScanner.Scan(html, 0, html.Length);
        Assert.That(string.Join("|", found.Select(a => $"{a.Tag} {a.Name} {a.Value}")), Is.EqualTo(expected));
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
    public void A_single_tag_is_read_as_the_tokenizer_reads_it(string html, bool readDirectly, string expected) =>
        AssertReadAsTokenized(html, Direct, readDirectly, expected);

    // The tokenizer gives what is expected; the direct reading accepts or declines as expected and,
    // when it accepts, gives exactly what the tokenizer gives; Scan (either way) does too.
    private static void AssertReadAsTokenized(string html, Func<string, (bool Read, List<HtmlScanner.Attribute> Found)> direct, bool readDirectly, string expected)
    {
        var tokenized = Tokenized(html);
        Assert.That(string.Join("|", tokenized.Select(a => $"{a.Tag} {a.Name} {a.Value} {a.ValueOffset} {a.ValueLength}")), Is.EqualTo(expected));
        var (read, found) = direct(html);
        Assert.That(read, Is.EqualTo(readDirectly));
        if (read) Assert.That(found, Is.EqualTo(tokenized));
        Assert.That(HtmlScanner.Scan(html, 0, html.Length), Is.EqualTo(tokenized));
    }

    private static (bool Read, List<HtmlScanner.Attribute> Found) TagByTag(string text)
    {
        var found = new List<HtmlScanner.Attribute>();
        return (HtmlScanner.TryScanTags(text, 0, text.Length, found), found);
    }

    [TestCase("<table>\n<tr><td><a href=\"/x\">X</a></td></tr>\n</table>\n", true, "a href /x 25 2")]
    [TestCase("<p id=\"intro\">A &amp; B > C</p>\n<img src=/i.png>", true, "p id intro 7 5|img src /i.png 41 6")]
    [TestCase("<div>\n<!-- <a href=\"/hidden\"> -->\n</div>", false, "")]
    [TestCase("<script>var s = '<a href=\"/x\">';</script><a href=\"/y\">", false, "a href /x 26 2|a href /y 50 2")]
    [TestCase("<p>1 < 2</p><a href=\"/z\">", false, "a href /z 21 2")]
    [TestCase("<a title=\"x > y\" href=\"/w\"></a>", false, "a href /w 23 2")]
    [TestCase("<div>\r\n<a id=\"x\">\r\n</div>", false, "a id x 14 1")]
    [TestCase("</a title=\"><a href='/z'>\">", false, "")]
    public void A_fragment_of_tags_is_read_as_the_tokenizer_reads_it(string html, bool readDirectly, string expected) =>
        AssertReadAsTokenized(html, TagByTag, readDirectly, expected);

    [Test]
    public void Every_file_of_both_snapshots_read_tag_by_tag_reads_as_the_tokenizer_reads_it()
    {
        if (RepositoryPaths.Corpus is not { } corpus) { Assert.Ignore("../shared/corpus is not beside this clone; this test needs the Service Manual snapshots"); return; }
        var read = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal)))
        {
            // Whole files and each paragraph of them: fragments far harder than Markdig's HTML blocks.
            var text = File.ReadAllText(file);
            foreach (var fragment in text.Split("\n\n").Append(text))
            {
                var (directly, found) = TagByTag(fragment);
                if (!directly || !fragment.Contains('<')) continue;
                read++;
                Assert.That(found, Is.EqualTo(Tokenized(fragment)), $"{file}: {fragment}");
            }
        }
        Assert.That(read, Is.GreaterThan(500), "most fragments with tags are plain enough to read tag by tag");
    }

    [Test]
    public void Fuzzed_fragments_read_the_same_tag_by_tag_or_go_to_the_tokenizer()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SMLINT_FUZZ_ITERATIONS"), out var n) ? n : 20_000;
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("SMLINT_FUZZ_SEED"), out var seed) ? seed : 11);
        string[] pieces = ["<a href=\"/x.html#y\" id=\"top\">", "</a>", "<td>", "</td>\n", "text & more", " > ", "<img src='/i.png' alt=\"A\" />", "<!-- c -->", "<script>", "</script>", "<p name=n>", "\n", "<br/>"];
        const string tricky = " \t\n\r\f\"'=/<>&`aZ-#?!";
        for (var i = 0; i < iterations; i++)
        {
            var chars = string.Concat(Enumerable.Range(0, random.Next(2, 6)).Select(_ => pieces[random.Next(pieces.Length)])).ToCharArray().ToList();
            for (var edits = random.Next(0, 3); edits > 0; edits--)
            {
                var at = random.Next(0, chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars.Insert(at, tricky[random.Next(tricky.Length)]); break;
                    case 1: chars.RemoveAt(at); break;
                    default: chars[at] = tricky[random.Next(tricky.Length)]; break;
                }
            }
            var html = new string(chars.ToArray());
            var (directly, found) = TagByTag(html);
            if (directly) Assert.That(found, Is.EqualTo(Tokenized(html)), html.ReplaceLineEndings("\\n"));
        }
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
