using ServiceManual.Lint.Configuration;

namespace ServiceManual.Lint.Cli.LanguageServer;

/// <summary>Which site an editor's workspace folder holds.</summary>
internal static class SiteRootFinder
{
    /// <summary>
    /// The folder itself or its nearest ancestor with <c>smlint.yml</c> or <c>_config.yml</c>, as the
    /// command line finds a path's site; failing that, an immediate subfolder with one (a repository
    /// whose site is in <c>docs/</c>), <c>docs</c> first, then by name. Null when there is none.
    /// </summary>
    public static string? Find(string folder)
    {
        for (var current = folder; current is not null; current = Path.GetDirectoryName(current))
        {
            if (HasConfig(current)) return current;
        }
        if (!Directory.Exists(folder)) return null;
        IEnumerable<string> subfolders;
        try
        {
            subfolders = Directory.GetDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return subfolders
            .Where(s => !Path.GetFileName(s).StartsWith('.') && new DirectoryInfo(s).LinkTarget is null)
            .OrderBy(s => Path.GetFileName(s) == "docs" ? 0 : 1)
            .ThenBy(s => s, StringComparer.Ordinal)
            .FirstOrDefault(HasConfig);
    }

    private static bool HasConfig(string folder) => LintConfiguration.ConfigFileNames.Any(name => File.Exists(Path.Combine(folder, name)));
}
