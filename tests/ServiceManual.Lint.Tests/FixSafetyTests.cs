using System.Diagnostics;
using ServiceManual.Lint.Fixing;

namespace ServiceManual.Lint.Tests;

/// <summary>--fix must never lose a byte: whole-old or whole-new files, endings, BOM and mode kept, refusals reported.</summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FixSafetyTests
{
    private const string Broken = "---\r\ntitle: A\r\n---\r\n\r\nSee [b](service-manual/b.html).\r\n";
    private const string Fixed = "---\r\ntitle: A\r\n---\r\n\r\nSee [b](/service-manual/b.html).\r\n";

    private static TestSite SiteWithFixableFiles(int count)
    {
        var site = new TestSite().WithPage("service-manual/b.md", "\nB\n");
        for (var i = 0; i < count; i++) site.With($"service-manual/a{i}.md", Broken);
        return site;
    }

    [Test]
    public void A_failure_between_writing_and_renaming_leaves_the_original_and_no_temporary_file()
    {
        using var site = SiteWithFixableFiles(1);
        FixApplier.AfterTemporaryWritten = _ => throw new IOException("disk full (simulated)");
        try
        {
            var report = FixApplier.Apply(site.Lint());
            Assert.That(report.Refused.Select(r => r.Path), Is.EqualTo(new[] { "service-manual/a0.md" }));
            Assert.That(report.Refused[0].Reason, Does.Contain("disk full (simulated)"));
        }
        finally
        {
            FixApplier.AfterTemporaryWritten = null;
        }
        Assert.That(site.Read("service-manual/a0.md"), Is.EqualTo(Broken));
        Assert.That(Directory.GetFiles(site.Root, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void Read_only_files_and_files_changed_since_reading_are_refused()
    {
        using var site = SiteWithFixableFiles(2);
        var readOnly = Path.Combine(site.Root, "service-manual/a0.md");
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead);
        var result = site.Lint();
        site.With("service-manual/a1.md", Broken + "edited meanwhile\r\n");

        var report = FixApplier.Apply(result);

        Assert.That(report.Refused, Is.EquivalentTo(new[] { ("service-manual/a0.md", "is read-only"), ("service-manual/a1.md", "changed since it was read") }));
        Assert.That(File.ReadAllText(readOnly), Is.EqualTo(Broken));
        Assert.That(site.Read("service-manual/a1.md"), Is.EqualTo(Broken + "edited meanwhile\r\n"));
    }

    [Test]
    public void Mode_crlf_and_final_newline_survive_a_fix()
    {
        using var site = SiteWithFixableFiles(1);
        var path = Path.Combine(site.Root, "service-manual/a0.md");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.UserExecute;
        File.SetUnixFileMode(path, mode);
        FixApplier.Apply(site.Lint());
        Assert.That(File.ReadAllText(path), Is.EqualTo(Fixed));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(mode));
    }

    [Test]
    public void Killing_smlint_during_fix_leaves_every_file_whole_old_or_whole_new()
    {
        var smlint = Path.Combine(TestContext.CurrentContext.TestDirectory, "smlint.dll");
        Assert.That(File.Exists(smlint), Is.True, smlint);
        var random = new Random(20261127);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var site = SiteWithFixableFiles(300);
            using var process = Process.Start(new ProcessStartInfo("dotnet", [smlint, site.Root, "--fix", "--quiet"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            Thread.Sleep(random.Next(150, 900));
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();

            var contents = Enumerable.Range(0, 300).Select(i => site.Read($"service-manual/a{i}.md")).ToArray();
            Assert.That(contents, Has.All.EqualTo(Broken).Or.EqualTo(Fixed), $"attempt {attempt}");
            TestContext.Out.WriteLine($"attempt {attempt}: {contents.Count(c => c == Fixed)} of 300 files fixed when killed");
        }
    }
}
