namespace ServiceManual.Lint.Tests;

public sealed class LinkNormalisationTests
{
    [TestCase("/a/b/c", "/a/b/c", false)]
    [TestCase("/a/b/", "/a/b/", false)]
    [TestCase("/a/./b", "/a/b", false)]
    [TestCase("/a/../b", "/b", false)]
    [TestCase("/a//b", "/a/b", false)]
    [TestCase("/a/.hidden", "/a/.hidden", false)]
    [TestCase("/a/b/..", "/a/", false)]
    [TestCase("/a/b/.", "/a/b/", false)]
    [TestCase("/..", "/", true)]
    [TestCase("/a/../../b", "/b", true)]
    [TestCase("/../index.html", "/index.html", true)]
    [TestCase("/", "/", false)]
    public void Paths_are_normalised_as_browsers_do_and_climbing_above_the_root_stops_there(string path, string expected, bool climbed) =>
        Assert.That(Site.LinkResolver.Normalise(path), Is.EqualTo((expected, climbed)));

    [Test]
    public void Only_links_under_the_configured_site_paths_are_checked()
    {
        // /service-manual and what is under it is this site's; /service-manual-old, /guidance and / are other applications'.
        using var site = new TestSite()
            .With("smlint.yml", "site:\n  paths: [/service-manual, /extra/]\n")
            .WithPage("service-manual/index.md", "[a](/service-manual) [b](/service-manual/gone) [c](/service-manual-old/x) [d](/guidance/x) [e](/extra) [f](/extra/gone) [g](/extras/x) [h](/)\n");
        var found = Linter.Lint(new LintOptions { Root = site.Root }).Diagnostics.Where(d => d.Rule.Id == "SM301").Select(d => $"{d.Span.Line}:{d.Span.Column} {d.Message}");
        Assert.That(found, Is.EqualTo(new[]
        {
            "5:26 link target '/service-manual/gone' does not exist: no page or file is served at '/service-manual/gone'",
            "5:96 link target '/extra' does not exist: no page or file is served at '/extra'",
            "5:108 link target '/extra/gone' does not exist: no page or file is served at '/extra/gone'",
        }));
    }
}
