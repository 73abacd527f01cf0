using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Diagnostics;

/// <summary>One finding: which rule, where, what is wrong and how to put it right.</summary>
/// <param name="Rule">The rule that reported it.</param>
/// <param name="Severity">The effective severity after configuration.</param>
/// <param name="Path">The file, relative to the site root, with forward slashes.</param>
/// <param name="Span">Where in the file (1-based).</param>
/// <param name="Message">What is wrong, in one sentence.</param>
/// <param name="Suggestion">How to fix it, when the rule knows ("did you mean ...").</param>
/// <param name="Fix">A certain, automatic repair, applied by <c>--fix</c>.</param>
public sealed record Diagnostic(
    RuleDescriptor Rule,
    Severity Severity,
    string Path,
    SourceSpan Span,
    string Message,
    string? Suggestion = null,
    Fix? Fix = null)
{
    /// <summary>
    /// The id of the rule's message this finding was reported with (one of
    /// <see cref="RuleDescriptor.Messages"/>, such as <c>missing-anchor</c>); null when a rule
    /// reported a text of its own.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>The arguments the message's template was filled in with, in its placeholders' order (SARIF's <c>message.arguments</c>).</summary>
    internal MessageArguments MessageArguments { get; init; }

    /// <summary>Orders findings by file, then position, then rule id, so output is stable.</summary>
    public static int Compare(Diagnostic a, Diagnostic b)
    {
        var byPath = string.CompareOrdinal(a.Path, b.Path);
        if (byPath != 0) return byPath;
        var byLine = a.Span.Line.CompareTo(b.Span.Line);
        if (byLine != 0) return byLine;
        var byColumn = a.Span.Column.CompareTo(b.Span.Column);
        return byColumn != 0 ? byColumn : string.CompareOrdinal(a.Rule.Id, b.Rule.Id);
    }
}

/// <summary>A message's arguments, compared by value: a finding read back from the cache equals the one reported.</summary>
internal readonly struct MessageArguments(IReadOnlyList<string>? values) : IEquatable<MessageArguments>
{
    /// <summary>The arguments, in the template's placeholder order.</summary>
    public IReadOnlyList<string> Values => values ?? [];

    public bool Equals(MessageArguments other) => Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    public override bool Equals(object? obj) => obj is MessageArguments other && Equals(other);

    public override int GetHashCode() => Values.Count;
}
