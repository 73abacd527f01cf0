using System.Text;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// The fast front matter reader must build exactly the tree YamlDotNet's reader builds (values,
/// styles, every position), or decline. Compared on every page of both snapshots, on edge cases
/// and on fuzzed variants of real front matter.
/// </summary>
public sealed class BlockYamlReaderTests
{
    // Every node with its style and both positions, so any difference shows.
    private static string Dump(YamlValue? node)
    {
        var text = new StringBuilder();
        void Write(YamlValue? value)
        {
            switch (value)
            {
                case null:
                    text.Append("null");
                    break;
                case YamlScalar scalar:
                    text.Append($"S({scalar.Style}|{scalar.Value}|{scalar.Start}|{scalar.End})");
                    break;
                case YamlSequence sequence:
                    text.Append($"Q({sequence.Start}|{sequence.End})[");
                    foreach (var item in sequence.Items) { Write(item); text.Append(','); }
                    text.Append(']');
                    break;
                case YamlMapping mapping:
                    text.Append($"M({mapping.Start}|{mapping.End}){{");
                    foreach (var (key, item) in mapping.Entries) { Write(key); text.Append('='); Write(item); text.Append(','); }
                    text.Append('}');
                    break;
            }
        }
        Write(node);
        return text.ToString();
    }

    private static string? ByYamlDotNet(string yaml)
    {
        try
        {
            return YamlTreeBuilder.Parse(yaml) is YamlMapping mapping ? Dump(mapping) : null;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }

    // True when the fast reader took the YAML; fails if it took it and differs from YamlDotNet,
    // whether it reads the YAML alone or where it stands in a page (as the loader does).
    private static bool Agrees(string yaml)
    {
        var fast = BlockYamlReader.TryRead(yaml);
        if (fast is null) return false;
        Assert.That(Dump(fast), Is.EqualTo(ByYamlDotNet(yaml)), $"the two readers differ on:\n{yaml}");
        var page = $"---\n{yaml}---\nBody text.\n";
        Assert.That(Dump(BlockYamlReader.TryRead(page, 4, yaml.Length)), Is.EqualTo(Dump(fast)), $"read in place in a page, the positions differ on:\n{yaml}");
        return true;
    }

    private static string FrontMatterOf(string text)
    {
        var start = text.IndexOf('\n') + 1;
        var end = text.IndexOf("\n---", start - 1, StringComparison.Ordinal);
        return end < start ? string.Empty : text[start..(end + 1)];
    }

    [TestCase("layout: phases\ntitle: Alpha phase\nstatus: draft\n")]
    [TestCase("title: 'It''s'\nsubtitle: \"quoted: yes\"\n")]
    [TestCase("empty:\nnext: value\n")]
    [TestCase("phases:\n  - alpha\n  - \"beta\"\nafter: x\n")]
    [TestCase("breadcrumbs:\n  -\n    title: Home\n    url: /service-manual\n  - title: X\n    url: /y#z\n")]
    [TestCase("audience:\n  primary: a, b\n  secondary:\nlast: z\n")]
    [TestCase("title: trailing spaces   \r\nurl: https://www.gov.uk/a:b\r\n")]
    [TestCase("a:\n  -\n    - nested\n    - more\n")]
    [TestCase("audience: \n  primary: qa\n")]
    [TestCase("title: Café ‘quotes’ — dash\n")]
    public void Reads_the_common_forms_exactly_as_YamlDotNet(string yaml) =>
        Assert.That(Agrees(yaml), Is.True, "the fast reader should take this form");

    [TestCase("phases:\n- alpha\n")]                 // indentless sequence
    [TestCase("title: a\n  continued\n")]            // multi-line plain scalar
    [TestCase("title: a # comment\n")]
    [TestCase("list: [a, b]\n")]
    [TestCase("text: |\n  block\n")]
    [TestCase("a: &x 1\nb: *x\n")]
    [TestCase("title: \"esc\\n\"\n")]
    [TestCase("title: 'open\n  more'\n")]
    [TestCase("bad: a: b\n")]
    [TestCase("title:\tTab\n")]
    [TestCase("  indented: root\n")]
    [TestCase("key:   \nx: y\n")]
    [TestCase("-\n")]
    public void Declines_everything_else(string yaml) =>
        Assert.That(BlockYamlReader.TryRead(yaml), Is.Null);

    [Test]
    public void Agrees_with_YamlDotNet_on_every_page_of_both_snapshots()
    {
        if (RepositoryPaths.Corpus is not { } corpus) { Assert.Ignore("../shared/corpus is not beside this clone; this test needs the Service Manual snapshots"); return; }
        int pages = 0, taken = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (!text.StartsWith("---\n", StringComparison.Ordinal)) continue;
            var yaml = FrontMatterOf(text);
            if (yaml.Trim().Length == 0) continue;
            pages++;
            if (Agrees(yaml)) taken++;
        }
        Assert.That(pages, Is.GreaterThan(300));
        TestContext.Out.WriteLine($"the fast reader took {taken} of {pages} front matters");
        Assert.That(taken, Is.GreaterThan(pages * 9 / 10), $"the fast reader took {taken} of {pages} front matters");
    }

    [Test]
    public void Agrees_with_YamlDotNet_on_fuzzed_front_matter()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SMLINT_FUZZ_SEED"), out var s) ? s : 20261128;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SMLINT_FUZZ_ITERATIONS"), out var n) ? n : 3000;
        var random = new Random(seed);
        string[] bases =
        [
            "layout: phases\ntitle: Alpha phase\nphases:\n  - alpha\nbreadcrumbs:\n  -\n    title: Home\n    url: /service-manual\n  - title: 'X'\n    url: /y\n",
            "audience:\n  primary: a, b\n  secondary:\nstatus: \"draft\"\nlast: z\n",
        ];
        const string alphabet = " :-'\"#\n\r\ta-[]{}&*|>é";
        var taken = 0;
        for (var i = 0; i < iterations; i++)
        {
            var yaml = new StringBuilder(bases[random.Next(bases.Length)]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(yaml.Length + 1);
                switch (random.Next(3))
                {
                    case 0: yaml.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    case 1: if (at < yaml.Length) yaml.Remove(at, 1); break;
                    default: yaml.Insert(at, "  "); break;
                }
            }
            if (Agrees(yaml.ToString())) taken++;
        }
        Assert.That(taken, Is.GreaterThan(iterations / 10), "the fuzzer should exercise the fast reader, not only its refusals");
    }
}
