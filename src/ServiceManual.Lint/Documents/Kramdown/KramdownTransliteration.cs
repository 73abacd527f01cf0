using System.Text;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// An approximation of kramdown's <c>transliterated_header_ids</c>, which runs the header text
/// through stringex's Unidecoder tables before making the id. Here the Latin letters of Latin-1
/// and Latin Extended-A (U+00C0 to U+017F) are spelled as stringex spells them (é → e, ß → ss,
/// æ → ae, ø → o); other scripts are left alone, so their letters are dropped from the id where
/// stringex would have spelled them in Latin letters. (A table rather than Unicode decomposition:
/// the library runs with invariant globalization, where normalization is not available.)
/// </summary>
internal static class KramdownTransliteration
{
    // One entry per code point from U+00C0, separated by '|'.
    private static readonly string[] Latin = "A|A|A|A|A|A|AE|C|E|E|E|E|I|I|I|I|D|N|O|O|O|O|O|x|O|U|U|U|U|Y|Th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o|/|o|u|u|u|u|y|th|y|A|a|A|a|A|a|C|c|C|c|C|c|C|c|D|d|D|d|E|e|E|e|E|e|E|e|E|e|G|g|G|g|G|g|G|g|H|h|H|h|I|i|I|i|I|i|I|i|I|i|IJ|ij|J|j|K|k|q|L|l|L|l|L|l|L|l|L|l|N|n|N|n|N|n|'n|NG|ng|O|o|O|o|O|o|OE|oe|R|r|R|r|R|r|S|s|S|s|S|s|S|s|T|t|T|t|T|t|U|u|U|u|U|u|U|u|U|u|U|u|W|w|Y|y|Y|Z|z|Z|z|Z|z|s".Split('|');

    public static string ToAscii(string text)
    {
        if (Ascii.IsValid(text)) return text;
        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is >= '\u00C0' and <= '\u017F') result.Append(Latin[c - 0xC0]);
            else result.Append(c);
        }
        return result.ToString();
    }
}
