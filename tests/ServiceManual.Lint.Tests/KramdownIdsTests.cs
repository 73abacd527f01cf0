using ServiceManual.Lint.Documents.Kramdown;

namespace ServiceManual.Lint.Tests;

public sealed class KramdownIdsTests
{
    // Expected values follow kramdown 1.x basic_generate_id, not GitHub's slugger.
    [TestCase("Don't slow down delivery", "dont-slow-down-delivery")]
    [TestCase("1. Don't slow down delivery", "dont-slow-down-delivery")]
    [TestCase("Decisions when they're needed, at the right level", "decisions-when-theyre-needed-at-the-right-level")]
    [TestCase("2013 in review", "in-review")]
    [TestCase("Café au lait", "caf-au-lait")]
    [TestCase("What is GOV.UK Verify?", "what-is-govuk-verify")]
    [TestCase("  Leading spaces", "leading-spaces")]
    [TestCase("Tabs\tand  double  spaces", "tabsand--double--spaces")]
    [TestCase("Step-by-step", "step-by-step")]
    [TestCase("*Emphasis* and [a link](/x)", "emphasis-and-a-linkx")]
    [TestCase("C# and F#", "c-and-f")]
    [TestCase("123", "")]
    [TestCase("", "")]
    public void Basic_id_matches_kramdown(string heading, string expected) =>
        Assert.That(KramdownIds.BasicId(heading), Is.EqualTo(expected));

    [Test]
    public void Empty_ids_become_section_and_repeats_are_numbered_in_order()
    {
        var ids = new KramdownIds();
        string[] headings = ["Notes", "Notes", "123", "Notes", "456"];
        Assert.That(headings.Select(ids.Next), Is.EqualTo(new[] { "notes", "notes-1", "section", "notes-2", "section-1" }));
    }

    [TestCase("##Title", "Title", null)]
    [TestCase("## Title ##", "Title", null)]
    [TestCase("## Title {#custom-id}", "Title", "custom-id")]
    [TestCase("### C#", "C", null)]
    [TestCase(@"### C\#", @"C\#", null)]
    public void Atx_header_text_and_explicit_id_are_split_like_kramdown(string line, string text, string? id)
    {
        var content = line.TrimStart('#');
        Assert.That(KramdownHeadingText.FromAtxContent(content), Is.EqualTo((text, id)));
    }
}

public sealed class LinkNormalisationTests
{
    [TestCase("a/b/c", "a/b/c")]
    [TestCase("a/b/", "a/b/")]
    [TestCase("a/./b", "a/b")]
    [TestCase("a/../b", "b")]
    [TestCase("a//b", "a/b")]
    [TestCase("/a/b", "a/b")]
    [TestCase("a/.hidden", "a/.hidden")]
    [TestCase("a/b/..", "a")]
    [TestCase("..", null)]
    [TestCase("a/../../b", null)]
    [TestCase("", "")]
    public void Paths_are_normalised_lexically_and_climbing_above_the_root_is_null(string path, string? expected) =>
        Assert.That(Site.LinkResolver.Normalise(path), Is.EqualTo(expected));
}

public sealed class ExcludeFilterTests
{
    private static readonly Site.ExcludeFilter Filter = new(["README.md", "/tools", "vendor/", "/service-manual/assets/toolkit/*.md", "**/*.draft.md"]);

    [TestCase("README.md", true)]
    [TestCase("tools", true)]
    [TestCase("tools/lint/lint.go", true)]
    [TestCase("vendor/gem/x.md", true)]
    [TestCase("service-manual/assets/toolkit/README.md", true)]
    [TestCase("service-manual/assets/toolkit/images/a.png", false)]
    [TestCase("service-manual/agile/plan.draft.md", true)]
    [TestCase("service-manual/README.md", false)]
    [TestCase("toolsmith.md", false)]
    public void Plain_names_exclude_themselves_and_what_is_below_and_globs_match_as_globs(string path, bool excluded) =>
        Assert.That(Filter.IsExcluded(path), Is.EqualTo(excluded));
}
