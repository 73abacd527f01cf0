using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM003: a suppression that cannot do what it says: it names a rule that does not exist (a typo
/// such as <c>SM3O1</c> suppresses nothing), its directive is misspelt (<c>smlint-disabel</c>),
/// or a <c>smlint-disable:</c> front matter value is not a rule id or a list of them.
/// </summary>
internal sealed class SuppressionInvalidRule : IPageRule
{
    internal static readonly RuleMessage UnknownRule = new("unknown-rule", "suppression names rule '{rule}', which does not exist, so it suppresses nothing");
    internal static readonly RuleMessage UnknownDirective = new("unknown-directive", "'{word}' is not a suppression; expected {directives}");
    internal static readonly RuleMessage BadValue = new("bad-value", "'{key}' must be a rule id or a list of rule ids, such as [SM203]");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.SuppressionInvalid, "suppression-invalid", "Suppression names no rule", RuleCategory.Files, Severity.Warning, IsFixable: false) { IsThreadSafe = true, Messages = [UnknownRule, UnknownDirective, BadValue], Reads = SiteReads.None };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    private static readonly string[] Directives = ["smlint-disable", "smlint-enable", "smlint-disable-line", "smlint-disable-next-line"];

    /// <inheritdoc />
    public void Check(PageContext context)
    {
        foreach (var mention in context.Page.Suppressions.Mentions)
        {
            var span = new SourceSpan(mention.Line, mention.Column, mention.Line, mention.Column + mention.Word.Length);
            switch (mention.Kind)
            {
                case Suppressions.MentionKind.Rule when !context.KnownRules.Any(r => r.Id.Equals(mention.Word, StringComparison.OrdinalIgnoreCase) || r.Name.Equals(mention.Word, StringComparison.OrdinalIgnoreCase)):
                    var near = Text.EditDistance.Closest(LookAlikeDigits(mention.Word.ToUpperInvariant()), context.KnownRules.Select(r => r.Id), limit: 2)?.Value;
                    context.Report(span, UnknownRule.With(mention.Word),
                        near is null ? "run 'smlint rules' for the list" : $"did you mean '{near}'?");
                    break;
                case Suppressions.MentionKind.UnknownDirective:
                    var directive = Text.EditDistance.Closest(mention.Word, Directives, limit: 3)?.Value;
                    context.Report(span, UnknownDirective.With(mention.Word, string.Join(", ", Directives)),
                        directive is null ? null : $"did you mean '{directive}'?");
                    break;
                case Suppressions.MentionKind.BadValue:
                    context.Report(span, BadValue.With(Suppressions.FrontMatterKey));
                    break;
            }
        }
    }

    // Rule ids are SM and digits: a letter that looks like a digit (SM3O1, SM1l0) is that digit, so
    // the nearest id is the one meant rather than a tie between its neighbours.
    private static string LookAlikeDigits(string word) =>
        word.Length > 2 && word.StartsWith("SM", StringComparison.Ordinal)
            ? string.Concat("SM", word[2..].Replace('O', '0').Replace('I', '1').Replace('L', '1'))
            : word;
}
