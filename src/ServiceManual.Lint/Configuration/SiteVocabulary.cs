using ServiceManual.Lint.Documents;
using YamlDotNet.Core;

namespace ServiceManual.Lint.Configuration;

/// <summary>One kind of page, chosen by layout, with the front matter keys it must have.</summary>
/// <param name="Kind">A name for messages, such as <c>phase</c> or <c>content</c>.</param>
/// <param name="Layouts">Layouts that make a page this kind; empty matches every page.</param>
/// <param name="Required">Keys a page of this kind must have.</param>
internal sealed record PageKind(string Kind, IReadOnlyList<string> Layouts, IReadOnlyList<string> Required);

/// <summary>The wording of phase navigation items; <c>{phase}</c> stands for the phase name.</summary>
internal sealed record PhaseNavStyle(string ClassName, string Next, string Previous, string Final);

/// <summary>
/// The site's vocabulary, as data: page kinds and their required keys, allowed values, types, known
/// keys, the home page, breadcrumbs and the phase order. Two ship embedded: <c>jekyll</c>
/// (<c>rules/jekyll.yml</c>, what every site gets unless it chooses: nothing Jekyll itself does not
/// require) and <c>service-manual</c> (<c>rules/service-manual.yml</c>, the GOV.UK Service Manual's);
/// another site sets its own without code, starting from either (<c>extends:</c>).
/// </summary>
internal sealed record SiteVocabulary
{
    /// <summary>The names of the rule sets that ship with smlint, for <c>ruleset:</c> and <c>extends:</c>.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["jekyll", "service-manual"];

    /// <summary>The keys a rule set file or inline <c>ruleset:</c> mapping may hold (the JSON schema lists the same).</summary>
    public static IReadOnlyList<string> Keys { get; } = ["extends", "home", "page-kinds", "values", "types", "known-keys", "breadcrumbs", "phase-order", "phase-nav"];

    /// <summary>The URL of the site's home page, where every breadcrumb trail starts.</summary>
    public string Home { get; init; } = "/";

    /// <summary>Page kinds in order; the first that matches a page's layout applies.</summary>
    public IReadOnlyList<PageKind> PageKinds { get; init; } = [new("page", [], [])];

    /// <summary>Allowed values by key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Expected type by key: <c>string</c>, <c>list</c> or <c>mapping</c>.</summary>
    public IReadOnlyDictionary<string, string> Types { get; init; } = new Dictionary<string, string>();

    /// <summary>Keys the site uses, for typo detection.</summary>
    public IReadOnlyList<string> KnownKeys { get; init; } = [];

    /// <summary>
    /// Whether a page's <c>breadcrumbs:</c> list is its breadcrumb trail (mappings of <c>title</c> and
    /// <c>url</c>, checked by SM201-SM203). Off unless the rule set says so: on another site the key
    /// may mean something else, or nothing.
    /// </summary>
    public bool Breadcrumbs { get; init; }

    /// <summary>The phases in order; empty (no phase navigation) unless the rule set names them.</summary>
    public IReadOnlyList<string> PhaseOrder { get; init; } = [];

    /// <summary>How phase navigation is written.</summary>
    public PhaseNavStyle PhaseNav { get; init; } = new("phase-nav", "Next phase: {phase}", "Previous phase: {phase}", "Final phase: {phase}");

    /// <summary>The kind of a page with this layout.</summary>
    public PageKind KindOf(string? layout)
    {
        // Asked for every page by several rules: an index loop, no delegate or enumerator per call
        // (foreach over an IReadOnlyList makes one).
        for (var i = 0; i < PageKinds.Count; i++)
        {
            var kind = PageKinds[i];
            if (kind.Layouts.Count == 0 || (layout is not null && kind.Layouts.Contains(layout))) return kind;
        }
        return PageKinds[^1];
    }

    /// <summary>The kinds whose pages are phase pages (they have a phase and phase navigation).</summary>
    public bool IsPhaseKind(PageKind kind) => kind.Required.Contains("phase");

    /// <summary>The generic rule set for any Jekyll site, used when a site chooses none (<c>rules/jekyll.yml</c>).</summary>
    public static SiteVocabulary Jekyll { get; } = LoadEmbedded("jekyll", new SiteVocabulary());

    /// <summary>The rule set shipped for the GOV.UK Service Manual (<c>rules/service-manual.yml</c>).</summary>
    public static SiteVocabulary ServiceManual { get; } = LoadEmbedded("service-manual", Jekyll);

    /// <summary>A rule set that ships with smlint by its name (<see cref="BuiltInNames"/>), or null.</summary>
    public static SiteVocabulary? Named(string name) => name switch
    {
        "jekyll" => Jekyll,
        "service-manual" => ServiceManual,
        _ => null,
    };

