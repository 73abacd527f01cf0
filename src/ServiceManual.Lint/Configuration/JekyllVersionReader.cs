using System.Text.RegularExpressions;

namespace ServiceManual.Lint.Configuration;

/// <summary>
/// Which Jekyll builds a site, read as text (never run) from the site root's <c>Gemfile.lock</c>,
/// else its <c>Gemfile</c>. A missing, unreadable or unusual file gives no answer, not an error.
/// </summary>
internal static partial class JekyllVersionReader
{
    // github-pages 44 was the first release on Jekyll 3 (3.0.2); every earlier one pinned Jekyll 2.4.0.
    private const int FirstGitHubPagesOnJekyll3 = 44;

    /// <summary>The Jekyll version of the site at <paramref name="root"/>, or null when neither file names one.</summary>
    public static Version? Read(string root) =>
        FromLockFile(ReadText(Path.Combine(root, "Gemfile.lock"))) ?? FromGemfile(ReadText(Path.Combine(root, "Gemfile")));

    /// <summary>
    /// The <c>jekyll (x.y.z)</c> entry among a lock file's specs. Specs are indented four spaces;
    /// the six-space lines under them are requirements (<c>jekyll (&gt;= 0.10.0)</c>), not versions.
    /// A lock file that uses github-pages lists the Jekyll it resolved to as a spec too.
    /// </summary>
    public static Version? FromLockFile(string? text)
    {
        if (text is null) return null;
        var match = LockSpec().Match(text);
        return match.Success ? ParseLeadingVersion(match.Groups["version"].Value) : null;
    }

    /// <summary>
    /// The version a Gemfile asks for: <c>gem 'jekyll', '~&gt; 2.1'</c> gives 2.1, the lower bound
    /// of <c>'&gt;= 3.0', '&lt; 5'</c> gives 3.0; <c>gem 'github-pages'</c> gives 2.4 for releases
    /// before 44 and 3.0 otherwise. A gem without a version, from git or a path, gives null.
    /// </summary>
    public static Version? FromGemfile(string? text)
    {
        if (text is null) return null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            var match = GemLine().Match(line);
            if (!match.Success) continue;
            var name = match.Groups["name"].Value;
            if (name is not ("jekyll" or "github-pages")) continue;
            var requirement = match.Groups["requirements"].Captures.Select(c => c.Value)
                .Select(r => RequirementPart().Match(r))
                .FirstOrDefault(r => r.Success && r.Groups["op"].Value is "" or "=" or "~>" or ">=" or ">");
            var version = requirement is null ? null : ParseLeadingVersion(requirement.Groups["version"].Value);
            if (name == "jekyll")
            {
                if (version is not null) return version;
                continue; // an unversioned Jekyll is the current one: look on for github-pages
            }
            return version is { Major: < FirstGitHubPagesOnJekyll3 } ? new Version(2, 4, 0) : new Version(3, 0);
        }
        return null;
    }

    // "4.3.1", "4.0.0.pre.beta1", "3.9.0-x86-mingw32": the leading numbers, at least major.minor.
    private static Version? ParseLeadingVersion(string text)
    {
        var numbers = LeadingNumbers().Match(text);
        if (!numbers.Success) return null;
        var parts = numbers.Value.Split('.').Take(4).Select(p => int.TryParse(p, out var n) ? n : -1).ToArray();
        if (parts.Any(p => p < 0)) return null;
        return parts.Length switch
        {
            1 => new Version(parts[0], 0),
            2 => new Version(parts[0], parts[1]),
            3 => new Version(parts[0], parts[1], parts[2]),
            _ => new Version(parts[0], parts[1], parts[2], parts[3]),
        };
    }

    private static string? ReadText(string path)
    {
        try
        {
            var info = new FileInfo(path);
            // A Gemfile is a few kilobytes; anything huge is not one worth reading.
            return info.Exists && info.Length < 4 * 1024 * 1024 ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^    jekyll \((?<version>[0-9][^)\s]*)\)\r?$", RegexOptions.Multiline)]
    private static partial Regex LockSpec();

    // gem 'jekyll', '~> 2.1', '>= 2.1.1', group: :x  (quotes of either kind; options after the versions)
    [GeneratedRegex(@"^gem\s*\(?\s*(?<q>['""])(?<name>[^'""]+)\k<q>(?:\s*,\s*(?<q2>['""])(?<requirements>[^'""]*)\k<q2>)*")]
    private static partial Regex GemLine();

    [GeneratedRegex(@"^\s*(?<op>~>|>=|<=|!=|=|>|<)?\s*(?<version>[0-9][0-9A-Za-z.\-]*)\s*$")]
    private static partial Regex RequirementPart();

    [GeneratedRegex(@"^[0-9]+(?:\.[0-9]+)*")]
    private static partial Regex LeadingNumbers();
}
