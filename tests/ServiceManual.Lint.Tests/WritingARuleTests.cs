using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// A rule written from docs/writing-a-rule.md alone, as a check that the page is enough: one class
/// (here a caller's rule, so it needs no registry line or rules/ doc) and its RuleTester cases.
/// </summary>
public sealed class WritingARuleTests
{
    /// <summary>ACME101 link-to-untitled-page: a link to a page with no title, which menus and search results show as its file name.</summary>
    private sealed class LinkToUntitledPageRule : ILinkRule
    {
        internal static readonly RuleMessage Untitled = new("untitled",
            "link '{url}' leads to '{path}', which has no title: menus and search results show its file name");

        internal static readonly RuleDescriptor Meta = new("ACME101", "link-to-untitled-page", "Link leads to a page without a title",
            RuleCategory.Links, Severity.Warning, IsFixable: false)
        {
            IsThreadSafe = true,
            Messages = [Untitled],
            Reads = SiteReads.FrontMatter,
        };

        public RuleDescriptor Descriptor => Meta;

        public void Check(LinkContext context)
        {
            var link = context.Link;
            if (link.Outcome != LinkOutcome.Found || link.Target?.Page is not { } target || ReferenceEquals(target, link.Source)) return;
            // The target's front matter is another file's: read through the context, declared as FrontMatter.
            if (context.FrontMatterOf(target) is not { } frontMatter || !string.IsNullOrWhiteSpace(frontMatter.GetString("title"))) return;
            context.Report(Untitled.With(link.Link.Url, target.Path), $"add 'title:' to the front matter of {target.Path}");
        }
    }

    private static RuleTester Tester() => new(new LinkToUntitledPageRule())
    {
        Site = site => site
            .WithPage("guide.md", "Text\n", title: "The guide")
            .With("untitled.md", "---\nlayout: default\n---\nText\n"),
    };

    [Test]
    public void A_link_to_a_titled_page_is_fine()
    {
        Tester().Valid(RuleTester.FrontMatter + "Read [the guide](/guide) and [a missing page](/nowhere).\n");
    }

    [Test]
    public void A_link_to_a_page_without_a_title_is_reported_with_its_message_id()
    {
        Tester().Invalid(RuleTester.FrontMatter + "Read [this]({|ACME101/untitled:/untitled|}) and [the guide](/guide).\n",
            ["link '/untitled' leads to 'untitled.md', which has no title: menus and search results show its file name"]);
    }

    [Test]
    public void A_marker_may_name_the_message_id()
    {
        var (text, markers) = RuleTester.ParseMarkers("Read [this]({|ACME101/untitled:/untitled|}) and [x]({|SM302:#y|}).\n");
        Assert.That(text, Is.EqualTo("Read [this](/untitled) and [x](#y).\n"));
        Assert.That(markers, Is.EqualTo(new[]
        {
            new RuleTester.Marker("ACME101", "untitled", new SourceSpan(1, 13, 1, 22)),
            new RuleTester.Marker("SM302", null, new SourceSpan(1, 32, 1, 34)),
        }));
    }
}
