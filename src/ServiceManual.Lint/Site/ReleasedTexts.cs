using System.Text;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Site;

/// <summary>
/// A run's way back to the texts its loader let go: the page read again with the loader's own
/// bounded strict reader and checked against the hash kept when it was parsed. The last few texts
/// read are kept, as reports and fixes visit a file's findings together.
/// </summary>
internal sealed class ReleasedTexts(string root) : IReleasedTexts
{
    private const int Kept = 8;
    private readonly (SourceText Source, string Text)[] recent = new (SourceText, string)[Kept];
    private readonly Lock recentLock = new();
    private int next;

    /// <inheritdoc/>
    public string TextOf(SourceText source, string relativePath)
    {
        lock (recentLock)
        {
            foreach (var (kept, text) in recent)
            {
                if (ReferenceEquals(kept, source)) return text;
            }
        }
        string again;
        try
        {
            // Whatever its size now: one that changed is refused by its length and hash below.
            again = PageReader.ReadAgain(Path.Combine(root, relativePath), Array.MaxLength - 1);
        }
        catch (DecoderFallbackException)
        {
            throw new IOException($"{relativePath}: the file is not valid UTF-8 any more; run smlint again");
        }
        if (!source.Matches(again)) throw SourceText.ChangedSince(relativePath);
        lock (recentLock)
        {
            recent[next] = (source, again);
            next = (next + 1) % Kept;
        }
        return again;
    }
}
