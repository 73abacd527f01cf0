using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Text;
using YamlDotNet.Core;

namespace ServiceManual.Lint.Documents;

/// <summary>
/// A page's YAML front matter, parsed into YamlDotNet's representation model (no reflection
/// deserializer, so it stays safe and Native AOT clean) with every node's file position.
/// </summary>
public sealed class FrontMatter
{
    internal FrontMatter(SourceText source, int yamlOffset, int yamlLength, YamlMapping? root, FrontMatterError? error)
    {
        Source = source;
        YamlOffset = yamlOffset;
        YamlLength = yamlLength;
        Root = root;
        Error = error;
        firstLine = source.GetPosition(yamlOffset).Line;
    }

    private readonly int firstLine;

    /// <summary>The file the front matter belongs to.</summary>
    internal SourceText Source { get; }

    /// <summary>Offset of the first YAML character (after the opening <c>---</c> line).</summary>
    public int YamlOffset { get; }

    /// <summary>Length of the YAML text.</summary>
    public int YamlLength { get; }

    /// <summary>The top-level mapping; null when the YAML is empty, not a mapping or invalid.</summary>
    internal YamlMapping? Root { get; }

    /// <summary>Why the YAML could not be read, when it could not.</summary>
    internal FrontMatterError? Error { get; }

    /// <summary>The value of a top-level key, if present.</summary>
    internal YamlValue? Get(string key) => Root?.Get(key);

    /// <summary>The string value of a top-level scalar key, if present.</summary>
    public string? GetString(string key) => Root?.GetString(key);

    /// <summary>
    /// The 0-based file offset where a node's text starts. For quoted scalars this is the first
    /// character inside the quotes, so edits and positions land on the value itself.
    /// </summary>
    internal int GetValueOffset(YamlValue node)
    {
        var offset = GetOffset(node.Start);
        if (node is YamlScalar { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted }) offset++;
        return offset;
    }

    /// <summary>The file position of a node.</summary>
    internal SourceSpan GetSpan(YamlValue node)
    {
        var start = GetValueOffset(node);
        var length = node is YamlScalar scalar ? scalar.Value.Length : 0;
        return Source.GetSpan(start, length);
    }

    /// <summary>The exact text of a scalar as written in the file (for edits that must keep quoting).</summary>
    internal (int Offset, int Length) GetWrittenRange(YamlScalar scalar)
    {
        var start = GetValueOffset(scalar);
        var end = GetOffset(scalar.End);
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) end--;
        return (start, Math.Max(0, end - start));
    }

    private int GetOffset(Mark mark) => Source.GetLineStart(firstLine + (int)mark.Line - 1) + (int)mark.Column - 1;

    /// <summary>The file position of a YamlDotNet mark inside this front matter.</summary>
    internal SourceSpan GetSpan(Mark mark) => Source.GetSpan(GetOffset(mark), 0);
}

/// <summary>Why front matter could not be read, at the place YamlDotNet (or a safety limit) stopped.</summary>
internal sealed record FrontMatterError(string Message, SourceSpan Span);
