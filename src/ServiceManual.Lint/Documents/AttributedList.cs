namespace ServiceManual.Lint.Documents;

/// <summary>
/// A Markdown list that a kramdown attribute list gives classes to, such as the Service Manual's
/// <c>{:.phase-nav}</c> list at the end of each phase page.
/// </summary>
/// <param name="Classes">The classes from the attribute list.</param>
/// <param name="Offset">File offset where the list starts.</param>
/// <param name="Length">Length of the list's source text (without its final line ending).</param>
/// <param name="Line">1-based line of the list's first item.</param>
/// <param name="Items">The items in order.</param>
internal sealed record AttributedList(IReadOnlyList<string> Classes, int Offset, int Length, int Line, IReadOnlyList<ListItemLink> Items);

/// <summary>One list item and the first link in it.</summary>
/// <param name="Line">1-based line of the item.</param>
/// <param name="Link">The item's first link, if it has one.</param>
/// <param name="IsStrong">Whether the link is in bold (<c>**[...](...)**</c>).</param>
internal sealed record ListItemLink(int Line, Link? Link, bool IsStrong);
