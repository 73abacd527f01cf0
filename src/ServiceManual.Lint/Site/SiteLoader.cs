using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.FileSystemGlobbing;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Site;

/// <summary>Walks a site root, classifies every file as Jekyll would, and parses pages and templates in parallel.</summary>
public static class SiteLoader
{
    /// <summary>Pages and templates larger than this are not parsed (the largest real page is about 27 KB).</summary>
    public const long MaxPageBytes = 4 * 1024 * 1024;

    // Folders no site serves and no linter should walk into.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "_site", "node_modules", ".smlint-cache", ".jekyll-cache", ".sass-cache" };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads the site at <paramref name="root"/> with <paramref name="configuration"/>.</summary>
    public static JekyllSite Load(string root, LintConfiguration configuration)
    {
        root = Path.GetFullPath(root);
        var excluded = BuildExcludeMatcher(configuration);
        var files = new List<string>();
        Walk(root, string.Empty, files, excluded);

        var pages = new ConcurrentBag<Page>();
        var templates = new ConcurrentBag<Page>();
        var assets = new ConcurrentBag<string>();
        var problems = new ConcurrentBag<LoadProblem>();
        var staticMarkdown = new ConcurrentBag<StaticMarkdown>();
        Parallel.ForEach(files, relative =>
        {
            var isTemplate = relative.StartsWith("_layouts/", StringComparison.Ordinal) || relative.StartsWith("_includes/", StringComparison.Ordinal);
            if (!IsTextCandidate(relative))
            {
                if (isTemplate) return;
                assets.Add(relative);
                if (CompiledOutput(relative) is { } output) assets.Add(output);
                return;
            }
            var text = ReadText(Path.Combine(root, relative), relative, problems);
            if (text is null) return;
            try
            {
                if (isTemplate) templates.Add(PageParser.Parse(relative, FileKind.Template, text, configuration.AutoIds));
                else if (FrontMatterReader.HasFrontMatter(text)) pages.Add(PageParser.Parse(relative, FileKind.Page, text, configuration.AutoIds));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A parser bug or limit on one file must not stop the other files being linted.
                problems.Add(new LoadProblem(relative, SourceSpan.FileStart, $"file could not be parsed ({e.GetType().Name}: {e.Message}); it was not checked"));
                return;
            }
            if (!isTemplate && !FrontMatterReader.HasFrontMatter(text))
            {
                assets.Add(relative); // Jekyll copies a file without front matter as it is.
                if (!relative.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) staticMarkdown.Add(new StaticMarkdown(relative, WhyNotAPage(text)));
            }
        });

        return new JekyllSite(root, configuration,
            pages.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray(),
            templates.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray(),
            assets,
            problems.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray(),
            staticMarkdown.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray());
    }

    // Sass and CoffeeScript sources are served compiled (Jekyll's converters, or the jekyll-sass
    // plugin the 2013 Service Manual used): a link to main.css is satisfied by main.scss.
    private static string? CompiledOutput(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('_')) return null; // partials are imported, never served
        var extension = Path.GetExtension(path);
        var output = extension switch { ".scss" or ".sass" => ".css", ".coffee" => ".js", _ => null };
        return output is null ? null : path[..^extension.Length] + output;
    }

    private static string WhyNotAPage(string text)
    {
        if (text.StartsWith("\uFEFF---", StringComparison.Ordinal)) return "it starts with a byte order mark, so Jekyll does not see the front matter after it";
        if (text.StartsWith("---\r", StringComparison.Ordinal)) return "its first line ends with a lone carriage return, which Jekyll does not take as the front matter's opening '---'";
        if (text.StartsWith("---", StringComparison.Ordinal)) return "its first line is not exactly '---' (trailing characters?), so Jekyll does not see the front matter";
        return StaticMarkdown.NoFrontMatter;
    }

    private static bool IsTextCandidate(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".html", StringComparison.OrdinalIgnoreCase);

    // Our own walker: never follows a symbolic link (out of the root or round a loop), and an
    // unreadable folder is skipped rather than ending the walk.
    private static void Walk(string root, string relativeFolder, List<string> files, Matcher excluded)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint, RecurseSubdirectories = false };
            entries = new DirectoryInfo(Path.Combine(root, relativeFolder)).EnumerateFileSystemInfos("*", options)
                .OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var entry in entries)
        {
            if (entry.LinkTarget is not null) continue;
            var relative = relativeFolder.Length == 0 ? entry.Name : relativeFolder + "/" + entry.Name;
            if (entry is DirectoryInfo)
            {
                if (SkippedFolders.Contains(entry.Name) || IsHiddenFromJekyll(entry.Name, relativeFolder) || excluded.Match(relative).HasMatches) continue;
                Walk(root, relative, files, excluded);
            }
            else if (!IsHiddenFromJekyll(entry.Name, relativeFolder) && !excluded.Match(relative).HasMatches)
            {
                files.Add(relative);
            }
        }
    }

    // Jekyll skips names starting with '.', '_' or '#' and ending with '~'; we keep _layouts and _includes as templates.
    private static bool IsHiddenFromJekyll(string name, string folder)
    {
        if (folder.Length == 0 && name is "_layouts" or "_includes") return false;
        if (folder.StartsWith("_layouts", StringComparison.Ordinal) || folder.StartsWith("_includes", StringComparison.Ordinal)) return name.StartsWith('.');
        return name.StartsWith('.') || name.StartsWith('_') || name.StartsWith('#') || name.EndsWith('~');
    }

    private static Matcher BuildExcludeMatcher(LintConfiguration configuration)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var pattern in configuration.JekyllExclude.Concat(configuration.Exclude))
        {
            var trimmed = pattern.Trim().TrimStart('/').TrimEnd('/');
            if (trimmed.Length == 0) continue;
            matcher.AddInclude(trimmed);
            matcher.AddInclude(trimmed + "/**");
        }
        return matcher;
    }

    private static string? ReadText(string fullPath, string relative, ConcurrentBag<LoadProblem> problems)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > MaxPageBytes)
            {
                problems.Add(new LoadProblem(relative, SourceSpan.FileStart, $"file is {info.Length / 1024} KB, over the {MaxPageBytes / 1024} KB limit for a page; it was not checked"));
                return null;
            }
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new LoadProblem(relative, SourceSpan.FileStart, $"cannot read file: {e.Message}"));
            return null;
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var (line, column) = LineOfByte(bytes, e.Index);
            problems.Add(new LoadProblem(relative, new SourceSpan(line, column, line, column + 1), $"file is not valid UTF-8 (byte 0x{bytes[Math.Clamp(e.Index, 0, bytes.Length - 1)]:X2}); save it as UTF-8"));
            return null;
        }
    }

    private static (int Line, int Column) LineOfByte(byte[] bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (bytes[i] == '\n') { line++; lineStart = i + 1; }
        }
        return (line, index - lineStart + 1);
    }
}
