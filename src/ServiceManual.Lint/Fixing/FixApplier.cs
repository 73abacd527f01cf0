using System.Text;
using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Fixing;

/// <summary>What <see cref="FixApplier.Apply"/> did.</summary>
/// <param name="Applied">The findings whose fixes were written.</param>
/// <param name="FilesChanged">Site-relative paths of the files rewritten.</param>
/// <param name="Refused">Files left alone, each with the reason.</param>
public sealed record FixReport(IReadOnlyList<Diagnostic> Applied, IReadOnlyList<string> FilesChanged, IReadOnlyList<(string Path, string Reason)> Refused);

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
            var page = result.Site.FindFile(group.Key);
            if (page is null) continue;
            var fullPath = Path.Combine(result.Site.Root, group.Key);
            var (current, refusal) = CheckWritable(fullPath, page.Source, result.Site.Configuration.Limits.MaxPageBytes);
            if (refusal is not null || current is null)
            {
                refused.Add((group.Key, refusal ?? "cannot be read again"));
                continue;
            }

            var chosen = new List<(Diagnostic Diagnostic, TextEdit Edit)>();
            var end = -1;
            foreach (var (diagnostic, edit) in group.SelectMany(d => d.Fix!.Edits.Select(e => (d, e))).OrderBy(x => x.e.Offset))
            {
                if (edit.Offset < end) continue; // overlaps an earlier edit: a second run will pick it up
                chosen.Add((diagnostic, edit));
                end = edit.Offset + edit.Length;
            }
            var text = new StringBuilder(current);
            foreach (var (_, edit) in chosen.AsEnumerable().Reverse()) text.Remove(edit.Offset, edit.Length).Insert(edit.Offset, edit.NewText);
            try
            {
                WriteAtomically(fullPath, Site.PageReader.StrictUtf8.GetBytes(text.ToString()));
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

    private static (string? Text, string? Refusal) CheckWritable(string fullPath, Text.SourceText source, long limit)
    {
        var info = new FileInfo(fullPath);
        if (info.LinkTarget is not null) return (null, "is a symbolic link");
        if (info.IsReadOnly || (!OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserWrite) == 0)) return (null, "is read-only");
        try
        {
            // Refuse if someone edited the file after we read it: our offsets would be wrong.
            // Read as the loader reads it (strict UTF-8, within the page limit).
            var current = Site.PageReader.ReadAgain(fullPath, limit);
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
