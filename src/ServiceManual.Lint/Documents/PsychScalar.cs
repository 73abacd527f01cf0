using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace ServiceManual.Lint.Documents;

/// <summary>The Ruby class Psych gives a scalar.</summary>
internal enum RubyType
{
    /// <summary>Text (<c>String</c>).</summary>
    String,

    /// <summary><c>nil</c>: empty, <c>~</c> or <c>null</c> in any case.</summary>
    Nil,

    /// <summary><c>true</c> or <c>false</c>: yes, no, on, off, true, false in any case.</summary>
    Boolean,

    /// <summary><c>Integer</c>: decimal, <c>0x</c>, <c>0b</c>, leading-zero octal, base 60 (<c>1:30</c>), with <c>_</c> or <c>,</c>.</summary>
    Integer,

    /// <summary><c>Float</c>: <c>1.10</c>, <c>.5</c>, <c>1.0e+3</c>, <c>.inf</c>, <c>.nan</c>.</summary>
    Float,

    /// <summary><c>Date</c>: <c>2013-01-01</c> (a real day of Ruby's calendar).</summary>
    Date,

    /// <summary><c>Time</c>: <c>2013-01-01 10:00:00</c>, with or without a zone.</summary>
    Time,

    /// <summary><c>Symbol</c>: <c>:name</c>; Psych's safe loader (and Jekyll builds that use it) refuses these.</summary>
    Symbol,

    /// <summary>Psych raises while reading it (<c>0x_</c>, which it takes for a number with no digits).</summary>
    Unreadable,
}

/// <summary>What Psych makes of a scalar: its class and the text Ruby's <c>to_s</c> gives, which is what a Liquid template prints.</summary>
/// <param name="Type">The Ruby class.</param>
/// <param name="Text">
/// <c>to_s</c> of the value (<c>false</c>, <c>1.1</c>, <c>2013-01-01</c>); a symbol's name; a time in
/// the zone it was written in (UTC when it has none; Jekyll shows it in the site's zone).
/// </param>
internal readonly record struct RubyScalar(RubyType Type, string Text);

/// <summary>
/// Types a YAML scalar as Ruby's Psych does (YAML 1.1 as <c>Psych::ScalarScanner#tokenize</c> implements
/// it, Psych 4), which is how Jekyll reads front matter: <c>title: no</c> is <c>false</c> there and
/// <c>title: 1.10</c> is <c>1.1</c>. It classifies and formats; it never constructs Ruby objects or
/// types of ours from YAML. A port of <c>tokenize</c>, branch by branch in its order; a test compares
/// it with Ruby where Ruby is installed.
/// </summary>
internal static partial class PsychScalar
{
    /// <summary>What Psych makes of a front matter scalar: quoted, block and tagged scalars are never resolved.</summary>
    public static RubyScalar Classify(YamlScalar scalar) =>
        scalar.Style != ScalarStyle.Plain || scalar.IsTagged ? new(RubyType.String, scalar.Value) : Tokenize(scalar.Value);

