using System.Text;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// Tests one rule the way ESLint's RuleTester does: a page's source with the expected findings
/// marked in it, <c>{|SM302:b#nope|}</c> for "SM302 reports the text <c>b#nope</c>", checked for
/// rule id, start and end (line and column), message, and what the rule's fixes make of the page.
/// <c>{|SM302/missing-anchor:b#nope|}</c> also checks the finding's message id. Every finding of a
/// rule that declares messages must carry one of them, and every rule of the run is held to the
/// cross-file reads its descriptor declares (<see cref="ReadTracking"/>).
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
        var markers = ParseMarkers(source).Markers;
        for (var i = 0; i < markers.Count; i++)
        {
            if (markers[i].MessageId is { } messageId) Assert.That(found[i].MessageId, Is.EqualTo(messageId), $"message id of finding {i + 1} ({found[i].Message})");
        }

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
        var reads = new ReadLog();
        LintResult result;
        using (reads.Start())
        {
            result = Linter.Lint(new LintOptions
            {
                Root = site.Root,
                Paths = [System.IO.Path.Combine(site.Root, Path)],
                AdditionalRules = builtIn ? [] : [rule],
            });
        }
        // Only the page under test is linted, so what any rule reads of the rest of the site is a cross-file read.
        reads.AssertDeclared();
        var found = result.Diagnostics.Where(d => d.Rule.Id == rule.Descriptor.Id && d.Path == Path).ToList();
        AssertMessageIds(rule.Descriptor, found);
        return found;
    }

    /// <summary>Every finding of a rule that declares messages carries one of them, filled in to the finding's text.</summary>
    internal static void AssertMessageIds(RuleDescriptor descriptor, IEnumerable<Diagnostic> found)
    {
        if (descriptor.Messages.Count == 0) return;
        foreach (var d in found)
        {
            Assert.That(d.MessageId, Is.Not.Null, $"{descriptor.Id} reported '{d.Message}' without a message id");
            var message = descriptor.FindMessage(d.MessageId!);
            Assert.That(message, Is.Not.Null, $"{descriptor.Id} reported message id '{d.MessageId}', which its descriptor does not declare");
            Assert.That(d.Message, Does.Match(TemplatePattern(message!)), $"{descriptor.Id}'s '{d.MessageId}' text is its template filled in");
        }
    }

    // The template as a regular expression: literal text as it is, each placeholder anything. Filled
    // with separators, the template splits into literal, placeholder, literal...
    private static string TemplatePattern(RuleMessage message)
    {
        var parts = message.With([.. message.PlaceholderNames.Select(_ => "\u0000\u0000")]).Text!.Split("\u0000\u0000");
        var pattern = new StringBuilder("^");
        for (var i = 0; i < parts.Length; i++) pattern.Append(i > 0 ? @"[\s\S]*" : string.Empty).Append(System.Text.RegularExpressions.Regex.Escape(parts[i]));
        return pattern.Append('$').ToString();
    }

    /// <summary>The page's text without markers, and the markers' rule ids and spans (1-based, end exclusive).</summary>
    internal static (string Text, List<(string Id, SourceSpan Span)> Expected) Parse(string source)
    {
        var (text, markers) = ParseMarkers(source);
        return (text, markers.Select(m => (m.Id, m.Span)).ToList());
    }

    /// <summary>A marker: the rule id, the message id when the marker names one (<c>{|SM302/missing-anchor:...|}</c>), and the span.</summary>
    internal readonly record struct Marker(string Id, string? MessageId, SourceSpan Span);

    /// <summary>The page's text without markers, and the markers.</summary>
    internal static (string Text, List<Marker> Markers) ParseMarkers(string source)
    {
        var text = new StringBuilder(source.Length);
        var expected = new List<Marker>();
        int line = 1, column = 1;
        for (var i = 0; i < source.Length;)
        {
            if (source.AsSpan(i).StartsWith("{|"))
            {
                var colon = source.IndexOf(':', i + 2);
                var close = source.IndexOf("|}", i + 2, StringComparison.Ordinal);
                if (colon < 0 || close < 0 || colon > close) throw new FormatException($"marker at offset {i} is not {{|ID:text|}}");
                var id = source[(i + 2)..colon];
                string? messageId = null;
                if (id.IndexOf('/') is var slash and >= 0) (id, messageId) = (id[..slash], id[(slash + 1)..]);
                int startLine = line, startColumn = column;
                foreach (var c in source[(colon + 1)..close])
                {
                    text.Append(c);
                    if (c == '\n') { line++; column = 1; }
                    else column++;
                }
                expected.Add(new Marker(id, messageId, new SourceSpan(startLine, startColumn, line, column)));
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

/// <summary>
/// What rules read of other files during a run (through <see cref="ReadTracking"/>), and the check
/// that each read only what its descriptor declares, and only what the incremental cache watches.
/// </summary>
internal sealed class ReadLog
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(RuleDescriptor Rule, SiteReads Kind), bool> reads = new();

    /// <summary>Starts recording the reads of the runs made in this flow, until disposed.</summary>
    public IDisposable Start() => ReadTracking.Observe((rule, kind) => reads.TryAdd((rule, kind), true));

    /// <summary>The kinds each rule read.</summary>
    public IReadOnlyDictionary<string, SiteReads> ByRule =>
        reads.Keys.GroupBy(r => r.Rule.Id).ToDictionary(g => g.Key, g => g.Aggregate(SiteReads.None, (all, r) => all | r.Kind));

    /// <summary>Fails on a read a rule did not declare, or one the cache does not watch.</summary>
    public void AssertDeclared() => Assert.That(Violations(), Is.Empty, "cross-file reads");

    /// <summary>The reads a rule did not declare, or that the cache does not watch, one sentence each.</summary>
    public string[] Violations() =>
        reads.Keys
            .Where(r => (r.Kind & ~r.Rule.Reads) != 0 || (r.Kind & ~ReadTracking.Watched) != 0)
            .Select(r => (r.Kind & ~ReadTracking.Watched) != 0
                ? $"{r.Rule.Id} read what the incremental cache does not watch (another file's links or text)"
                : $"{r.Rule.Id} read {r.Kind & ~r.Rule.Reads} of another file, which its descriptor's Reads ({r.Rule.Reads}) does not declare")
            .Distinct().Order(StringComparer.Ordinal).ToArray();
}
