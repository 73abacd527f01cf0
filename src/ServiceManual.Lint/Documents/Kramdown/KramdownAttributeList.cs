namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>Reads the id out of a kramdown attribute list such as <c>.intro #top</c> or <c>id="top" class="x"</c>.</summary>
internal static class KramdownAttributeList
{
    /// <summary>The classes of an attribute list: <c>.a .b</c> and <c>class="a b"</c>.</summary>
    public static IReadOnlyList<string> GetClasses(string attributes)
    {
        var classes = new List<string>();
        foreach (var token in attributes.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith('.')) classes.AddRange(token.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('#')[0]));
        }
        var at = attributes.IndexOf("class=", StringComparison.Ordinal);
        if (at >= 0 && at + 6 < attributes.Length && attributes[at + 6] is '"' or '\'')
        {
            var end = attributes.IndexOf(attributes[at + 6], at + 7);
            if (end > 0) classes.AddRange(attributes[(at + 7)..end].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        return classes;
    }

    public static string? GetId(string attributes)
    {
        string? id = null;
        var i = 0;
        while (i < attributes.Length)
        {
            while (i < attributes.Length && char.IsWhiteSpace(attributes[i])) i++;
            if (i >= attributes.Length) break;
            var start = i;
            if (attributes[i] == '#')
            {
                i++;
                while (i < attributes.Length && !char.IsWhiteSpace(attributes[i]) && attributes[i] is not ('.' or '#')) i++;
                id = attributes[(start + 1)..i];
                continue;
            }
            while (i < attributes.Length && !char.IsWhiteSpace(attributes[i]) && attributes[i] != '=') i++;
            var key = attributes[start..i];
            if (i < attributes.Length && attributes[i] == '=' && i + 1 < attributes.Length && attributes[i + 1] is '"' or '\'')
            {
                var quote = attributes[i + 1];
                var end = attributes.IndexOf(quote, i + 2);
                if (end < 0) break;
                if (key == "id") id = attributes[(i + 2)..end];
                i = end + 1;
            }
        }
        return string.IsNullOrEmpty(id) ? null : id;
    }
}
