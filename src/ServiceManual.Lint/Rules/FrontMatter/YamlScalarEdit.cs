using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using YamlDotNet.Core;

namespace ServiceManual.Lint.Rules;

/// <summary>Replaces a scalar's text in place, keeping its quoting style, so a fix touches only those bytes.</summary>
internal static class YamlScalarEdit
{
    public static Fix? Replace(Documents.FrontMatter frontMatter, YamlScalar scalar, string newValue, string description)
    {
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)) return null;
        var (offset, length) = frontMatter.GetWrittenRange(scalar);
        var written = frontMatter.Source.TextSpan.Slice(offset, length).ToString();
        // Only rewrite what we can reproduce exactly: the written text must be the value itself (no escapes, no folding).
        if (written != scalar.Value) return null;
        var text = scalar.Style switch
        {
            ScalarStyle.SingleQuoted => newValue.Replace("'", "''", StringComparison.Ordinal),
            ScalarStyle.DoubleQuoted => newValue.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal),
            _ when IsSafePlain(newValue) => newValue,
            _ => null,
        };
        if (text is null)
        {
            // A plain scalar that would need quoting: quote it.
            return new Fix(description, [new TextEdit(offset, length, "\"" + newValue.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")]);
        }
        return new Fix(description, [new TextEdit(offset, length, text)]);
    }

    /// <summary>
    /// Puts quotes round a plain scalar, so YAML reads it as the text it is (<c>title: no</c> becomes
    /// <c>title: "no"</c>); null when the scalar is not a one-line plain value written as it reads.
    /// </summary>
    public static Fix? Quote(Documents.FrontMatter frontMatter, YamlScalar scalar, string description)
    {
        if (scalar.Style != ScalarStyle.Plain || scalar.IsTagged) return null;
        var (offset, length) = frontMatter.GetWrittenRange(scalar);
        if (frontMatter.Source.TextSpan.Slice(offset, length).ToString() != scalar.Value) return null;
        // Double quotes unless the text has a character they would need to escape; then single ones.
        var quoted = scalar.Value.AsSpan().IndexOfAny('"', '\\') < 0
            ? "\"" + scalar.Value + "\""
            : "'" + scalar.Value.Replace("'", "''", StringComparison.Ordinal) + "'";
        return new Fix(description, [new TextEdit(offset, length, quoted)]);
    }

    private static bool IsSafePlain(string value) =>
        value.Length > 0 && value.Trim() == value && "-?:,[]{}#&*!|>'\"%@`".IndexOf(value[0]) < 0
        && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal) && !value.EndsWith(':');
}
