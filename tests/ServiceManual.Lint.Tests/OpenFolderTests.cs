using ServiceManual.Lint.Site;

namespace ServiceManual.Lint.Tests;

public sealed class OpenFolderTests
{
    [Test]
    [Platform("Linux")]
    public void Sizes_and_times_are_the_ones_dotnet_reports_and_only_regular_files_are_stated()
    {
        using var site = new TestSite();
        site.With("docs/page.md", "# Héllo\n").With("docs/sub/other.md", "x").WithSymlink("docs/link.md", Path.Combine(site.Root, "docs/page.md"));
        var folder = Path.Combine(site.Root, "docs");
        var page = Path.Combine(folder, "page.md");
        // Times with sub-tick nanoseconds dropped the way .NET drops them: whole ticks only.
        File.SetLastWriteTimeUtc(page, new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567));
        Directory.SetLastWriteTimeUtc(folder, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(7654321));

        using var open = OpenFolder.TryOpen(folder);

        Assert.That(open, Is.Not.Null);
        var found = open!.TryStatFile("page.md", out var length, out var modified);
        Assert.Multiple(() =>
        {
            Assert.That(open.Modified, Is.EqualTo(Directory.GetLastWriteTimeUtc(folder).Ticks));
            Assert.That(open.Modified, Is.EqualTo(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(7654321).Ticks));
            Assert.That(found, Is.True);
            Assert.That(length, Is.EqualTo(9)); // "é" is two bytes
            Assert.That(modified, Is.EqualTo(new FileInfo(page).LastWriteTimeUtc.Ticks));
            Assert.That(modified, Is.EqualTo(new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567).Ticks));
            Assert.That(open.TryStatFile("missing.md", out _, out _), Is.False);
            Assert.That(open.TryStatFile("sub", out _, out _), Is.False);
            Assert.That(open.TryStatFile("link.md", out _, out _), Is.False, "a link is not followed");
            Assert.That(open.TryStatFile("sub/other.md", out _, out var nested), Is.True, "a name is taken relative to the folder");
            Assert.That(nested, Is.EqualTo(File.GetLastWriteTimeUtc(Path.Combine(folder, "sub/other.md")).Ticks));
        });
    }

    [Test]
    [Platform("Linux")]
    public void A_file_or_a_missing_folder_is_not_opened()
    {
        using var site = new TestSite();
        site.With("page.md", "x");

        Assert.Multiple(() =>
        {
            Assert.That(OpenFolder.TryOpen(Path.Combine(site.Root, "page.md")), Is.Null);
            Assert.That(OpenFolder.TryOpen(Path.Combine(site.Root, "gone")), Is.Null);
        });
    }
}
