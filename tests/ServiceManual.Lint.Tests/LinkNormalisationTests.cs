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
        Assert.That(Sites.LinkResolver.Normalise(path), Is.EqualTo((expected, climbed)));

    [Test]
    public void Links_outside_the_site_paths_are_errors_unless_declared_external()
    {
        // /service-manual and what is under it is this site's; /guidance is another application's
        // (declared); /service-manual-old and / are served by nothing the configuration knows.
        using var site = new TestSite()
            .With("smlint.yml", "site:\n  paths: [/service-manual, /extra/]\n  external-paths: [/guidance]\n")
            .WithPage("service-manual/index.md", "[a](/service-manual/) [b](/service-manual/gone) [c](/service-manual-old/x) [d](/guidance/x) [e](/extra) [f](/extra/gone) [g](/extras/x) [h](/)\n");
        var result = Linter.Lint(new LintOptions { Root = site.Root });
        var found = result.Diagnostics.Where(d => d.Rule.Id == "SM301").Select(d => $"{d.Span.Line}:{d.Span.Column} {d.Message}");
        Assert.That(found, Is.EqualTo(new[]
        {
            "5:27 link target '/service-manual/gone' does not exist: no page or file is served at '/service-manual/gone'",
            "5:53 link target '/service-manual-old/x' is not served by this site: '/service-manual-old/x' is outside its paths (/service-manual, /extra)",
            "5:97 link target '/extra' does not exist: no page or file is served at '/extra'",
            "5:109 link target '/extra/gone' does not exist: no page or file is served at '/extra/gone'",
            "5:126 link target '/extras/x' is not served by this site: '/extras/x' is outside its paths (/service-manual, /extra)",
            "5:141 link target '/' is not served by this site: '/' is outside its paths (/service-manual, /extra)",
        }));
        Assert.That(result.Unchecked, Is.EqualTo(new UncheckedLinks(External: 0, Liquid: 0, ExternalPaths: 1, Unpublished: 0)));
    }
}
