using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Baselines;

/// <summary>
/// One kind of accepted finding: the rule, the file (relative to the site root), what it is about
/// (the offending URL, key or value as written, else the message) and a short hash of the line it is
/// on, with how many such findings there were. No line number: moving a line, or editing other
/// lines of the page, keeps it matched; editing the line itself makes it a new finding.
/// </summary>
/// <param name="Rule">The rule id.</param>
/// <param name="File">The file, relative to the site root, with forward slashes.</param>
/// <param name="Target">The text the finding points at, or its message when it points at nothing.</param>
/// <param name="Context">The first 8 hex digits of the SHA-256 of the finding's line, without leading and trailing spaces.</param>
/// <param name="Count">How many findings have this key.</param>
/// <param name="Message">The message when it was recorded, for people reviewing the file (not matched).</param>
internal sealed record BaselineEntry(string Rule, string File, string Target, string Context, int Count, string Message = "");

/// <summary>What <see cref="Baseline.Filter"/> left: the findings not in the baseline, and how many it hid.</summary>
/// <param name="Result">The lint result with only the findings the baseline does not hold.</param>
/// <param name="Hidden">How many findings the baseline hid.</param>
public sealed record BaselineFiltered(LintResult Result, int Hidden);

/// <summary>
/// Findings accepted when a site adopted smlint (<c>.smlint-baseline.json</c>), so that a run
/// reports only new ones. Checked into git: sorted, pretty JSON, one object per kind of finding.
/// </summary>
/// <example>
/// <code>
/// var result = Linter.Lint(options);
/// var baseline = Baseline.Load(Path.Combine(result.Site.Root, Baseline.DefaultFileName));
/// var (remaining, hidden) = baseline.Filter(result);
/// </code>
/// </example>
public sealed partial class Baseline
{
    /// <summary>The baseline file's name at the site root, used when present.</summary>
    public const string DefaultFileName = ".smlint-baseline.json";

    /// <summary>The file format's version, its <c>version</c> field.</summary>
    public const int FormatVersion = 1;

    private const int MaxTargetLength = 200;

    private Baseline(IReadOnlyList<BaselineEntry> entries) => Entries = entries;

    /// <summary>The entries, sorted by file, rule, target and context.</summary>
    internal IReadOnlyList<BaselineEntry> Entries { get; }

    /// <summary>How many findings the baseline holds (entries times their counts).</summary>
    public int FindingCount => Entries.Sum(e => e.Count);

    /// <summary>A baseline that holds nothing.</summary>
    public static Baseline Empty { get; } = new([]);

    /// <summary>Every finding of <paramref name="result"/>, as a baseline.</summary>
    public static Baseline FromResult(LintResult result) => Of(result.Diagnostics.Select(d => (KeyOf(result, d), d.Message)));

    /// <summary>
    /// This baseline with the entries of files in <paramref name="scope"/> (site-relative paths) replaced
    /// by the findings of <paramref name="result"/>: fixed findings drop out, new ones come in, and
    /// entries of files the run did not report on are kept.
    /// </summary>
    public Baseline Update(LintResult result, Func<string, bool> scope)
    {
        var kept = Entries.Where(e => !scope(e.File)).SelectMany(e => Enumerable.Repeat((new Key(e.Rule, e.File, e.Target, e.Context), e.Message), e.Count));
        return Of(kept.Concat(result.Diagnostics.Where(d => scope(d.Path)).Select(d => (KeyOf(result, d), d.Message))));
    }

    /// <summary>Takes out of <paramref name="result"/> the findings this baseline holds, up to each entry's count.</summary>
    public BaselineFiltered Filter(LintResult result)
    {
        if (Entries.Count == 0) return new BaselineFiltered(result, 0);
        var left = new Dictionary<Key, int>();
        foreach (var entry in Entries) left[new Key(entry.Rule, entry.File, entry.Target, entry.Context)] = entry.Count;
        var kept = new List<Diagnostic>(result.Diagnostics.Count);
        var hidden = 0;
        foreach (var d in result.Diagnostics)
        {
            var key = KeyOf(result, d);
            if (left.TryGetValue(key, out var count) && count > 0)
            {
                left[key] = count - 1;
                hidden++;
            }
            else
            {
                kept.Add(d);
            }
        }
        return new BaselineFiltered(result with { Diagnostics = kept }, hidden);
    }