    private static SiteVocabulary LoadEmbedded(string name, SiteVocabulary baseSet)
    {
        using var stream = typeof(SiteVocabulary).Assembly.GetManifestResourceStream($"rules/{name}.yml")
            ?? throw new InvalidOperationException($"the embedded rule set {name} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"rules/{name}.yml", baseSet);
    }

    /// <summary>
    /// Reads a rule set; keys present replace those of <paramref name="baseSet"/>, or of the built-in
    /// rule set the text names in <c>extends:</c>.
    /// </summary>
    /// <exception cref="ConfigurationException">The text is not a valid rule set.</exception>
    public static SiteVocabulary Parse(string yaml, string sourceName, SiteVocabulary baseSet)
    {
        YamlValue? root;
        try
        {
            root = YamlTreeBuilder.Parse(yaml);
        }
        catch (YamlException e)
        {
            throw new ConfigurationException(sourceName, (int)e.Start.Line, (int)e.Start.Column, $"not a valid rule set: {e.Message}");
        }
        return root is YamlMapping mapping ? Apply(mapping, sourceName, baseSet) : baseSet;
    }

    internal static SiteVocabulary Apply(YamlMapping mapping, string sourceName, SiteVocabulary ruleSet)
    {
        // The base comes first wherever "extends:" is written, so the other keys always apply over it.
        if (mapping.Get("extends") is { } extends)
        {
            var name = Scalar(sourceName, extends);
            ruleSet = Named(name) ?? throw Error(sourceName, extends, $"unknown rule set '{name}' in extends; expected {string.Join(" or ", BuiltInNames)}");
        }
        foreach (var (key, value) in mapping.Entries)
        {
            ruleSet = key.Value switch
            {
                "extends" => ruleSet,
                "home" => ruleSet with { Home = "/" + Scalar(sourceName, value).Trim('/') },
                "page-kinds" => ruleSet with { PageKinds = PageKindList(sourceName, value) },
                "values" => ruleSet with { Values = Map(sourceName, value, v => (IReadOnlyList<string>)Strings(sourceName, v)) },
                "types" => ruleSet with { Types = Map(sourceName, value, v => Scalar(sourceName, v)) },
                "known-keys" => ruleSet with { KnownKeys = Strings(sourceName, value) },
                "breadcrumbs" => ruleSet with { Breadcrumbs = Boolean(sourceName, value) },
                "phase-order" => ruleSet with { PhaseOrder = Strings(sourceName, value) },
                "phase-nav" when value is YamlMapping nav => ruleSet with
                {
                    PhaseNav = new PhaseNavStyle(nav.GetString("class") ?? ruleSet.PhaseNav.ClassName, nav.GetString("next") ?? ruleSet.PhaseNav.Next,
                        nav.GetString("previous") ?? ruleSet.PhaseNav.Previous, nav.GetString("final") ?? ruleSet.PhaseNav.Final),
                },
                _ => throw Error(sourceName, key, $"unknown rule set key '{key.Value}'; expected {string.Join(", ", Keys.SkipLast(1))} or {Keys[^1]}"),
            };
        }
        if (ruleSet.PageKinds.Count == 0) throw new ConfigurationException(sourceName, 0, 0, "page-kinds must list at least one kind");
        return ruleSet;
    }

    private static List<PageKind> PageKindList(string sourceName, YamlValue value)
    {
        if (value is not YamlSequence sequence) throw Error(sourceName, value, "page-kinds must be a list");
        return sequence.Items.Select(item => item is YamlMapping kind
            ? new PageKind(kind.GetString("kind") ?? "page",
                kind.Get("layouts") is { } layouts ? Strings(sourceName, layouts) : [],
                kind.Get("required") is { } required ? Strings(sourceName, required) : [])
            : throw Error(sourceName, item, "each page kind must be a mapping with kind, layouts and required")).ToList();
    }

    private static Dictionary<string, T> Map<T>(string sourceName, YamlValue value, Func<YamlValue, T> convert)
    {
        if (value is not YamlMapping mapping) throw Error(sourceName, value, "expected a mapping");
        return mapping.Entries.ToDictionary(e => e.Key.Value, e => convert(e.Value), StringComparer.Ordinal);
    }

    private static string Scalar(string sourceName, YamlValue value) =>
        value is YamlScalar scalar ? scalar.Value : throw Error(sourceName, value, "expected a single value");

    private static bool Boolean(string sourceName, YamlValue value) => Scalar(sourceName, value) switch
    {
        "true" => true,
        "false" => false,
        var other => throw Error(sourceName, value, $"expected true or false, not '{other}'"),
    };

    private static string[] Strings(string sourceName, YamlValue value) => value switch
    {
        YamlSequence sequence => sequence.Items.Select(item => Scalar(sourceName, item)).ToArray(),
        YamlScalar scalar => [scalar.Value],
        _ => throw Error(sourceName, value, "expected a list of values"),
    };

    private static ConfigurationException Error(string sourceName, YamlValue node, string message) =>
        new(sourceName, (int)node.Start.Line, (int)node.Start.Column, message);
}