    /// <summary>What Psych makes of the text of a plain, untagged scalar.</summary>
    public static RubyScalar Tokenize(string text)
    {
        if (text.Length == 0) return new(RubyType.Nil, string.Empty);
        // Every branch but the first needs one of these first characters, and the first branch only
        // finds nil and booleans, which start with one of "ytonf~": anything else is text. Most titles
        // end here, without a regular expression.
        if ("0123456789+-.:~yYtToOnNfF".IndexOf(text[0]) < 0) return String(text);
        // A letter first always takes the first branch, where anything longer than five characters is text ("The ...").
        if (char.IsAsciiLetter(text[0]) && text.Length > 5) return String(text);

        if (WordLike().IsMatch(text) || text.Contains('\n'))
        {
            if (text.Length > 5 || NotYtonf().IsMatch(text)) return String(text);
            if (text == "~" || NullWord().IsMatch(text)) return new(RubyType.Nil, string.Empty);
            if (TrueWord().IsMatch(text)) return new(RubyType.Boolean, "true");
            if (FalseWord().IsMatch(text)) return new(RubyType.Boolean, "false");
            return String(text);
        }
        if (TimePattern().IsMatch(text)) return Time(text) ?? String(text);
        if (DatePattern().IsMatch(text)) return Date(text) ?? String(text);
        if (PlusInfinity().IsMatch(text)) return new(RubyType.Float, "Infinity");
        if (MinusInfinity().IsMatch(text)) return new(RubyType.Float, "-Infinity");
        if (NotANumber().IsMatch(text)) return new(RubyType.Float, "NaN");
        if (text.Length > 1 && text[0] == ':')
        {
            var quoted = QuotedSymbol().Match(text);
            var name = quoted.Success ? quoted.Groups[2].Value : text[1..];
            return new(RubyType.Symbol, name.StartsWith(':') ? name[1..] : name);
        }
        if (SexagesimalInteger().IsMatch(text))
        {
            var parts = text.Split(':');
            var sum = BigInteger.Zero;
            for (var e = 0; e < parts.Length; e++) sum += RubyToI(parts[e]) * BigInteger.Pow(60, Math.Abs(e - 2));
            return new(RubyType.Integer, sum.ToString(CultureInfo.InvariantCulture));
        }
        if (SexagesimalFloat().IsMatch(text))
        {
            var parts = text.Split(':');
            var sum = 0.0;
            for (var e = 0; e < parts.Length; e++) sum += RubyToF(parts[e]) * Math.Pow(60, Math.Abs(e - 2));
            return new(RubyType.Float, FormatFloat(sum));
        }
        if (FloatPattern().IsMatch(text))
        {
            if (LoneDot().IsMatch(text)) return String(text);
            // Float(string.gsub(/[,_]|\.([Ee]|$)/, '\1')): separators go, and so does a dot before the exponent or at the end.
            var cleaned = FloatCleanup().Replace(text, "$1");
            return double.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
                ? new(RubyType.Float, FormatFloat(value))
                : new(RubyType.Unreadable, $"invalid value for Float(): \"{cleaned}\"");
        }
        if (IntegerPattern().IsMatch(text)) return Integer(text.Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal));
        return String(text);
    }

    private static RubyScalar String(string text) => new(RubyType.String, text);

    // Ruby's Integer(text) after Psych removed ',' and '_': a sign, then 0b binary, 0x hex, 0 octal or decimal.
    private static RubyScalar Integer(string text)
    {
        var negative = text[0] == '-';
        var digits = text[0] is '-' or '+' ? text[1..] : text;
        int radix;
        if (digits.StartsWith("0b", StringComparison.Ordinal)) (radix, digits) = (2, digits[2..]);
        else if (digits.StartsWith("0x", StringComparison.Ordinal)) (radix, digits) = (16, digits[2..]);
        else if (digits.Length > 1 && digits[0] == '0') (radix, digits) = (8, digits[1..]);
        else radix = 10;
        if (digits.Length == 0) return new(RubyType.Unreadable, $"invalid value for Integer(): \"{text}\"");
        var value = BigInteger.Zero;
        foreach (var c in digits) value = value * radix + HexValue(c);
        return new(RubyType.Integer, (negative ? -value : value).ToString(CultureInfo.InvariantCulture));
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    // Ruby's String#to_i: an optional sign, then digits with single underscores between them; it stops at anything else.
    private static BigInteger RubyToI(string text)
    {
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '-' or '+') negative = text[i++] == '-';
        var value = BigInteger.Zero;
        for (; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i])) value = value * 10 + (text[i] - '0');
            else if (text[i] == '_' && i > 0 && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])) continue;
            else break;
        }
        return negative ? -value : value;
    }

    // Ruby's String#to_f on the parts of a base-60 float: digits (single underscores between them), one dot, digits.
    private static double RubyToF(string text)
    {
        var kept = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_' && i > 0 && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])) continue;
            if (char.IsAsciiDigit(c) || (c is '-' or '+' && i == 0) || (c == '.' && !kept.ToString().Contains('.'))) kept.Append(c);
            else break;
        }
        return double.TryParse(kept.ToString().TrimEnd('.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0.0;
    }

    /// <summary>Ruby's <c>Float#to_s</c>: the shortest digits that read back, fixed notation from 1e-4 up to 1e16, else <c>1.0e+16</c>.</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        // .NET's "R" gives the shortest round-trip digits, as Ruby's does; only the layout differs.
        var roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOf('E');
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        // decpt: the value is 0.DIGITS x 10^decpt, once leading zeros are gone.
        var decpt = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        decpt -= leading;
        if (digits.Length == 0) digits = "0";
        var sign = value < 0 ? "-" : "";
        if (decpt > 0 && decpt <= 15)
        {
            var whole = digits.Length <= decpt ? digits + new string('0', decpt - digits.Length) : digits[..decpt];
            var fraction = digits.Length <= decpt ? "0" : digits[decpt..];
            return $"{sign}{whole}.{fraction}";
        }
        if (decpt <= 0 && decpt > -4) return $"{sign}0.{new string('0', -decpt)}{digits}";
        var exp = decpt - 1;
        return $"{sign}{digits[0]}.{(digits.Length > 1 ? digits[1..] : "0")}e{(exp < 0 ? '-' : '+')}{Math.Abs(exp):00}";
    }

    // Date.strptime(text, '%Y-%m-%d') with Ruby's default calendar (Julian before 15 October 1582).
    private static RubyScalar? Date(string text)
    {
        var parts = text.Split('-');
        var (year, month, day) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        if (!IsRubyDate(year, month, day)) return null;
        return new(RubyType.Date, $"{year:0000}-{month:00}-{day:00}");
    }

    private static bool IsRubyDate(int year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1) return false;
        var julian = (year, month, day).CompareTo((1582, 10, 15)) < 0;
        if (julian && year == 1582 && month == 10 && day >= 5) return false; // the ten days the reform skipped
        var leap = julian ? year % 4 == 0 : (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int[] days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        return day <= days[month - 1];
    }

    // Psych's parse_time: Time.utc (or Time.new with the written offset), which rolls 30 February over
    // to March and 24:00 to the next day, and refuses what is further out of range.
    private static RubyScalar? Time(string text)
    {
        var split = text.IndexOfAny([' ', 't', 'T']);
        var date = DatePart().Match(text[..split]);
        var time = TimePart().Match(text[(split + 1)..]);
        if (!date.Success || !time.Success) return null;
        var year = int.Parse(date.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(date.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(date.Groups[3].Value, CultureInfo.InvariantCulture);
        var clock = time.Groups[1].Value.Split(':');
        var (hour, minute, second) = (int.Parse(clock[0], CultureInfo.InvariantCulture), int.Parse(clock[1], CultureInfo.InvariantCulture), int.Parse(clock[2], CultureInfo.InvariantCulture));
        if (month is < 1 or > 12 || day is < 1 or > 31 || hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute > 0 || second > 0))) return null;
        var zone = time.Groups[3].Value;
        var offsetSeconds = 0;
        if (zone.Length > 0 && zone != "Z")
        {
            var tz = ZoneOffset().Match(zone);
            if (!tz.Success) return new(RubyType.Unreadable, "an offset Psych cannot read");
            offsetSeconds = int.Parse(tz.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) * 3600;
            var minutes = tz.Groups[2].Success ? int.Parse(tz.Groups[2].Value, CultureInfo.InvariantCulture) * 60 : 0;
            offsetSeconds += offsetSeconds < 0 ? -minutes : minutes;
            if (Math.Abs(offsetSeconds) >= 86400) return null;
        }
        // Years Ruby handles and .NET does not (before 1 or after 9999) are still times; their text is as written.
        if (year is < 1 or > 9999) return new(RubyType.Time, text);
        var moment = new DateTime(year, month, 1).AddDays(day - 1).AddHours(hour).AddMinutes(minute).AddSeconds(second);
        var suffix = zone == "Z" ? "UTC"
            : $"{(offsetSeconds < 0 ? '-' : '+')}{Math.Abs(offsetSeconds) / 3600:00}{Math.Abs(offsetSeconds) % 3600 / 60:00}";
        return new(RubyType.Time, moment.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + suffix);
    }

    // Ruby's ^ and $ match at line starts and ends, as .NET's do with Multiline; \d and \s are ASCII in Ruby.
    private const RegexOptions Ruby = RegexOptions.Multiline | RegexOptions.CultureInvariant;
    private const RegexOptions RubyIgnoreCase = Ruby | RegexOptions.IgnoreCase;

    [GeneratedRegex(@"^[^0-9.:-]?[\p{L}\p{M}\p{Nl}_ \t\r\n\f\v!@#$%\^&*(){}<>|/\\~;=]+", Ruby)]
    private static partial Regex WordLike();

    [GeneratedRegex("^[^ytonf~]", RubyIgnoreCase)]
    private static partial Regex NotYtonf();

    [GeneratedRegex("^null$", RubyIgnoreCase)]
    private static partial Regex NullWord();

    [GeneratedRegex("^(yes|true|on)$", RubyIgnoreCase)]
    private static partial Regex TrueWord();

    [GeneratedRegex("^(no|false|off)$", RubyIgnoreCase)]
    private static partial Regex FalseWord();

    [GeneratedRegex(@"^-?[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t\r\n\f\v]+)[0-9]{1,2}:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t\r\n\f\v]*(?:Z|[-+][0-9]{1,2}:?(?:[0-9][0-9])?))?$", Ruby)]
    private static partial Regex TimePattern();

    [GeneratedRegex("^[0-9]{4}-(?:1[012]|0[0-9]|[0-9])-(?:[12][0-9]|3[01]|0[0-9]|[0-9])$", Ruby)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(-?[0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", Ruby)]
    private static partial Regex DatePart();

    [GeneratedRegex(@"([0-9]+:[0-9]+:[0-9]+)(?:\.([0-9]*))?[ \t\r\n\f\v]*(Z|[-+][0-9]+(:[0-9][0-9])?)?", Ruby)]
    private static partial Regex TimePart();

    [GeneratedRegex(@"^([+\-]?[0-9]{1,2}):?([0-9]{1,2})?$", Ruby)]
    private static partial Regex ZoneOffset();

    [GeneratedRegex(@"^\+?\.inf$", RubyIgnoreCase)]
    private static partial Regex PlusInfinity();

    [GeneratedRegex(@"^-\.inf$", RubyIgnoreCase)]
    private static partial Regex MinusInfinity();

    [GeneratedRegex(@"^\.nan$", RubyIgnoreCase)]
    private static partial Regex NotANumber();

    [GeneratedRegex(@"^:([""'])(.*)\1", Ruby)]
    private static partial Regex QuotedSymbol();

    [GeneratedRegex("^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$", Ruby)]
    private static partial Regex SexagesimalInteger();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$", Ruby)]
    private static partial Regex SexagesimalFloat();

    [GeneratedRegex(@"^(?:[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?)$", Ruby)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"\A[-+]?\.\z", Ruby)]
    private static partial Regex LoneDot();

    [GeneratedRegex(@"[,_]|\.([Ee]|$)", Ruby)]
    private static partial Regex FloatCleanup();

    [GeneratedRegex(@"^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$", Ruby)]
    private static partial Regex IntegerPattern();
}