    /// <summary>Reads a baseline file.</summary>
    /// <exception cref="ConfigurationException">The file cannot be read or is not a baseline (with its line).</exception>
    public static Baseline Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: the baseline cannot be read: {e.Message}");
        }
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw new ConfigurationException($"{path}: not an smlint baseline: expected an object with a \"findings\" array (write one with --update-baseline)");
            }
            if (root.TryGetProperty("version", out var version) && (!version.TryGetInt32(out var number) || number > FormatVersion))
            {
                throw new ConfigurationException($"{path}: baseline version {version} is newer than this smlint reads ({FormatVersion}); update smlint");
            }
            var entries = new List<BaselineEntry>();
            var index = 0;
            foreach (var finding in findings.EnumerateArray())
            {
                entries.Add(new BaselineEntry(
                    Text(finding, "rule", path, index),
                    Text(finding, "file", path, index),
                    Text(finding, "target", path, index),
                    Text(finding, "context", path, index),
                    finding.TryGetProperty("count", out var count) ? (count.TryGetInt32(out var n) && n > 0 ? n : throw Invalid(path, index, "\"count\" must be a whole number above 0")) : 1,
                    finding.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString()! : string.Empty));
                index++;
            }
            return Of(entries.SelectMany(e => Enumerable.Repeat((new Key(e.Rule, e.File, e.Target, e.Context), e.Message), e.Count)));
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: the baseline is not valid JSON: {e.Message.Split(" Path:", 2)[0]}");
        }
    }

    private static string Text(JsonElement finding, string name, string path, int index) =>
        finding.ValueKind == JsonValueKind.Object && finding.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid(path, index, $"\"{name}\" must be a string");

    private static ConfigurationException Invalid(string path, int index, string problem) =>
        new($"{path}: finding {index + 1} of the baseline: {problem}");

    /// <summary>Writes the baseline (sorted, indented, LF line ends) atomically: a temporary file renamed over <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, ToJson());
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The file's bytes: what <see cref="Save"/> writes.</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        // Relaxed escaping: URLs with '&' and non-ASCII text stay readable in a review.
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteString("tool", "smlint");
            json.WriteStartArray("findings");
            foreach (var entry in Entries)
            {
                json.WriteStartObject();
                json.WriteString("file", entry.File);
                json.WriteString("rule", entry.Rule);
                json.WriteString("target", entry.Target);
                json.WriteString("context", entry.Context);
                json.WriteNumber("count", entry.Count);
                json.WriteString("message", entry.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private readonly record struct Key(string Rule, string File, string Target, string Context);

    private static Baseline Of(IEnumerable<(Key Key, string Message)> findings)
    {
        var entries = findings
            .GroupBy(f => f.Key)
            .Select(g => new BaselineEntry(g.Key.Rule, g.Key.File, g.Key.Target, g.Key.Context, g.Count(), g.Select(f => f.Message).Min(StringComparer.Ordinal) ?? string.Empty))
            .OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Rule, StringComparer.Ordinal)
            .ThenBy(e => e.Target, StringComparer.Ordinal).ThenBy(e => e.Context, StringComparer.Ordinal)
            .ToArray();
        return new Baseline(entries);
    }

    private static Key KeyOf(LintResult result, Diagnostic d)
    {
        var line = string.Empty;
        if (result.Site.FindFile(d.Path) is { } page)
        {
            try
            {
                line = page.GetLine(d.Span.Line);
            }
            catch (IOException)
            {
                // The file changed or went away since it was read: keyed without its line.
            }
        }
        var target = string.Empty;
        if (line.Length > 0 && d.Span.Column >= 1 && d.Span.Column <= line.Length)
        {
            var end = d.Span.EndLine == d.Span.Line ? Math.Clamp(d.Span.EndColumn, d.Span.Column, line.Length + 1) : line.Length + 1;
            target = line[(d.Span.Column - 1)..(end - 1)];
        }
        if (target.Length == 0) target = LineNumber().Replace(d.Message, "line");
        if (target.Length > MaxTargetLength) target = target[..MaxTargetLength];
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(line.Trim()));
        return new Key(d.Rule.Id, d.Path, target, Convert.ToHexStringLower(hash.AsSpan(0, 4)));
    }

    // "first on line 3": a message that names another line would change when lines are added above it.
    [GeneratedRegex(@"\bline \d+", RegexOptions.CultureInvariant)]
    private static partial Regex LineNumber();
}
