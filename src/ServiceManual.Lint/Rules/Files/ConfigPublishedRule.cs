using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM004: <c>smlint.yml</c> at the site root is copied into <c>_site</c> and served to anyone, because
/// <c>_config.yml</c> does not exclude it (or the cache folder is, because <c>include:</c> names it).
/// </summary>
internal sealed class ConfigPublishedRule : ISiteRule
{
    private const string ConfigFile = "_config.yml";
    private const string LintFile = "smlint.yml";
    private const string CacheFolder = ".smlint-cache";

    internal static readonly RuleMessage Published = new("published", "'{file}' is published: Jekyll copies it into _site and serves it at '{url}', as {config} does not exclude it");
    internal static readonly RuleMessage CachePublished = new("cache-published", "the cache folder '{folder}' is published: 'include:' in {config} names it");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.ConfigPublished, "config-published", "The linter's files are published with the site", RuleCategory.Files, Severity.Info, IsFixable: true) { IsThreadSafe = true, Messages = [Published, CachePublished], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        var configuration = context.Configuration;
        if (configuration.JekyllConfigText is not { } text) return;
        var source = new SourceText(text);
        // The site model publishes what Jekyll would: the file is among its output unless excluded.
        if (context.Site.Output.File(LintFile) is not null)
        {
            if (!context.IsLinted(ConfigFile)) return;
            var (span, fix) = ExcludeEdit(source);
            var hint = $"add '{LintFile}' to 'exclude:' in {ConfigFile}";
            // A fix never breaks a working link: while pages link to the file (or to it by a wrong URL
            // that another fix would correct), excluding it is left to the author.
            var linking = context.Links.Count(l => (l.Target?.Path == LintFile && l.Target.Page is null)
                || (l.TargetPath is { } path && path.EndsWith(LintFile, StringComparison.Ordinal)));
            if (linking > 0)
            {
                fix = null;
                hint += $", once the {linking} link{(linking == 1 ? "" : "s")} to it {(linking == 1 ? "is" : "are")} gone";
            }
            context.Report(null, ConfigFile, span,
                Published.With(LintFile, context.Site.WithBaseUrl("/" + LintFile), ConfigFile),
                hint, fix);
        }
        if (configuration.Jekyll.Include.Any(name => name.Trim().Trim('/') == CacheFolder) && !configuration.JekyllExclude.Any(name => name.Trim().Trim('/') == CacheFolder))
        {
            var line = LineOf(source, "include:") ?? 1;
            context.Report(null, ConfigFile, new SourceSpan(line, 1, line, 1),
                CachePublished.With(CacheFolder, ConfigFile), $"remove '{CacheFolder}' from 'include:'");
        }
    }

    /// <summary>
    /// Where to report, and the edit that adds the file to a top-level <c>exclude:</c>: an item after
    /// the last of a block list, a name before the <c>]</c> of a one-line flow list, or a new
    /// <c>exclude: [smlint.yml]</c> line. Kept only if the edited file reads back, as YAML, with the same
    /// keys and the file in its exclude list.
    /// </summary>
    private static (SourceSpan Span, Fix? Fix) ExcludeEdit(SourceText source)
    {
        var text = source.Text;
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        TextEdit? edit;
        SourceSpan span;
        if (LineOf(source, "exclude:") is { } line)
        {
            span = new SourceSpan(line, 1, line, 1 + "exclude".Length);
            var lineText = source.GetLineSpan(line).ToString().TrimEnd();
            var value = lineText["exclude:".Length..].Trim();
            if (value.Length == 0)
            {
                // A block list: a new item after its last one, indented as it is.
                var last = line;
                string? indent = null;
                for (var next = line + 1; next <= source.LineCount; next++)
                {
                    var item = source.GetLineSpan(next).ToString();
                    var trimmed = item.TrimStart();
                    if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
                    if (!trimmed.StartsWith("- ", StringComparison.Ordinal) && trimmed != "-") break;
                    indent ??= item[..(item.Length - trimmed.Length)];
                    last = next;
                }
                var at = last < source.LineCount ? source.GetLineStart(last + 1) : text.Length;
                var lead = at == text.Length && !text.EndsWith('\n') ? newline : string.Empty;
                edit = indent is null && last == line ? null : new TextEdit(at, 0, $"{lead}{indent}- {LintFile}{newline}");
            }
            else if (value.StartsWith('[') && value.EndsWith(']') && !value.Contains('#'))
            {
                var close = source.GetLineStart(line) + source.GetLineSpan(line).ToString().LastIndexOf(']');
                edit = new TextEdit(close, 0, value[1..^1].Trim().Length == 0 ? LintFile : ", " + LintFile);
            }
            else
            {
                edit = null; // "exclude: a, b" (Jekyll 1) or something stranger: the hint says what to do
            }
        }
        else
        {
            span = new SourceSpan(1, 1, 1, 1);
            var lead = text.Length == 0 || text.EndsWith('\n') ? string.Empty : newline;
            edit = new TextEdit(text.Length, 0, $"{lead}exclude: [{LintFile}]{newline}");
        }
        return (span, edit is not null && Excludes(VerifiedFix.Apply(text, [edit]), text) ? new Fix($"exclude '{LintFile}' from the build", [edit]) : null);
    }

    // The edited file is YAML with the same top-level keys, and its exclude list names the file.
    private static bool Excludes(string edited, string original)
    {
        try
        {
            var before = Root(original);
            var after = Root(edited);
            if (after is null) return false;
            var keys = (before?.Children.Keys ?? []).Select(k => k.ToString()).Append("exclude").Distinct().Order(StringComparer.Ordinal);
            if (!after.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal).SequenceEqual(keys)) return false;
            return after.Children.TryGetValue(new YamlScalarNode("exclude"), out var exclude) && exclude is YamlSequenceNode list
                && list.Children.OfType<YamlScalarNode>().Any(item => item.Value == LintFile);
        }
        catch (YamlException)
        {
            return false;
        }

        static YamlMappingNode? Root(string text)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
    }

    // The 1-based line of a top-level key, if the file has one.
    private static int? LineOf(SourceText source, string key)
    {
        for (var line = 1; line <= source.LineCount; line++)
        {
            if (source.GetLineSpan(line).StartsWith(key, StringComparison.Ordinal)) return line;
        }
        return null;
    }
}
