using System.Globalization;
using System.Text;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// Header ids as kramdown-parser-gfm 1.1 makes them (<c>generate_gfm_header_id</c>) from a header's
/// rendered text: lower-case it (Unicode-aware, as Ruby's <c>downcase</c>), drop everything but
/// word characters (<c>\p{Word}</c>: letters, marks, digits, <c>_</c>), hyphens, spaces and tabs,
/// then turn each space or tab into a hyphen. Leading digits and hyphens stay; an empty result stays
/// empty (the header then has no id), and repeats get <c>-1</c>, <c>-2</c>... counted per result.
/// </summary>
internal sealed class GfmIds
{
    private readonly Dictionary<string, int> used = new(StringComparer.Ordinal);

    /// <summary>The slug of a header's text, before repeats are numbered.</summary>
    public static string BasicId(ReadOnlySpan<char> text)
    {
        var id = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            // Ruby's full lower-casing differs from the simple mapping only for U+0130 (İ -> i̇).
            if (rune.Value == 0x130)
            {
                id.Append("i\u0307");
                continue;
            }
            var lower = Rune.ToLowerInvariant(rune);
            if (lower.Value is ' ' or '\t') id.Append('-');
            else if (lower.Value == '-' || IsWord(lower)) id.Append(lower.ToString());
        }
        return ParseWorkspace.Share(id.ToString());
    }

    /// <summary>Onigmo's <c>\p{Word}</c>: Alphabetic, marks, decimal digits, connector punctuation, join controls.</summary>
    internal static bool IsWord(Rune rune)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.ConnectorPunctuation:
                return true;
        }
        // Symbols that Unicode counts as alphabetic: circled and squared Latin letters (Ⓐ, 🅰).
        return rune.Value is >= 0x24B6 and <= 0x24E9 or >= 0x1F130 and <= 0x1F149 or >= 0x1F150 and <= 0x1F169 or >= 0x1F170 and <= 0x1F189
            || rune.Value is 0x200C or 0x200D;
    }

    /// <summary>Forgets the ids given so far, to count the headers of another page.</summary>
    internal void Clear() => used.Clear();

    /// <summary>The next id for a header with this rendered text; empty when the text has no word character, hyphen or space.</summary>
    public string Next(ReadOnlySpan<char> text)
    {
        var id = BasicId(text);
        var count = used.TryGetValue(id, out var previous) ? previous + 1 : 0;
        used[id] = count;
        return count == 0 ? id : ParseWorkspace.Share($"{id}-{count}");
    }
}
