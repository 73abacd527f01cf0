namespace ServiceManual.Lint.Tests;

public sealed class LinkNormalisationTests
{
    [TestCase("a/b/c", "a/b/c")]
    [TestCase("a/b/", "a/b/")]
    [TestCase("a/./b", "a/b")]
    [TestCase("a/../b", "b")]
    [TestCase("a//b", "a/b")]
    [TestCase("/a/b", "a/b")]
    [TestCase("a/.hidden", "a/.hidden")]
    [TestCase("a/b/..", "a")]
    [TestCase("..", null)]
    [TestCase("a/../../b", null)]
    [TestCase("", "")]
    public void Paths_are_normalised_lexically_and_climbing_above_the_root_is_null(string path, string? expected) =>
        Assert.That(Site.LinkResolver.Normalise(path), Is.EqualTo(expected));
}
