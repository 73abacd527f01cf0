using ServiceManual.Lint.Fixing;

namespace ServiceManual.Lint.Tests;

/// <summary>Every example in every rule doc runs as a test (ESLint's and markdownlint's approach).</summary>
public sealed class RuleDocExampleTests
{
    private static IEnumerable<TestCaseData> Examples() =>
        RuleDocExample.Load(Path.Combine(RepositoryPaths.Root, "rules")).Select(e => new TestCaseData(e).SetName(e.ToString()));

    [TestCaseSource(nameof(Examples))]
    public void Rule_doc_example_behaves_as_documented(object data)
    {
        var example = (RuleDocExample)data;
        switch (example.Kind)
        {
            case "Incorrect":
            {
                using var site = Build(example);
                var expected = example.Files.SelectMany(f => f.ExpectedFindings.Select(x => (x.RuleId, f.Path, x.Line))).Order().ToArray();
                Assert.That(expected, Is.Not.Empty, "an incorrect example must mark at least one line with <!-- SMnnn -->");
                var actual = Lint(site, example).Diagnostics.Where(d => d.Rule.Id == example.RuleId).Select(d => (d.Rule.Id, d.Path, d.Span.Line)).Order().ToArray();
                Assert.That(actual, Is.EqualTo(expected));
                break;
            }
            case "Correct":
            {
                using var site = Build(example);
                var findings = Lint(site, example).Diagnostics.Where(d => d.Rule.Id == example.RuleId).Select(d => $"{d.Path}:{d.Span} {d.Message}");
                Assert.That(findings, Is.Empty);
                break;
            }
            case "Fixed":
            {
                Assert.That(example.FixedFrom, Is.Not.Null, "a Fixed example must follow an Incorrect one");
                using var site = Build(example.FixedFrom!);
                var before = Lint(site, example);
                Assert.That(before.Diagnostics.Where(d => d.Rule.Id == example.RuleId && d.Fix is not null), Is.Not.Empty, "the rule offers no fix");
                FixApplier.Apply(before);
                foreach (var file in example.Files) Assert.That(site.Read(file.Path), Is.EqualTo(file.Content), file.Path);
                Assert.That(Lint(site, example).Diagnostics.Where(d => d.Rule.Id == example.RuleId), Is.Empty, "re-linting the fixed site still reports the rule");
                break;
            }
        }
    }

    // The external link rules' examples ask a test server on 127.0.0.1 for the hosts they name.
    private static LintResult Lint(TestSite site, RuleDocExample example) =>
        External.RuleDocExternalLinks.Applies(example.RuleId) ? External.RuleDocExternalLinks.Lint(site) : site.Lint();

    private static TestSite Build(RuleDocExample example)
    {
        var site = new TestSite();
        foreach (var file in example.Files)
        {
            if (file.SymlinkTarget.Length > 0) site.WithSymlink(file.Path, file.SymlinkTarget);
            else site.With(file.Path, file.Content, file.TextEncoding);
        }
        // The rule set the doc says its rule needs, chosen as a site chooses it.
        // The Service Manual's examples are linted as the Service Manual is served (its app.rb, its hosts).
        if (example.SiteVocabulary is { } ruleSet && !example.Files.Any(f => f.Path == "smlint.yml"))
        {
            site.With("smlint.yml", $"ruleset: {ruleSet}\n" + (ruleSet == "service-manual" ? "site:\n  serving: extensionless\n  hosts: [www.gov.uk, gov.uk]\n" : string.Empty));
        }
        return site;
    }
}
