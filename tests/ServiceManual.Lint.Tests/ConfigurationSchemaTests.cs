using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ServiceManual.Lint.Configuration;
using YamlDotNet.RepresentationModel;

namespace ServiceManual.Lint.Tests;

/// <summary>docs/schema/smlint.schema.json and the loader agree: the same keys, and every sample configuration valid under both.</summary>
public sealed class ConfigurationSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepositoryPaths.Root, "docs", "schema", "smlint.schema.json");
    private static readonly JsonObject SchemaJson = JsonNode.Parse(File.ReadAllText(SchemaPath))!.AsObject();

    // Read once: the library registers a schema by its $id, and refuses a second one with the same.
    private static readonly Lazy<JsonSchema> ParsedSchema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    private static JsonSchema Schema() => ParsedSchema.Value;

    private static string[] PropertyNames(JsonNode? node) => node!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();

    private static string[] Sorted(IEnumerable<string> keys) => keys.Order(StringComparer.Ordinal).ToArray();

    [Test]
    public void The_schema_lists_exactly_the_keys_the_loader_reads()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PropertyNames(SchemaJson), Is.EqualTo(Sorted(ConfigurationLoader.SmlintKeys)), "top level");
            Assert.That(PropertyNames(SchemaJson["properties"]!["site"]), Is.EqualTo(Sorted(ConfigurationLoader.SiteKeys)), "site");
            Assert.That(PropertyNames(SchemaJson["properties"]!["limits"]), Is.EqualTo(Sorted(ConfigurationLoader.LimitKeys)), "limits");
            Assert.That(PropertyNames(SchemaJson["properties"]!["overrides"]!["items"]), Is.EqualTo(Sorted(ConfigurationLoader.OverrideKeys)), "overrides");
            Assert.That(PropertyNames(SchemaJson["$defs"]!["ruleset"]), Is.EqualTo(Sorted(SiteVocabulary.Keys)), "ruleset");
        });
    }

    [Test]
    public void The_schema_is_valid_under_its_meta_schema()
    {
        var meta = MetaSchemas.Draft202012.Evaluate(JsonDocument.Parse(File.ReadAllText(SchemaPath)).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.That(meta.IsValid, Is.True, Describe(meta));
    }

    private static IEnumerable<string> SampleConfigurations() =>
        new[] { Path.Combine("samples", "service-manual", "smlint.yml") }
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations"), "*.yml")
                .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)))
            .Concat(["README.md#Configuration"]);

    [TestCaseSource(nameof(SampleConfigurations))]
    public void A_sample_configuration_is_valid_under_the_schema_and_the_loader(string sample)
    {
        var yaml = sample == "README.md#Configuration" ? ReadmeConfiguration() : File.ReadAllText(Path.Combine(RepositoryPaths.Root, sample));
        var result = Schema().Evaluate(ToJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.That(result.IsValid, Is.True, Describe(result));
        // The README's example extends a file of its own repository, which a test site has not got.
        using var site = new TestSite().With("smlint.yml", string.Join('\n', yaml.Split('\n').Where(l => !l.StartsWith("extends:", StringComparison.Ordinal))))
            .WithPage("index.md", "\nText.\n");
        Assert.That(() => ConfigurationLoader.Load(site.Root), Throws.Nothing);
    }

    [TestCase("rules/jekyll.yml")]
    [TestCase("rules/service-manual.yml")]
    public void The_built_in_rule_sets_are_valid_inline_rule_sets_under_the_schema(string file)
    {
        var ruleSet = ToJson(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)));
        var result = Schema().Evaluate(JsonDocument.Parse(new JsonObject { ["ruleset"] = JsonNode.Parse(ruleSet.GetRawText()) }.ToJsonString()).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.That(result.IsValid, Is.True, Describe(result));
    }

    [TestCase("rule:\n  SM301: off\n")]
    [TestCase("site:\n  serve: jekyll\n")]
    [TestCase("overrides:\n  - files: [a]\n")]
    [TestCase("rules:\n  SM301: loud\n")]
    public void A_configuration_the_loader_refuses_is_invalid_under_the_schema_too(string yaml)
    {
        Assert.That(Schema().Evaluate(ToJson(yaml)).IsValid, Is.False);
        using var site = new TestSite().With("smlint.yml", yaml).WithPage("index.md", "\nText.\n");
        Assert.That(() => ConfigurationLoader.Load(site.Root), Throws.TypeOf<ConfigurationException>());
    }

    // The README's example smlint.yml: the yaml block under "## Configuration" that sets include:.
    private static string ReadmeConfiguration()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("\n## Configuration", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        return section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static string Describe(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    // YAML as the loader reads it (YamlDotNet's representation model), turned into JSON: plain
    // scalars that YAML reads as numbers, booleans or null become those.
    private static JsonElement ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var node = stream.Documents.Count == 0 ? new JsonObject() : Convert(stream.Documents[0].RootNode);
        return JsonDocument.Parse(node?.ToJsonString() ?? "null").RootElement;
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(e => KeyValuePair.Create(((YamlScalarNode)e.Key).Value!, Convert(e.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => scalar.Value switch
        {
            null or "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            var text when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            var text => JsonValue.Create(text),
        },
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => throw new NotSupportedException(node.GetType().Name),
    };
}
