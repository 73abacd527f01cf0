using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Rules;

/// <summary>SM103: a front matter value of the wrong type, not among the allowed values, or a layout that does not exist.</summary>
internal sealed class FrontMatterValueRule : IPageRule
{
    internal static readonly RuleMessage WrongType = new("wrong-type", "'{key}' must be a {type}, not a {actual}");
    internal static readonly RuleMessage PsychNull = new("psych-null", "'{key}: {written}' is null to Jekyll's YAML reader (Ruby's Psych), so the page shows nothing");
    internal static readonly RuleMessage PsychBoolean = new("psych-boolean", "'{key}: {written}' is the boolean {value} to Jekyll's YAML reader (Ruby's Psych), so the page shows '{value}'");
    internal static readonly RuleMessage PsychNumber = new("psych-number", "'{key}: {written}' is the number {value} to Jekyll's YAML reader (Ruby's Psych), so the page shows '{value}'");
    internal static readonly RuleMessage PsychDate = new("psych-date", "'{key}: {written}' is the date {value} to Jekyll's YAML reader (Ruby's Psych), so the page shows '{value}'");
    internal static readonly RuleMessage PsychTime = new("psych-time", "'{key}: {written}' is a time to Jekyll's YAML reader (Ruby's Psych), so the page shows '{value}' (in the site's time zone)");
    internal static readonly RuleMessage PsychSymbol = new("psych-symbol", "'{key}: {written}' is a Ruby symbol to Jekyll's YAML reader (Ruby's Psych): Jekyll either refuses the page's front matter or keeps the text, depending on how it loads YAML");
    internal static readonly RuleMessage PsychUnreadable = new("psych-unreadable", "'{key}: {written}' cannot be read by Jekyll's YAML reader (Ruby's Psych: {reason}), so Jekyll refuses the page's front matter");
    internal static readonly RuleMessage NotAllowed = new("not-allowed", "{key} '{value}' is not one of: {allowed}");
    internal static readonly RuleMessage LayoutMissing = new("layout-missing", "layout '{layout}' does not exist: no _layouts/{layout}.html");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.FrontMatterValue, "front-matter-value", "Front matter value is not allowed", RuleCategory.FrontMatter, Severity.Error, IsFixable: true) { IsThreadSafe = true, Messages = [WrongType, PsychNull, PsychBoolean, PsychNumber, PsychDate, PsychTime, PsychSymbol, PsychUnreadable, NotAllowed, LayoutMissing], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(PageContext context)
    {
        var frontMatter = context.Page.FrontMatter;
        if (frontMatter?.Root is not { } root) return;
        var ruleSet = context.Configuration.SiteVocabulary;

        // Index loops, no LINQ: every page's every key comes through here.
        for (var i = 0; i < root.Entries.Count; i++)
        {
            var (key, value) = root.Entries[i];
            if (value is YamlScalar { IsNull: true }) continue;
            if (ruleSet.Types.TryGetValue(key.Value, out var type) && TypeName(value) != type)
            {
                context.Report(frontMatter.GetSpan(value), WrongType.With(key.Value, type, TypeName(value)));
                continue;
            }
            if (type == "string" && value is YamlScalar text && ReadAsOtherThanText(context, frontMatter, key.Value, text)) continue;
            if (!ruleSet.Values.TryGetValue(key.Value, out var allowed)) continue;
            if (value is YamlScalar scalar) CheckAllowed(context, frontMatter, key.Value, scalar, allowed);
            else if (value is YamlSequence sequence)
            {
                for (var j = 0; j < sequence.Items.Count; j++)
                {
                    if (sequence.Items[j] is YamlScalar item) CheckAllowed(context, frontMatter, key.Value, item, allowed);
                }
            }
        }

        if (root.Get("layout") is YamlScalar { IsNull: false } layout && context.Site.FindLayout(layout.Value) is null)
        {
            var layouts = context.Site.Templates.Where(t => t.Path.StartsWith("_layouts/", StringComparison.Ordinal))
                .Select(t => Path.GetFileNameWithoutExtension(t.Path)).ToArray();
            var close = EditDistance.Closest(layout.Value, layouts, 2);
            context.Report(frontMatter.GetSpan(layout), LayoutMissing.With(layout.Value),
                close is { } c ? $"did you mean '{c.Value}'?" : null,
                close is { } certain ? YamlScalarEdit.Replace(frontMatter, layout, certain.Value, $"use layout '{certain.Value}'") : null);
        }
    }

    // Jekyll reads YAML with Ruby's Psych, where `title: no` is false and `title: 1.10` is 1.1. Only a
    // value that then shows differently from what was written is reported: `title: 2014` shows 2014
    // and `title: true` shows true, whatever their type.
    private static bool ReadAsOtherThanText(PageContext context, Documents.FrontMatter frontMatter, string key, YamlScalar scalar)
    {
        var ruby = PsychScalar.Classify(scalar);
        if (ruby.Type == RubyType.String) return false;
        if (ruby.Type is not (RubyType.Symbol or RubyType.Unreadable) && ruby.Text == scalar.Value) return false;
        var written = scalar.Value;
        var message = ruby.Type switch
        {
            RubyType.Nil => PsychNull.With(key, written),
            RubyType.Boolean => PsychBoolean.With(key, written, ruby.Text),
            RubyType.Integer or RubyType.Float => PsychNumber.With(key, written, ruby.Text),
            RubyType.Date => PsychDate.With(key, written, ruby.Text),
            RubyType.Time => PsychTime.With(key, written, ruby.Text),
            RubyType.Symbol => PsychSymbol.With(key, written),
            _ => PsychUnreadable.With(key, written, ruby.Text),
        };
        context.Report(frontMatter.GetSpan(scalar), message, $"quote it: {key}: \"{written}\"", YamlScalarEdit.Quote(frontMatter, scalar, "quote the value so YAML reads it as text"));
        return true;
    }

    private static void CheckAllowed(PageContext context, Documents.FrontMatter frontMatter, string key, YamlScalar item, IReadOnlyList<string> allowed)
    {
        if (allowed.Contains(item.Value)) return;
        var intended = Intended(item.Value, allowed);
        context.Report(frontMatter.GetSpan(item), NotAllowed.With(key, item.Value, string.Join(", ", allowed)),
            intended is null ? null : $"did you mean '{intended}'?",
            intended is null ? null : YamlScalarEdit.Replace(frontMatter, item, intended, $"use '{intended}'"));
    }

    // A difference of case or a small typo has one certain intended value. (Its own method: a lambda
    // capturing the value makes its closure wherever the value is in scope, even for allowed values.)
    private static string? Intended(string value, IReadOnlyList<string> allowed) =>
        allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase)) ?? EditDistance.Closest(value, allowed, 2)?.Value;

    private static string TypeName(YamlValue value) => value switch
    {
        YamlSequence => "list",
        YamlMapping => "mapping",
        _ => "string",
    };
}
