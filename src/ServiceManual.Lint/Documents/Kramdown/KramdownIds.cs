using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// Header ids exactly as kramdown 1.x makes them (<c>Kramdown::Converter::Base#generate_id</c>):
/// strip leading characters that are not ASCII letters, keep only <c>[a-zA-Z0-9 -]</c>, turn spaces
/// into hyphens and lower-case the rest; an empty result is <c>section</c>, and repeats get
/// <c>-1</c>, <c>-2</c>... in document order. GitHub-style slugs differ (they keep digits at the
/// start and Unicode letters), which is why a generic link checker gets kramdown sites wrong.
/// </summary>
internal sealed class KramdownIds
{
    private readonly Dictionary<string, int> used = new(StringComparer.Ordinal);

    /// <summary>kramdown's <c>basic_generate_id</c>: the slug before the empty and duplicate rules.</summary>
    public static string BasicId(string text) => Slug(text);

    // The slug of a header, shared through the pool when it is not a repeat: most headers' ids are
    // already pooled (the same headers recur across a site's pages), so no string is made for them.
    private static string Slug(ReadOnlySpan<char> text)
    {
        // The id is never longer than the text: built in a stack buffer, one string at the end.
        var rented = text.Length > 256 ? System.Buffers.ArrayPool<char>.Shared.Rent(text.Length) : null;
        var id = rented is null ? stackalloc char[text.Length] : rented; // only as long as the text: a stack buffer is cleared first
        var length = 0;
        var seenLetter = false;
        foreach (var c in text)
        {
            var isLetter = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
            // gsub(/^[^a-zA-Z]+/, ''): everything before the first ASCII letter goes.
            if (!seenLetter && !isLetter) continue;
            seenLetter = true;
            if (isLetter || c is >= '0' and <= '9' or '-') id[length++] = char.ToLowerInvariant(c);
            else if (c == ' ') id[length++] = '-';
        }
        var result = ParseWorkspace.Share(id[..length]);
        if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        return result;
    }

    /// <summary>Forgets the ids given so far, to count the headers of another page.</summary>
    internal void Clear() => used.Clear();

    /// <summary>The next id for a header with this raw text, counting repeats like kramdown does (a pooled string).</summary>
    public string Next(string text) => Next(text.AsSpan());

    /// <summary>As <see cref="Next(string)"/>, for the text where it stands in a line (no string is made of it).</summary>
    public string Next(ReadOnlySpan<char> text)
    {
        var id = Slug(text);
        if (id.Length == 0) id = "section";
        if (used.TryGetValue(id, out var count))
        {
            used[id] = count + 1;
            return ParseWorkspace.Share($"{id}-{count + 1}");
        }
        used[id] = 0;
        return id;
    }
}
