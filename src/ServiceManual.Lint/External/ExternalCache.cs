using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace ServiceManual.Lint.External;

/// <summary>
/// Answers for external URLs kept between runs, in one versioned file (<c>results.v1</c>) under the
/// cache folder. Written whole to a temporary file and renamed over the old one, so a reader sees
/// an old file or a new one, never half of one; several runs at once each merge what is on disk
/// before writing, and the newer answer for a URL wins. A file that fails its checksum or does not
/// parse is ignored as a whole: a damaged cache costs requests, never wrong answers.
/// </summary>
internal sealed class ExternalCache
{
    private const string Header = "smlint-external-cache 1";
    private const string FileName = "results.v1";
    private readonly string folder;
    private readonly Dictionary<string, ExternalResult> entries;

    private ExternalCache(string folder, Dictionary<string, ExternalResult> entries)
    {
        this.folder = folder;
        this.entries = entries;
    }

    /// <summary>What the file in <paramref name="folder"/> holds; empty when it is missing or damaged.</summary>
    public static ExternalCache Load(string folder) => new(folder, Read(Path.Combine(folder, FileName)) ?? new Dictionary<string, ExternalResult>(StringComparer.Ordinal));

    /// <summary>The kept answer for a request, if it is young enough and has what the request needs (the page's ids).</summary>
    public ExternalResult? Find(ExternalRequest request, ExternalLinkSettings settings, DateTimeOffset now)
    {
        if (!entries.TryGetValue(request.Url, out var kept) || !IsFresh(kept, settings, now)) return null;
        if (request.WantIds && kept.Status == ExternalStatus.Ok && !kept.BodyRead) return null;
        return kept with { FromCache = true };
    }

    private static bool IsFresh(ExternalResult kept, ExternalLinkSettings settings, DateTimeOffset now)
    {
        var age = now - kept.CheckedAt;
        var maxAge = kept.Status switch
        {
            ExternalStatus.Ok => settings.MaxAge,
            ExternalStatus.Flaky => TimeSpan.Zero,
            _ => settings.ErrorMaxAge,
        };
        // A clock set back makes an answer look young forever: one from the future is not trusted.
        return age >= TimeSpan.Zero && age < maxAge;
    }

    /// <summary>Adds this run's answers (flaky ones are not kept) and writes the file, merged with what other runs wrote meanwhile.</summary>
    public void Save(IEnumerable<KeyValuePair<string, ExternalResult>> results, ExternalLinkSettings settings, DateTimeOffset now)
    {
        foreach (var (url, result) in results)
        {
            if (result.FromCache || result.Status == ExternalStatus.Flaky) continue;
            entries[url] = result;
        }
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        if (Read(path) is { } onDisk)
        {
            foreach (var (url, other) in onDisk)
            {
                if (!entries.TryGetValue(url, out var ours) || other.CheckedAt > ours.CheckedAt) entries[url] = other;
            }
        }
        var body = new StringBuilder();
        foreach (var (url, result) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            // Answers too old to be used again are dropped, so the file does not grow for ever.
            if (!IsFresh(result, settings, now) && result.CheckedAt < now - TimeSpan.FromDays(30)) continue;
            body.Append(url).Append('\t')
                .Append(result.CheckedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append((int)result.Status).Append('\t')
                .Append(result.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\t')
                .Append(result.PermanentRedirect ?? "-").Append('\t')
                .Append(Clean(result.Detail)).Append('\t')
                .Append(!result.BodyRead ? "-" : result.Ids is null ? "*" : "+" + string.Join(' ', result.Ids.Order(StringComparer.Ordinal).Select(Uri.EscapeDataString)))
                .Append('\n');
        }
        var text = body.ToString();
        var checksum = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text)).ToString("x16", CultureInfo.InvariantCulture);
        var temporary = Path.Combine(folder, $"{FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, $"{Header}\n{checksum}\n{text}", new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }

        static string Clean(string detail) => detail.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
    }

    private static Dictionary<string, ExternalResult>? Read(string path)
    {
        string text;
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > 256L * 1024 * 1024) return null;
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var firstLine = text.IndexOf('\n');
        var secondLine = firstLine < 0 ? -1 : text.IndexOf('\n', firstLine + 1);
        if (secondLine < 0 || text[..firstLine] != Header) return null;
        var body = text[(secondLine + 1)..];
        var checksum = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(body)).ToString("x16", CultureInfo.InvariantCulture);
        if (text[(firstLine + 1)..secondLine] != checksum) return null;
        var entries = new Dictionary<string, ExternalResult>(StringComparer.Ordinal);
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length != 7
                || !long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds)
                || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) || !Enum.IsDefined((ExternalStatus)status)
                || !(fields[3] == "-" || int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                || !(fields[6] is "-" or "*" || fields[6].StartsWith('+')))
            {
                return null;
            }
            DateTimeOffset checkedAt;
            try
            {
                checkedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
            IReadOnlySet<string>? ids = fields[6] is "-" or "*" ? null
                : fields[6].Length == 1 ? new HashSet<string>(StringComparer.Ordinal)
                : fields[6][1..].Split(' ').Select(Uri.UnescapeDataString).ToHashSet(StringComparer.Ordinal);
            entries[fields[0]] = new ExternalResult((ExternalStatus)status, fields[3] == "-" ? null : int.Parse(fields[3], CultureInfo.InvariantCulture),
                fields[5], fields[4] == "-" ? null : fields[4], ids, checkedAt)
            { BodyRead = fields[6] != "-" };
        }
        return entries;
    }
}
