using System.IO.Hashing;
using System.Text;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Caching;

/// <summary>
/// Hashes of what one file shows the rest of the site. Findings on other files can depend on a
/// page's ids (fragment links into it) and on its front matter, lists and includes (titles,
/// breadcrumb majorities, phase navigation, ids from layouts); never on its body text or its own
/// links. So an edit that leaves both hashes alone re-checks that file only.
/// </summary>
internal readonly record struct PageFacts(UInt128 Ids, UInt128 Metadata)
{
    public static PageFacts Of(Page page)
    {
        var ids = new StringBuilder();
        foreach (var anchor in page.Anchors) ids.Append(anchor.Id).Append('\n');
        var metadata = new StringBuilder();
        metadata.Append((int)page.Kind).Append('\n');
        if (page.FrontMatter is { } frontMatter)
        {
            metadata.Append(frontMatter.Error?.Message).Append('\n');
            Append(metadata, frontMatter.Root, new Dictionary<YamlValue, int>(ReferenceEqualityComparer.Instance));
        }
        metadata.Append("\nlists\n");
        foreach (var list in page.Lists)
        {
            metadata.Append(string.Join(' ', list.Classes)).Append('\n');
            foreach (var item in list.Items) metadata.Append(item.IsStrong).Append(' ').Append(item.Link?.Url).Append(' ').Append(item.Link?.Text).Append('\n');
        }
        metadata.Append("includes\n").AppendJoin('\n', page.Includes);
        return new PageFacts(Hash(ids), Hash(metadata));
    }

    public bool SameIds(PageFacts other) => Ids == other.Ids;

    public bool SameMetadata(PageFacts other) => Metadata == other.Metadata;

    private static UInt128 Hash(StringBuilder text) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text.ToString()));

    // Values and structure, not positions: moving front matter down a line changes no other file's
    // findings. A node met again through an alias is written as a back-reference, so work stays linear.
    private static void Append(StringBuilder text, YamlValue? node, Dictionary<YamlValue, int> seen)
    {
        if (node is not null && seen.TryGetValue(node, out var index))
        {
            text.Append('*').Append(index);
            return;
        }
        if (node is not null) seen[node] = seen.Count;
        switch (node)
        {
            case YamlScalar scalar:
                text.Append((int)scalar.Style).Append(':').Append(scalar.Value.Length).Append(':').Append(scalar.Value);
                break;
            case YamlSequence sequence:
                text.Append('[');
                foreach (var item in sequence.Items) { Append(text, item, seen); text.Append(','); }
                text.Append(']');
                break;
            case YamlMapping mapping:
                text.Append('{');
                foreach (var (key, value) in mapping.Entries)
                {
                    Append(text, key, seen);
                    text.Append('=');
                    Append(text, value, seen);
                    text.Append(',');
                }
                text.Append('}');
                break;
            default:
                text.Append('~');
                break;
        }
    }
}
