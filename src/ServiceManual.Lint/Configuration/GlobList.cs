using Microsoft.Extensions.FileSystemGlobbing;

namespace ServiceManual.Lint.Configuration;

/// <summary>
/// An ordered list of globs relative to the site root, read as <c>.gitignore</c> reads its lines:
/// <c>!</c> in front takes back what an earlier glob matched, and the last glob that matches a
/// path decides. A glob matches a path or any folder above it (<c>drafts</c> and <c>drafts/**</c>
/// both match <c>drafts/a.md</c>); a leading or trailing <c>/</c> is ignored.
/// </summary>
internal sealed class GlobList
{
    private static readonly char[] Wildcards = ['*', '?', '[', '{'];
    private readonly (bool Negated, string Glob, string LiteralPrefix, Matcher Matcher)[] globs;

    /// <summary>No globs: matches nothing.</summary>
    public static GlobList Empty { get; } = new([]);

    /// <summary>Reads <paramref name="patterns"/>; call <see cref="Problem"/> first to reject bad ones with a message.</summary>
    public GlobList(IEnumerable<string> patterns)
    {
        Patterns = patterns.ToArray();
        globs = Patterns.Select(Normalise).Where(g => g.Glob.Length > 0).Select(g =>
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(g.Glob);
            matcher.AddInclude(g.Glob + "/**");
            var wildcard = g.Glob.IndexOfAny(Wildcards);
            return (g.Negated, g.Glob, wildcard < 0 ? g.Glob : g.Glob[..wildcard], matcher);
        }).ToArray();
    }

    /// <summary>The globs as written.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Whether there are no globs.</summary>
    public bool IsEmpty => globs.Length == 0;

    /// <summary>Whether any glob is negated.</summary>
    public bool HasNegations => globs.Any(g => g.Negated);

    /// <summary>Whether the last glob that matches <paramref name="path"/> (site-relative, <c>/</c>-separated) is not negated.</summary>
    public bool Matches(string path)
    {
        for (var i = globs.Length - 1; i >= 0; i--)
        {
            var (negated, _, prefix, matcher) = globs[i];
            if (path.StartsWith(prefix, StringComparison.Ordinal) && matcher.Match(path).HasMatches) return !negated;
        }
        return false;
    }

    /// <summary>
    /// Whether a negated glob could match something inside <paramref name="folder"/>: a walk must
    /// then look inside a folder that the list matches, instead of leaving it out whole (where
    /// .gitignore cannot take back a file of an ignored folder, this list can).
    /// </summary>
    public bool MayTakeBackInside(string folder)
    {
        var inside = folder.TrimEnd('/') + "/";
        foreach (var (negated, glob, prefix, _) in globs)
        {
            if (!negated) continue;
            // The glob's fixed start and the folder agree as far as both go: it can reach below.
            var common = Math.Min(prefix.Length, inside.Length);
            if (string.CompareOrdinal(prefix, 0, inside, 0, common) == 0 && (prefix.Length > inside.Length || prefix.Length < glob.Length)) return true;
        }
        return false;
    }

    /// <summary>What is wrong with the glob at <paramref name="index"/> of <paramref name="patterns"/>, or null.</summary>
    public static string? Problem(IReadOnlyList<string> patterns, int index)
    {
        var (negated, glob) = Normalise(patterns[index]);
        if (glob.Length == 0) return negated ? "'!' must be followed by a glob" : "a glob must not be empty";
        if (glob.Split('/').Any(part => part == ".."))
        {
            return $"glob '{patterns[index]}' climbs out of the site root with '..'; globs are relative to the site root";
        }
        if (negated && !patterns.Take(index).Any(p => !Normalise(p).Negated && Normalise(p).Glob.Length > 0))
        {
            return $"negated glob '{patterns[index]}' comes before any glob it could take back; '!' re-includes what an earlier glob in the list matched";
        }
        return null;
    }

    private static (bool Negated, string Glob) Normalise(string pattern)
    {
        var trimmed = pattern.Trim();
        var negated = trimmed.StartsWith('!');
        if (negated) trimmed = trimmed[1..].Trim();
        // "./x" and "/x" both mean x at the site root.
        if (trimmed.StartsWith("./", StringComparison.Ordinal)) trimmed = trimmed[2..];
        return (negated, trimmed.Trim('/'));
    }
}
