using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Tests;

// Inputs that once crashed or misparsed (most found by FuzzTests), kept so they stay fixed.
public sealed class YamlTreeRegressionTests
{
    [Test]
    public void An_unclosed_flow_sequence_followed_by_keys_is_an_error_not_a_crash()
    {
        var page = PageParser.Parse("a.md", FileKind.Page, "---\nlayout: x\nsubtitle: [How to write\ncategory: agile\nstatus: draft\n---\nBody\n", new MarkdownOptions { Input = MarkdownInput.Kramdown });
        Assert.That(page.FrontMatter!.Error, Is.Not.Null);
        Assert.That(page.FrontMatter.Error!.Span.Line, Is.EqualTo(3), "the line with the unclosed [");
    }
}

public sealed class SuppressionRegressionTests
{
    [Test]
    public void A_comment_that_closes_inside_its_own_opening_is_not_a_crash() =>
        Assert.That(Suppressions.Parse("a <!--> smlint-disable b\nc\n").IsSuppressed("SM301", "link-target-missing", 2), Is.False);
}

public sealed class LiquidRegressionTests
{
    [Test]
    public void An_unterminated_liquid_tag_is_not_a_crash() =>
        Assert.That(PageParser.Parse("a.md", FileKind.Page, "---\ntitle: x\n---\n{%}} {% include a.html %}\n", new MarkdownOptions { Input = MarkdownInput.Kramdown }).Includes, Is.Empty, "Liquid reads one broken tag up to the first %}");
}
