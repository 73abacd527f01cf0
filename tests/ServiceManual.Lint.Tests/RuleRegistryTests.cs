using System.Text.RegularExpressions;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Tests;

/// <summary>The registry, the docs in rules/ and the README's rule table must agree (ESLint's and markdownlint's checks).</summary>
public sealed partial class RuleRegistryTests
{
    private static readonly string RulesFolder = Path.Combine(RepositoryPaths.Root, "rules");

    [Test]
    public void Every_registered_rule_has_a_doc_and_every_doc_a_rule()
    {
        var registered = RuleRegistry.BuiltIn.Select(r => r.Descriptor.Id).Order().ToArray();
        var documented = Directory.GetFiles(RulesFolder, "SM*.md").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        Assert.That(documented, Is.EqualTo(registered));
    }

    [Test]
    public void Ids_and_names_are_unique_and_well_formed()
    {
        var descriptors = RuleRegistry.BuiltIn.Select(r => r.Descriptor).ToArray();
        Assert.That(descriptors.Select(d => d.Id), Is.Unique.And.All.Matches(IdPattern()));
        Assert.That(descriptors.Select(d => d.Name), Is.Unique.And.All.Matches(NamePattern()));
    }

    [TestCaseSource(nameof(Descriptors))]
    public void Doc_title_matches_the_descriptor_and_has_the_examples_it_needs(RuleDescriptor rule)
    {
        var doc = File.ReadAllText(Path.Combine(RulesFolder, rule.Id + ".md"));
        Assert.That(doc, Does.StartWith($"# {rule.Id}: {rule.Name}\n"));
        Assert.That(doc, Does.Contain("### Incorrect:"));
        Assert.That(doc, Does.Contain("### Correct:"));
        Assert.That(doc.Contains("### Fixed:", StringComparison.Ordinal), Is.EqualTo(rule.IsFixable), "fixable rules show a fix, others do not");
        Assert.That(RuleDocs.Get(rule.Id), Is.EqualTo(doc), "the doc is embedded in the library");
    }

    [TestCaseSource(nameof(Descriptors))]
    public void Readme_rule_table_lists_the_rule_with_its_default_and_fixability(RuleDescriptor rule)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var row = $"| [{rule.Id}](rules/{rule.Id}.md) | {rule.Name} | {Diagnostics.SeverityNames.ToName(rule.DefaultSeverity)} | {(rule.IsFixable ? "yes" : "no")} |";
        Assert.That(readme, Does.Contain(row));
    }

    private static IEnumerable<TestCaseData> Descriptors() =>
        RuleRegistry.BuiltIn.Select(r => new TestCaseData(r.Descriptor).SetName($"{{m}}({r.Descriptor.Id})"));

    [GeneratedRegex(@"^SM\d{3}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z]+(-[a-z]+)*$")]
    private static partial Regex NamePattern();
}
