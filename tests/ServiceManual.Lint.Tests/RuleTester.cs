using System.Text;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// Tests one rule the way ESLint's RuleTester does: a page's source with the expected findings
/// marked in it, <c>{|SM302:b#nope|}</c> for "SM302 reports the text <c>b#nope</c>", checked for
/// rule id, start and end (line and column), message, and what the rule's fixes make of the page.
/// </summary>
/// <example>
/// <code>
/// new RuleTester(RuleRegistry.Find("SM302")!) { Site = site => site.WithPage("b.md", "# Hello\n") }
///     .Invalid(RuleTester.FrontMatter + "See [x]({|SM302:b#nope|}).\n", ["fragment '#nope' does not exist on 'b.md'"]);
/// </code>
/// </example>
internal sealed class RuleTester(IRule rule)
{
    /// <summary>Front matter that makes a page valid on every test site (it has <c>_layouts/default.html</c>).</summary>
    public const string FrontMatter = "---\nlayout: default\ntitle: A page\n---\n";

    /// <summary>Where the page under test is written, relative to the site root.</summary>
    public string Path { get; init; } = "page.md";

    /// <summary>The rest of the site: other pages, <c>smlint.yml</c>, <c>_config.yml</c>.</summary>
    public Action<TestSite>? Site { get; init; }

    /// <summary>Asserts that the rule reports nothing on <paramref name="source"/>.</summary>
    public void Valid(string source)
    {
        var (text, expected) = Parse(source);
        Assert.That(expected, Is.Empty, "a valid case has no {|...|} markers");
        var found = Run(text);
        Assert.That(found.Select(Describe).ToArray(), Is.Empty, $"{rule.Descriptor.Id} should report nothing on:\n{text}");
    }

    /// <summary>
    /// Asserts that the rule reports exactly the marked spans, in order, with <paramref name="messages"/>,
    /// and that applying its fixes gives <paramref name="output"/> (null: the rule offers no fix).
    /// </summary>
    public void Invalid(string source, string[] messages, string? output = null)
    {
        var (text, expected) = Parse(source);
        Assert.That(messages, Has.Length.EqualTo(expected.Count), "one message for each {|...|} marker");
        var found = Run(text);
        var want = expected.Select((e, i) => $"{e.Id} {e.Span.Line}:{e.Span.Column}-{e.Span.EndLine}:{e.Span.EndColumn} {messages[i]}").ToArray();
        Assert.That(found.Select(Describe).ToArray(), Is.EqualTo(want), $"findings of {rule.Descriptor.Id} on:\n{text}");

        var fixes = found.Where(d => d.Fix is not null).ToArray();
        if (output is null)
        {
            Assert.That(fixes.Select(d => d.Fix!.Description), Is.Empty, "no fix expected (pass output to expect one)");
            return;
        }
        Assert.That(rule.Descriptor.IsFixable, Is.True, $"{rule.Descriptor.Id} offers a fix, so its descriptor must say IsFixable");
        Assert.That(VerifiedFix.Apply(text, fixes.SelectMany(d => d.Fix!.Edits)), Is.EqualTo(output), "the page after the rule's fixes");
    }

    private static string Describe(Diagnostic d) => $"{d.Rule.Id} {d.Span.Line}:{d.Span.Column}-{d.Span.EndLine}:{d.Span.EndColumn} {d.Message}";

    private List<Diagnostic> Run(string text)
    {
        using var site = new TestSite();
        Site?.Invoke(site);
        site.With(Path, text);
        // A rule of the registry runs as the linter runs it; any other as a caller's own rule.
        var builtIn = RuleRegistry.Find(rule.Descriptor.Id) is { } known && ReferenceEquals(known.GetType(), rule.GetType());
        var result = Linter.Lint(new LintOptions
        {
            Root = site.Root,
            Paths = [System.IO.Path.Combine(site.Root, Path)],
            AdditionalRules = builtIn ? [] : [rule],
        });
        return result.Diagnostics.Where(d => d.Rule.Id == rule.Descriptor.Id && d.Path == Path).ToList();
    }

    /// <summary>The page's text without markers, and the markers' rule ids and spans (1-based, end exclusive).</summary>
    internal static (string Text, List<(string Id, SourceSpan Span)> Expected) Parse(string source)
    {
        var text = new StringBuilder(source.Length);
        var expected = new List<(string Id, SourceSpan Span)>();
        int line = 1, column = 1;
        for (var i = 0; i < source.Length;)
        {
            if (source.AsSpan(i).StartsWith("{|"))
            {
                var colon = source.IndexOf(':', i + 2);
                var close = source.IndexOf("|}", i + 2, StringComparison.Ordinal);
                if (colon < 0 || close < 0 || colon > close) throw new FormatException($"marker at offset {i} is not {{|ID:text|}}");
                var id = source[(i + 2)..colon];
                int startLine = line, startColumn = column;
                foreach (var c in source[(colon + 1)..close])
                {
                    text.Append(c);
                    if (c == '\n') { line++; column = 1; }
                    else column++;
                }
                expected.Add((id, new SourceSpan(startLine, startColumn, line, column)));
                i = close + 2;
                continue;
            }
            text.Append(source[i]);
            if (source[i] == '\n') { line++; column = 1; }
            else column++;
            i++;
        }
        return (text.ToString(), expected);
    }
}
