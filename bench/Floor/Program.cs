using Markdig;
using YamlDotNet.RepresentationModel;

// Usage: floor SITE. Prints how many pages it parsed.
var pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();
var pages = 0;
foreach (var path in Directory.EnumerateFiles(args[0], "*", SearchOption.AllDirectories))
{
    if (!path.EndsWith(".md", StringComparison.Ordinal) && !path.EndsWith(".html", StringComparison.Ordinal)) continue;
    var text = File.ReadAllText(path);
    if (!text.StartsWith("---", StringComparison.Ordinal)) continue;
    var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
    if (end < 0) continue;
    try
    {
        new YamlStream().Load(new StringReader(text[4..end]));
    }
    catch (YamlDotNet.Core.YamlException)
    {
        // The floor only measures parsing.
    }
    Markdown.Parse(text[(end + 4)..], pipeline);
    pages++;
}
Console.WriteLine($"{pages} pages");
