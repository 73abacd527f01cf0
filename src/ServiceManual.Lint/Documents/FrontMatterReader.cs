using ServiceManual.Lint.Text;
using YamlDotNet.Core;

namespace ServiceManual.Lint.Documents;

/// <summary>Finds and parses Jekyll front matter the way Jekyll 2 does.</summary>
internal static class FrontMatterReader
{
    /// <summary>
    /// Jekyll treats a file as a page when its first five bytes match <c>\A---\r?\n</c>
    /// (so a BOM or <c>--- </c> with trailing space makes it a static file).
    /// </summary>
    public static bool HasFrontMatter(string text) =>
        text.StartsWith("---\n", StringComparison.Ordinal) || text.StartsWith("---\r\n", StringComparison.Ordinal);

    /// <summary>
    /// Reads the front matter of a page (<see cref="HasFrontMatter"/> must hold). Returns the
    /// parsed front matter and the offset where the body starts. An unclosed block is reported as
    /// an error and the body is then the whole rest of the file, as Jekyll renders it.
    /// </summary>
    public static (FrontMatter FrontMatter, int BodyOffset) Read(SourceText source, int maxBytes = int.MaxValue)
    {
        var text = source.Text;
        var yamlStart = text.IndexOf('\n') + 1;
        var (closeStart, bodyOffset) = FindClosingLine(text, yamlStart);
        if (closeStart < 0)
        {
            var error = new FrontMatterError("front matter is not closed: add a line '---' after the last key", source.GetSpan(0, 3));
            return (new FrontMatter(source, yamlStart, 0, null, error), yamlStart);
        }

        var yaml = text.AsSpan(yamlStart, closeStart - yamlStart);
        if (System.Text.Encoding.UTF8.GetByteCount(yaml) > maxBytes)
        {
            var error = new FrontMatterError($"front matter is over the {maxBytes / 1024} KB limit (limits.max-front-matter-bytes); it was not read", source.GetSpan(0, 3));
            return (new FrontMatter(source, yamlStart, yaml.Length, null, error), bodyOffset);
        }
        var (root, parseError) = Parse(text, yamlStart, yaml.Length);
        FrontMatterError? frontMatterError = null;
        var frontMatter = new FrontMatter(source, yamlStart, yaml.Length, root, null);
        if (parseError is not null)
        {
            frontMatterError = new FrontMatterError(parseError.Value.Message, frontMatter.GetSpan(parseError.Value.Mark));
            frontMatter = new FrontMatter(source, yamlStart, yaml.Length, null, frontMatterError);
        }
        return (frontMatter, bodyOffset);
    }

    // Jekyll: /\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)/m
    private static (int CloseStart, int BodyOffset) FindClosingLine(string text, int from)
    {
        var lineStart = from;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            var end = lineEnd < 0 ? text.Length : lineEnd;
            var line = text.AsSpan(lineStart, end - lineStart).TrimEnd();
            if (line is "---" or "...") return (lineStart, lineEnd < 0 ? text.Length : lineEnd + 1);
            if (lineEnd < 0) break;
            lineStart = lineEnd + 1;
        }
        return (-1, -1);
    }

    // The YAML is read where it stands in the page's text; positions are relative to its start.
    private static (YamlMapping? Root, (string Message, Mark Mark)? Error) Parse(string text, int start, int length)
    {
        if (text.AsSpan(start, length).IsWhiteSpace()) return (null, null);
        // Most front matter is plain block YAML: read it directly; anything else goes to YamlDotNet.
        if (BlockYamlReader.TryRead(text, start, length) is { } simple) return (simple, null);
        try
        {
            return YamlTreeBuilder.Parse(text.Substring(start, length)) switch
            {
                null => (null, null),
                YamlMapping mapping => (mapping, null),
                YamlScalar { IsNull: true } => (null, null),
                var other => (null, ("front matter must be a mapping of keys to values", other.Start)),
            };
        }
        catch (YamlException e)
        {
            return (null, (PlainMessage(e), e.Start));
        }
    }

    private static string PlainMessage(YamlException e)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; we print our own position.
        var message = e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && cut > 0) message = message[(cut + 3)..];
        message = message.Trim().TrimEnd('.');
        return message.Length == 0 ? "front matter is not valid YAML" : $"front matter is not valid YAML: {char.ToLowerInvariant(message[0])}{message[1..]}";
    }
}
