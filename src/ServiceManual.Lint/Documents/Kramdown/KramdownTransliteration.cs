using System.Globalization;
using System.Text;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// An approximation of kramdown's <c>transliterated_header_ids</c>, which runs the header text
/// through stringex's Unidecoder tables before making the id. Latin letters with accents lose
/// them (é → e) and the common Latin ligatures and letters without a decomposition are spelled
/// out (ß → ss, æ → ae, ø → o); other scripts are left alone, so their letters are dropped from
/// the id where stringex would have spelled them in Latin letters.
/// </summary>
internal static class KramdownTransliteration
{
    public static string ToAscii(string text)
    {
        if (Ascii.IsValid(text)) return text;
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            result.Append(c switch
            {
                'ß' => "ss",
                'ẞ' => "SS",
                'æ' => "ae",
                'Æ' => "AE",
                'œ' => "oe",
                'Œ' => "OE",
                'ø' => "o",
                'Ø' => "O",
                'đ' or 'ð' => "d",
                'Đ' or 'Ð' => "D",
                'ł' => "l",
                'Ł' => "L",
                'þ' => "th",
                'Þ' => "Th",
                'ı' => "i",
                _ => c.ToString(),
            });
        }
        return result.ToString();
    }
}
