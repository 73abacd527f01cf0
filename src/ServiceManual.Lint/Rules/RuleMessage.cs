using System.Text;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// A message a rule reports, declared once in its descriptor's <see cref="RuleDescriptor.Messages"/>
/// (ESLint's <c>meta.messages</c>, Roslyn's message format): a stable id such as
/// <c>missing-anchor</c> and a template such as <c>fragment '#{fragment}' does not exist on {where}</c>.
/// A rule reports it filled in: <c>context.Report(span, MissingAnchor.With(fragment, where))</c>.
/// </summary>
/// <param name="Id">Kebab-case, unique within the rule; carried by every finding as <see cref="Diagnostics.Diagnostic.MessageId"/>.</param>
/// <param name="Template">
/// The text, with <c>{name}</c> placeholders filled in the order they first appear by
/// <see cref="With"/> (a name used twice takes the same argument); <c>{{</c> and <c>}}</c> are literal braces.
/// </param>
public sealed record RuleMessage(string Id, string Template)
{
    private Segment[]? segments;
    private string[]? names;

    /// <summary>
    /// The arguments this message was filled in with (empty on a declared template); in the order
    /// of <see cref="PlaceholderNames"/>.
    /// </summary>
    public IReadOnlyList<string> Arguments { get; private init; } = [];

    /// <summary>The text as reported: the template with its placeholders filled, or null on a template that still needs arguments.</summary>
    public string? Text { get; private init; }

    /// <summary>The template's placeholder names, in the order <see cref="With"/> takes their arguments.</summary>
    public IReadOnlyList<string> PlaceholderNames
    {
        get
        {
            Parse();
            return names!;
        }
    }

    /// <summary>This message filled in with <paramref name="arguments"/>, one for each of <see cref="PlaceholderNames"/>.</summary>
    /// <exception cref="ArgumentException">Not one argument for each placeholder.</exception>
    public RuleMessage With(params ReadOnlySpan<string?> arguments)
    {
        Parse();
        if (arguments.Length != names!.Length)
        {
            throw new ArgumentException($"message '{Id}' has {names.Length} placeholder(s) ({string.Join(", ", names)}) but was given {arguments.Length} argument(s)", nameof(arguments));
        }
        var values = new string[arguments.Length];
        for (var i = 0; i < values.Length; i++) values[i] = arguments[i] ?? string.Empty;
        // One finding, one fill, one string: the template was cut into segments once, when first used.
        var length = 0;
        foreach (var segment in segments!) length += segment.Argument < 0 ? segment.Literal!.Length : values[segment.Argument].Length;
        var text = string.Create(length, (segments, values), static (span, state) =>
        {
            foreach (var segment in state.segments)
            {
                var part = segment.Argument < 0 ? segment.Literal! : state.values[segment.Argument];
                part.CopyTo(span);
                span = span[part.Length..];
            }
        });
        return this with { Arguments = values, Text = text };
    }

    /// <summary>The text of a message reported as it is: its filled text, or the template when it has no placeholders.</summary>
    internal string TextForReport()
    {
        if (Text is { } text) return text;
        Parse();
        if (names!.Length > 0) throw new InvalidOperationException($"message '{Id}' was reported without its arguments ({string.Join(", ", names)}): report Message.With(...)");
        return segments!.Length == 0 ? string.Empty : segments[0].Literal!;
    }

    /// <summary>The template with placeholders numbered as SARIF's message strings are (<c>{0}</c>, <c>{1}</c>...), braces still doubled.</summary>
    internal string NumberedTemplate()
    {
        Parse();
        var text = new StringBuilder(Template.Length);
        foreach (var segment in segments!)
        {
            if (segment.Argument >= 0) text.Append('{').Append(segment.Argument).Append('}');
            else text.Append(segment.Literal!.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        }
        return text.ToString();
    }

    private void Parse()
    {
        if (Volatile.Read(ref segments) is not null) return;
        var parts = new List<Segment>();
        var found = new List<string>();
        var literal = new StringBuilder();
        for (var i = 0; i < Template.Length; i++)
        {
            var c = Template[i];
            if ((c == '{' || c == '}') && i + 1 < Template.Length && Template[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }
            if (c == '}') throw new FormatException($"message '{Id}': a lone '}}' at {i} (write '}}}}' for a brace)");
            if (c != '{')
            {
                literal.Append(c);
                continue;
            }
            var close = Template.IndexOf('}', i + 1);
            if (close < 0) throw new FormatException($"message '{Id}': '{{' at {i} has no '}}' (write '{{{{' for a brace)");
            var name = Template[(i + 1)..close];
            if (name.Length == 0 || name.Any(ch => !char.IsAsciiLetterOrDigit(ch) && ch != '-' && ch != '_')) throw new FormatException($"message '{Id}': '{{{name}}}' is not a placeholder name");
            if (literal.Length > 0) parts.Add(new Segment(literal.ToString(), -1));
            literal.Clear();
            var index = found.IndexOf(name);
            if (index < 0)
            {
                index = found.Count;
                found.Add(name);
            }
            parts.Add(new Segment(null, index));
            i = close;
        }
        if (literal.Length > 0) parts.Add(new Segment(literal.ToString(), -1));
        names = [.. found];
        Volatile.Write(ref segments, [.. parts]);
    }

    private readonly record struct Segment(string? Literal, int Argument);

    /// <inheritdoc />
    public bool Equals(RuleMessage? other) =>
        other is not null && Id == other.Id && Template == other.Template && Text == other.Text;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Template, Text);
}
