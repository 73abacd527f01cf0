using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Tests;

public sealed class FolderStatsTests
{
    private static readonly DateTime FolderTime = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(7654321);
    private static readonly DateTime PageTime = new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567);

    // Held open (by name relative to the folder) or not (by full path): the same answers, and the ones .NET gives.
    [TestCase(true)]
    [TestCase(false)]
    public void Sizes_and_times_are_the_ones_dotnet_reports_and_only_regular_files_are_stated(bool holdOpen)
    {
        using var site = new TestSite();
        site.With("docs/page.md", "# Héllo\n").With("docs/sub/other.md", "x").WithSymlink("docs/link.md", Path.Combine(site.Root, "docs/page.md"));
        var folder = Path.Combine(site.Root, "docs");
        var page = Path.Combine(folder, "page.md");
        File.SetLastWriteTimeUtc(page, PageTime);
        Directory.SetLastWriteTimeUtc(folder, FolderTime);

        using var stats = FolderStats.Of(folder, holdOpen);

        var found = stats.TryStatFile("page.md", out var length, out var modified);
        Assert.Multiple(() =>
        {
            Assert.That(stats.Modified, Is.EqualTo(Directory.GetLastWriteTimeUtc(folder).Ticks));
            Assert.That(stats.Modified, Is.EqualTo(FolderTime.Ticks));
            Assert.That(found, Is.True);
            Assert.That(length, Is.EqualTo(9)); // "é" is two bytes
            Assert.That(modified, Is.EqualTo(new FileInfo(page).LastWriteTimeUtc.Ticks));
            Assert.That(modified, Is.EqualTo(PageTime.Ticks));
            Assert.That(stats.TryStatFile("missing.md", out _, out _), Is.False);
            Assert.That(stats.TryStatFile("sub", out _, out _), Is.False);
            Assert.That(stats.TryStatFile("link.md", out _, out _), Is.False, "a link is not followed");
            Assert.That(stats.TryStatFile("sub/other.md", out _, out var nested), Is.True, "a name is taken relative to the folder");
            Assert.That(nested, Is.EqualTo(File.GetLastWriteTimeUtc(Path.Combine(folder, "sub/other.md")).Ticks));
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_file_or_a_missing_folder_has_no_time_a_saved_listing_could_match(bool holdOpen)
    {
        using var site = new TestSite();
        site.With("page.md", "x");

        using var file = FolderStats.Of(Path.Combine(site.Root, "page.md"), holdOpen);
        using var missing = FolderStats.Of(Path.Combine(site.Root, "gone"), holdOpen);

        Assert.That((file.Modified, missing.Modified), Is.EqualTo((FolderStats.Unknown, FolderStats.Unknown)));
    }
}
