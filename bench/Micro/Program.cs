using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Documents.Kramdown;
using ServiceManual.Lint.Sites;

// "workspace ROOT [CONFIG]": the language server's latencies (bench/workspace.sh), timed by hand:
// BenchmarkDotNet's iterations would hide the percentiles an editor feels.
if (args.Length > 0 && args[0] == "workspace") return WorkspaceLatency.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(HotPaths).Assembly).Run(args);
return 0;

/// <summary>The hot paths of a lint run, on real Service Manual content.</summary>
[MemoryDiagnoser]
public class HotPaths
{
    private const string Page = """
        ---
        layout: detailed-guidance
        title: Writing user stories
        subtitle: How to write a useful user story
        status: draft
        phases:
          - discovery
          - alpha
        breadcrumbs:
          -
            title: Home
            url: /service-manual
          -
            title: Agile
            url: /service-manual/agile
        ---

        User stories are a [promise of a conversation](#promise-of-a-conversation).
        {:.intro}

        ##A promise of a conversation

        See [sprints](/service-manual/agile/features-of-agile.html#sprints) and <a href="/service-manual/phases">phases</a>.

        ## 1. Don't slow down delivery

        *[API]: application programming interface
        """;

    private JekyllSite site = null!;
    private LinkResolver resolver = null!;
    private Page page = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = Path.Combine(Path.GetTempPath(), "smlint-micro");
        Directory.CreateDirectory(Path.Combine(root, "service-manual", "agile"));
        File.WriteAllText(Path.Combine(root, "service-manual", "agile", "writing-user-stories.md"), Page);
        File.WriteAllText(Path.Combine(root, "service-manual", "agile", "features-of-agile.md"), "---\ntitle: F\n---\n\n## Sprints\n");
        site = SiteLoader.Load(root, new LintConfiguration());
        resolver = new LinkResolver(site);
        page = site.Pages.Single(p => p.Path.EndsWith("writing-user-stories.md", StringComparison.Ordinal));
    }

    [Benchmark(Description = "parse one page (front matter, kramdown, HTML, links)")]
    public Page ParsePage() => PageParser.Parse("service-manual/a.md", FileKind.Page, Page, new MarkdownOptions { Input = MarkdownInput.Kramdown });

    [Benchmark(Description = "front matter only")]
    public object? FrontMatter() => FrontMatterReader.Read(new ServiceManual.Lint.Text.SourceText(Page)).FrontMatter.Root;

    [Benchmark(Description = "front matter through YamlDotNet (what the direct reader saves)")]
    public object? FrontMatterByYamlDotNet() => YamlTreeBuilder.Parse(Yaml);

    private static readonly string Yaml = Page[4..Page.IndexOf("\n---", 4, StringComparison.Ordinal)];

    [Benchmark(Description = "kramdown id of a heading")]
    public string KramdownId() => KramdownIds.BasicId("1. Don't slow down delivery, decisions when they're needed");

    [Benchmark(Description = "resolve every link of the page")]
    public int ResolveLinks()
    {
        var found = 0;
        foreach (var link in page.Links)
        {
            if (resolver.Resolve(page, link).Outcome == LinkOutcome.Found) found++;
        }
        return found;
    }
}
