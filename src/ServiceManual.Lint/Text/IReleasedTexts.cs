namespace ServiceManual.Lint.Text;

/// <summary>
/// The explicit way back to a text the loader let go: a run's service that rules, fixes and code
/// frames reach through <see cref="SourceText"/>. Whatever it returns must be exactly the text that
/// was indexed (<see cref="SourceText.Matches"/>): a file changed since is an error, never a wrong frame or fix.
/// </summary>
internal interface IReleasedTexts
{
    /// <summary>The text of <paramref name="source"/>, the file at <paramref name="relativePath"/> from the site root.</summary>
    /// <exception cref="IOException">The file cannot be read, is no longer UTF-8 text, or has changed (<see cref="SourceText.ChangedSince"/>).</exception>
    string TextOf(SourceText source, string relativePath);
}
