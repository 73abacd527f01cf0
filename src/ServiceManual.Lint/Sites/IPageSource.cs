using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Sites;

/// <summary>What is already known of a file: its parse (a page or template), or that Jekyll copies it as it is.</summary>
/// <param name="Page">The parsed page or template; null for a file Jekyll copies as it is.</param>
/// <param name="StaticReason">For Markdown without front matter: why it is not a page (null for plain HTML).</param>
internal readonly record struct KnownFile(Page? Page, string? StaticReason);

/// <summary>
/// Pages already parsed, for the loader to take instead of reading and parsing their files again
/// (an incremental run's cache). Asked from one thread, once per text file, in path order.
/// </summary>
internal interface IPageSource
{
    /// <summary>What is known of the file at <paramref name="path"/> if it still has this size and time; null to read and parse it.</summary>
    KnownFile? Find(string path, long length, long modified);
}
