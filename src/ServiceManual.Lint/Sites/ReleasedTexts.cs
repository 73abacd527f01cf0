using System.Text;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Sites;

/// <summary>
/// A run's way back to the texts its loader let go: the page read again with the loader's own
/// bounded strict reader and checked against the hash kept when it was parsed. Read into the
/// calling thread's parse workspace, whose buffer serves file after file: the text last read back
/// on a thread stays there, as reports and fixes visit a file's findings together.
/// </summary>
internal sealed class ReleasedTexts(string root) : IReleasedTexts
{
    /// <inheritdoc/>
    public ReadOnlySpan<char> TextOf(SourceText source, string relativePath)
    {
        var workspace = ParseWorkspace.Current;
        if (!ReferenceEquals(workspace.ReleasedSource, source))
        {
            workspace.ReleasedSource = null;
            int read;
            try
            {
                // Whatever its size now: one that changed is refused by its length and hash below.
                read = PageReader.ReadAgainInto(Path.Combine(root, relativePath), Array.MaxLength - 1, ref workspace.ReleasedChars);
            }
            catch (DecoderFallbackException)
            {
                throw new IOException($"{relativePath}: the file is not valid UTF-8 any more; run smlint again");
            }
            if (!source.Matches(workspace.ReleasedChars.AsSpan(0, read))) throw SourceText.ChangedSince(relativePath);
            workspace.ReleasedSource = source;
        }
        return workspace.ReleasedChars.AsSpan(0, source.Length);
    }
}
