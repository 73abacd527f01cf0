using System.Text;
using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Fixing;

/// <summary>What <see cref="FixApplier.Apply"/> did.</summary>
/// <param name="Applied">The findings whose fixes were written.</param>
/// <param name="FilesChanged">Site-relative paths of the files rewritten.</param>
/// <param name="Refused">Files left alone, each with the reason.</param>
public sealed record FixReport(IReadOnlyList<Diagnostic> Applied, IReadOnlyList<string> FilesChanged, IReadOnlyList<(string Path, string Reason)> Refused);

/// <summary>What <see cref="FixApplier.Preview"/> found: each file's text before and after its fixes.</summary>
/// <param name="Files">The files that would change.</param>
/// <param name="Refused">Files that would be left alone, each with the reason.</param>
internal sealed record FixPreview(IReadOnlyList<FixedFile> Files, IReadOnlyList<(string Path, string Reason)> Refused);

/// <summary>One file's text before and after its fixes.</summary>
/// <param name="Path">The file, relative to the site root.</param>
/// <param name="Before">Its text now.</param>
/// <param name="After">Its text with the fixes.</param>
/// <param name="Applied">The findings the fixes repair.</param>
internal sealed record FixedFile(string Path, string Before, string After, IReadOnlyList<Diagnostic> Applied);

/// <summary>
/// Writes certain fixes without risking a page: edits go into the text exactly as it was read
/// (BOM, line endings and every other character untouched), the result is written to a temporary
/// file in the same folder and renamed over the original, and the file's mode is kept.
/// </summary>
public static class FixApplier
{
    /// <summary>Applies every fix in <paramref name="result"/>; overlapping edits in one file are left for a second run.</summary>
    public static FixReport Apply(LintResult result)
    {
        var applied = new List<Diagnostic>();
        var changed = new List<string>();
        var refused = new List<(string, string)>();
        foreach (var group in result.Diagnostics.Where(d => d.Fix is not null).GroupBy(d => d.Path, StringComparer.Ordinal))
        {
            // A page, or _config.yml (read with the configuration: SM004 adds to its exclude list).
            var page = result.Site.FindFile(group.Key);
            var source = page?.Source ?? (group.Key == "_config.yml" && result.Site.Configuration.JekyllConfigText is { } config ? new Text.SourceText(config) : null);
            if (source is null) continue;
            var fullPath = Path.Combine(result.Site.Root, group.Key);
            var (current, refusal) = CheckWritable(fullPath, source, result.Site.Configuration.Limits.MaxPageBytes);
            if (refusal is not null || current is null)
            {
                refused.Add((group.Key, refusal ?? "cannot be read again"));
                continue;
            }

            var (chosen, text) = ApplyEdits(group, current);
            try
            {
                WriteAtomically(fullPath, Sites.PageReader.StrictUtf8.GetBytes(text));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                refused.Add((group.Key, $"could not be written ({e.Message}); it is unchanged"));
                continue;
            }
            applied.AddRange(chosen.Select(c => c.Diagnostic).Distinct());
            changed.Add(group.Key);
        }
        return new FixReport(applied, changed, refused);
    }

    /// <summary>
    /// What <see cref="Apply"/> would write, without writing anything (<c>--fix --dry-run</c>): each
    /// file's text before and after, with the findings fixed; files <see cref="Apply"/> would refuse are in <see cref="FixPreview.Refused"/>.
    /// </summary>
    internal static FixPreview Preview(LintResult result)
    {
        var files = new List<FixedFile>();
        var refused = new List<(string, string)>();
        foreach (var group in result.Diagnostics.Where(d => d.Fix is not null).GroupBy(d => d.Path, StringComparer.Ordinal))
        {
            var page = result.Site.FindFile(group.Key);
            if (page is null) continue;
            var (current, refusal) = CheckWritable(Path.Combine(result.Site.Root, group.Key), page.Source, result.Site.Configuration.Limits.MaxPageBytes);
            if (refusal is not null || current is null)
            {
                refused.Add((group.Key, refusal ?? "cannot be read again"));
                continue;
            }
            var (chosen, text) = ApplyEdits(group, current);
            files.Add(new FixedFile(group.Key, current, text, chosen.Select(c => c.Diagnostic).Distinct().ToArray()));
        }
        return new FixPreview(files, refused);
    }

    private static (List<(Diagnostic Diagnostic, TextEdit Edit)> Chosen, string Text) ApplyEdits(IEnumerable<Diagnostic> findings, string current)
    {
        var chosen = new List<(Diagnostic Diagnostic, TextEdit Edit)>();
        var end = -1;
        foreach (var (diagnostic, edit) in findings.SelectMany(d => d.Fix!.Edits.Select(e => (d, e))).OrderBy(x => x.e.Offset))
        {
            if (edit.Offset < end) continue; // overlaps an earlier edit: a second run will pick it up
            chosen.Add((diagnostic, edit));
            end = edit.Offset + edit.Length;
        }
        var text = new StringBuilder(current);
        foreach (var (_, edit) in chosen.AsEnumerable().Reverse()) text.Remove(edit.Offset, edit.Length).Insert(edit.Offset, edit.NewText);
        return (chosen, text.ToString());
    }

    private static (string? Text, string? Refusal) CheckWritable(string fullPath, Text.SourceText source, long limit)
    {
        var info = new FileInfo(fullPath);
        if (info.LinkTarget is not null) return (null, "is a symbolic link");
        if (info.IsReadOnly || (!OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserWrite) == 0)) return (null, "is read-only");
        try
        {
            // Refuse if someone edited the file after we read it: our offsets would be wrong.
            // Read as the loader reads it (strict UTF-8, within the page limit).
            var current = Sites.PageReader.ReadAgain(fullPath, limit);
            return source.Matches(current) ? (current, null) : (null, "changed since it was read");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return (null, $"cannot be read again: {e.Message}");
        }
    }

    /// <summary>Test seam: runs after the temporary file is written and before the rename (to simulate a failure there).</summary>
    internal static Action<string>? AfterTemporaryWritten { get; set; }

    private static void WriteAtomically(string fullPath, byte[] bytes)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.smlint-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
                AfterTemporaryWritten?.Invoke(temporary);
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, File.GetUnixFileMode(fullPath));
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
