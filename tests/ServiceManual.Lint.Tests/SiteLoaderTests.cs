using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Tests;

public sealed class SiteLoaderTests
{
    [Test]
    public void Pages_and_templates_come_in_ordinal_path_order()
    {
        // Names around '/' (0x2F) in ordinal order: '-' and '.' sort before it, '0' and letters after,
        // so a folder's files do not simply follow its name.
        using var site = new TestSite();
        string[] pages = ["B.md", "a-b/y.md", "a.md", "a/x.md", "a/z/w.md", "a0.md", "b.md", "b/c.md", "index.md"];
        foreach (var path in pages.Reverse()) site.WithPage(path, "Text\n");
        site.With("_includes/a.html", "x").With("_includes/a/b.html", "y").With("_includes/a-b.html", "z");
        site.With("a/img.png", "png").With("a.png", "png").With("a0/img.png", "png"); // folders with more than text files

        var loaded = SiteLoader.Load(site.Root, ConfigurationLoader.Load(site.Root));

        Assert.Multiple(() =>
        {
            Assert.That(loaded.Pages.Select(p => p.Path), Is.EqualTo(pages.Order(StringComparer.Ordinal)));
            Assert.That(loaded.Pages.Select(p => p.Path), Is.EqualTo(pages));
            Assert.That(loaded.Templates.Select(p => p.Path), Is.EqualTo(new[] { "_includes/a-b.html", "_includes/a.html", "_includes/a/b.html", "_layouts/default.html" }));
        });
    }
}
