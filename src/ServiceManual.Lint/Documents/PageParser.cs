using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Documents;

/// <summary>Turns a file's text into a <see cref="Page"/>: the one parse every rule shares.</summary>
internal static class PageParser
{
    public static Page Parse(string path, FileKind kind, string text, MarkdownOptions markdown, int maxFrontMatterBytes = int.MaxValue)
    {
        var workspace = ParseWorkspace.Current;
        var source = new SourceText(text, ref workspace.LineScratch);
        FrontMatter? frontMatter = null;
        var bodyOffset = 0;
        if (FrontMatterReader.HasFrontMatter(text))
        {
            (frontMatter, bodyOffset) = FrontMatterReader.Read(source, maxFrontMatterBytes);
        }

        // The thread's lists, reused from page to page; the page keeps right-sized copies.
        var anchors = workspace.Anchors;
        var links = workspace.Links;
        var lists = workspace.Lists;
        anchors.Clear();
        links.Clear();
        lists.Clear();
        if (frontMatter is not null) AddBreadcrumbLinks(frontMatter, links);
        // Comments are collected only on the pages that could hold a suppression.
        var comments = text.Contains("smlint-", StringComparison.Ordinal) ? new List<(int Offset, int Length)>() : null;
        if (Page.IsMarkdownPath(path)) MarkdownPageParser.Parse(source, bodyOffset, markdown, anchors, links, lists, comments);
        else
        {
            MarkdownPageParser.ParseHtml(source, bodyOffset, anchors, links);
            if (comments is not null) HtmlComments.Find(text, bodyOffset, text.Length - bodyOffset, comments);
        }

        // Arrays, not lists with spare capacity: a large site keeps every page's parse until the end.
        return new Page(path, kind, source, frontMatter, bodyOffset, anchors.ToArray(), links.ToArray(), lists.ToArray(), FindIncludes(text, bodyOffset), comments is null ? Suppressions.None : Suppressions.Read(source, frontMatter, comments));
    }

    private static void AddBreadcrumbLinks(FrontMatter frontMatter, List<Link> links)
    {
        if (frontMatter.Get("breadcrumbs") is not YamlSequence crumbs) return;
        foreach (var crumb in crumbs.Items)
        {
            if (crumb is not YamlMapping mapping || mapping.Get("url") is not YamlScalar { IsNull: false } url) continue;
            var (offset, length) = frontMatter.GetWrittenRange(url);
            links.Add(new Link(url.Value, offset, length, frontMatter.GetSpan(url), LinkKind.FrontMatter, mapping.GetString("title")));
        }
    }

    /// <summary>What <see cref="Page.Includes"/> holds for an include whose name Liquid makes (<c>{% include {{ x }}.html %}</c>).</summary>
    public const string DynamicInclude = "{{dynamic}}";

    // {% include name.html %} with a literal name; includes with Liquid in the name can't be followed.
    private static string[] FindIncludes(string text, int from)
    {
        List<string>? includes = null; // most pages include nothing
        var at = from;
        while ((at = text.IndexOf("{%", at, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf("%}", at + 2, StringComparison.Ordinal); // after "{%", so "{%}" is not a tag
            if (end < 0) break;
            var words = text[(at + 2)..end].Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
            // A name made by Liquid can be any include: it is kept as the marker DynamicInclude.
            if (words.Length >= 2 && words[0] is "include" or "render") (includes ??= []).Add(words[1].Contains('{') ? DynamicInclude : ParseWorkspace.Share(words[1]));
            at = end + 2;
        }
        return includes is null ? [] : includes.ToArray();
    }
}
