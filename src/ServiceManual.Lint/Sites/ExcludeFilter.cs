using Microsoft.Extensions.FileSystemGlobbing;

namespace ServiceManual.Lint.Sites;

/// <summary>
/// Jekyll's <c>exclude</c> and our own exclude globs, tested for every entry of the walk. Most
/// patterns are plain names (<c>README.md</c>, <c>/tools</c>); those are a set lookup. Only paths
/// that start with a glob pattern's literal prefix go through FileSystemGlobbing, which is far
/// slower per call.
/// </summary>
internal sealed class ExcludeFilter
{
    private static readonly char[] Wildcards = ['*', '?', '[', '{'];
    private readonly HashSet<string> plain = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, Matcher Matcher)> globs = [];
    // With a "!glob" the list is read in order, as .gitignore is, instead of by the fast paths above.
    private readonly Configuration.GlobList? ordered;

    private readonly Configuration.JekyllConfiguration jekyll;
    private readonly List<string> jekyllPrefixes = [];
    private readonly List<System.Text.RegularExpressions.Regex> jekyllGlobs = [];

    /// <param name="patterns">smlint's own <c>exclude</c> globs (folders and files, matched as globs).</param>
    /// <param name="jekyll">What Jekyll reads of <c>_config.yml</c>.</param>
    /// <param name="jekyllExclude">
    /// Jekyll's <c>exclude</c>, matched as Jekyll's EntryFilter does: a plain string prefix of the
    /// path (<c>secret</c> also leaves out <c>secrets.md</c>), or <c>File.fnmatch</c> without
    /// <c>FNM_PATHNAME</c> (<c>*</c> crosses folders).
    /// </param>
    public ExcludeFilter(IEnumerable<string> patterns, Configuration.JekyllConfiguration? jekyll = null, IEnumerable<string>? jekyllExclude = null)
    {
        this.jekyll = jekyll ?? new();
        foreach (var pattern in jekyllExclude ?? [])
        {
            var trimmed = pattern.Trim().TrimStart('/');
            if (trimmed.Length == 0) continue;
            jekyllPrefixes.Add(trimmed.TrimEnd('/'));
            if (trimmed.IndexOfAny(Wildcards) >= 0) jekyllGlobs.Add(FnMatch(trimmed));
        }
        var list = new Configuration.GlobList(patterns);
        if (list.HasNegations)
        {
            ordered = list;
            return;
        }
        foreach (var pattern in list.Patterns)
        {
            var trimmed = pattern.Trim().TrimStart('/').TrimEnd('/');
            if (trimmed.Length == 0) continue;
            var wildcard = trimmed.IndexOfAny(Wildcards);
            if (wildcard < 0)
            {
                plain.Add(trimmed);
                continue;
            }
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(trimmed);
            matcher.AddInclude(trimmed + "/**");
            globs.Add((trimmed[..wildcard], matcher));
        }
    }

    /// <summary>
    /// Whether Jekyll skips an entry by its name: names starting with <c>.</c>, <c>_</c> or <c>#</c>
    /// or ending with <c>~</c>, except what it reads itself (layouts and includes, kept as templates;
    /// <c>_posts</c>; declared collections that are published) and what <c>include:</c> names.
    /// </summary>
    public bool IsHiddenFromJekyll(string name, string folder)
    {
        if (folder.StartsWith("_layouts", StringComparison.Ordinal) || folder.StartsWith("_includes", StringComparison.Ordinal)) return name.StartsWith('.');
        if (!(name.StartsWith('.') || name.StartsWith('_') || name.StartsWith('#') || name.StartsWith('~') || name.EndsWith('~'))) return false;
        if (folder.Length == 0 && name is "_layouts" or "_includes") return false;
        if (name == "_posts" || jekyll.Include.Contains(name, StringComparer.Ordinal)) return false;
        if (name.StartsWith('_') && folder == jekyll.CollectionsDir && jekyll.Collections.Any(c => c.Output && "_" + c.Label == name)) return false;
        return true;
    }

    /// <summary>Whether a site-relative path (or a folder it is in) is excluded.</summary>
    /// <param name="path">The site-relative path.</param>
    /// <param name="isFolder">
    /// A folder is left out whole only when no <c>!glob</c> could take back something inside it;
    /// else the walk goes in and each file inside is asked about.
    /// </param>
    public bool IsExcluded(string path, bool isFolder = false)
    {
        if (ordered is not null && ordered.Matches(path) && !(isFolder && ordered.MayTakeBackInside(path))) return true;
        if (plain.Count > 0)
        {
            // The path itself or any folder above it (looked up as spans: no string per folder).
            var names = plain.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var end = path.Length; end > 0; end = path.LastIndexOf('/', end - 1))
            {
                if (names.Contains(path.AsSpan(0, end))) return true;
            }
        }
        foreach (var (prefix, matcher) in globs)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal) && matcher.Match(path).HasMatches) return true;
        }
        foreach (var prefix in jekyllPrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        foreach (var glob in jekyllGlobs)
        {
            if (glob.IsMatch(path)) return true;
        }
        return false;
    }

    // Ruby's File.fnmatch without flags: '*' and '?' match any character, '/' included; [...] as written.
    private static System.Text.RegularExpressions.Regex FnMatch(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': regex.Append(".*"); break;
                case '?': regex.Append('.'); break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0) { regex.Append(@"\["); break; }
                    regex.Append('[').Append(pattern[(i + 1)..close].Replace("\\", @"\\", StringComparison.Ordinal).Replace("!", "^", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default: regex.Append(System.Text.RegularExpressions.Regex.Escape(c.ToString())); break;
            }
        }
        return new System.Text.RegularExpressions.Regex(regex.Append('$').ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }
}
