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
        Assert.That(headings.Select(heading => ids.Next(heading)), Is.EqualTo(new[] { "notes", "notes-1", "section", "notes-2", "section-1" }));
    }

    [TestCase("##Title", "Title", null)]
    [TestCase("## Title ##", "Title", null)]
    [TestCase("## Title {#custom-id}", "Title", "custom-id")]
    [TestCase("### C#", "C", null)]
    [TestCase(@"### C\#", @"C\#", null)]
    public void Atx_header_text_and_explicit_id_are_split_like_kramdown(string line, string text, string? id)
    {
        var content = line.TrimStart('#');
        var explicitId = KramdownHeadingText.FromAtxContent(content, out var headerText);
        Assert.That((headerText.ToString(), explicitId), Is.EqualTo((text, id)));
    }
}
