namespace ServiceManual.Lint.Text;

/// <summary>
/// The explicit way back to a text the loader let go: a run's service that rules, fixes and code
/// frames reach through <see cref="SourceText"/>. Whatever it returns must be exactly the text that
/// was indexed (<see cref="SourceText.Matches(string)"/>): a file changed since is an error, never a wrong frame or fix.
/// </summary>
internal interface IReleasedTexts
{
    /// <summary>
    /// The text of <paramref name="source"/>, the file at <paramref name="relativePath"/> from the site
    /// root, valid until the calling thread asks for another released text (a service may read it
    /// into a buffer it reuses: reports and fixes visit thousands of files' findings, and a string
    /// per file read back would fill the heap late in a run, when a collection is dearest).
    /// </summary>
    /// <exception cref="IOException">The file cannot be read, is no longer UTF-8 text, or has changed (<see cref="SourceText.ChangedSince"/>).</exception>
    ReadOnlySpan<char> TextOf(SourceText source, string relativePath);
}
