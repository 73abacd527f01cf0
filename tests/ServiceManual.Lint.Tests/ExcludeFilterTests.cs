namespace ServiceManual.Lint.Tests;

public sealed class ExcludeFilterTests
{
    private static readonly Sites.ExcludeFilter Filter = new(["README.md", "/tools", "vendor/", "/service-manual/assets/toolkit/*.md", "**/*.draft.md"]);

    [TestCase("README.md", true)]
    [TestCase("tools", true)]
    [TestCase("tools/lint/lint.go", true)]
    [TestCase("vendor/gem/x.md", true)]
    [TestCase("service-manual/assets/toolkit/README.md", true)]
    [TestCase("service-manual/assets/toolkit/images/a.png", false)]
    [TestCase("service-manual/agile/plan.draft.md", true)]
    [TestCase("service-manual/README.md", false)]
    [TestCase("toolsmith.md", false)]
    public void Plain_names_exclude_themselves_and_what_is_below_and_globs_match_as_globs(string path, bool excluded) =>
        Assert.That(Filter.IsExcluded(path), Is.EqualTo(excluded));
}
