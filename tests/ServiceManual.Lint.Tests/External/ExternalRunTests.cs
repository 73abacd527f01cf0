using System.Diagnostics;
using System.Net.Sockets;
using ServiceManual.Lint.Cli;
using ServiceManual.Lint.External;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Tests.External;

/// <summary>The external check from the command line, and on the corpus with no network.</summary>
[NonParallelizable]
public sealed class ExternalRunTests
{
    [Test]
    public async Task The_command_line_checks_reports_summarises_and_caches()
    {
        await using var server = await ExternalTestServer.StartAsync();
        using var site = new TestSite();
        // 127.0.0.1 itself: the command line has no test hook, and needs none for a literal address.
        site.WithPage("index.md", $"[a](http://127.0.0.1:{server.Port}/ok)\n[b](http://127.0.0.1:{server.Port}/not-found)\n");
        var (exitCode, output, error) = Run("--root", site.Root, "--external", "-f", "msbuild");
        Assert.That(exitCode, Is.EqualTo(SmlintCommand.FindingsExitCode));
        Assert.That(output.Trim(), Is.EqualTo($"{Path.Combine(site.Root, "index.md")}(6,5): error SM310: external link 'http://127.0.0.1:{server.Port}/not-found' is broken: 404 Not Found"));
        Assert.That(error.Trim(), Is.EqualTo("smlint: external links: 2 URLs (0 cached, 3 requests): 1 ok (0 permanently redirected), 1 broken, 0 unreachable, 0 flaky, 0 excluded"));

        (_, _, error) = Run("--root", site.Root, "--external", "-f", "msbuild");
        Assert.That(error.Trim(), Does.StartWith("smlint: external links: 2 URLs (2 cached, 0 requests)"));
        (_, _, error) = Run("--root", site.Root, "--external-refresh", "-f", "msbuild");
        Assert.That(error.Trim(), Does.StartWith("smlint: external links: 2 URLs (0 cached, 3 requests)"));
        // Without --external: offline, as before.
        (exitCode, output, error) = Run("--root", site.Root, "-f", "msbuild");
        Assert.That((exitCode, output, error), Is.EqualTo((0, string.Empty, string.Empty)));
    }

    [Test]
    public void Bad_external_settings_exit_2_with_the_position()
    {
        using var site = new TestSite().With("smlint.yml", "external:\n  per-host: many\n");
        var (exitCode, _, error) = Run("--root", site.Root, "--external");
        Assert.That(exitCode, Is.EqualTo(SmlintCommand.UsageExitCode));
        Assert.That(error.Trim(), Is.EqualTo($"smlint: {Path.Combine(site.Root, "smlint.yml")}:2:13: expected a whole number from 1 to 64, not 'many'"));
    }

    [Test]
    public void Without_network_every_external_link_of_the_corpus_is_one_unreachable_finding()
    {
        var corpus = RepositoryPaths.Corpus;
        if (corpus is null) Assert.Ignore("../shared/corpus is not beside this clone");
        using var copy = TestSite.CopyOf(Path.Combine(corpus!, "service-manual-2016"));
        var started = Stopwatch.StartNew();
        // As on a machine whose resolver knows no name: every lookup fails.
        var result = Linter.Lint(new LintOptions
        {
            Root = copy.Root,
            CheckExternalLinks = true,
            ExternalConnect = (_, _) => throw new SocketException((int)SocketError.HostNotFound),
        });
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));

        var expected = new LinkResolver(result.Site).ResolveAll()
            .Where(l => l.Outcome == LinkOutcome.External && !l.ViaOwnHost && ExternalUrls.TrySplit(l.Link.Url, out _, out _))
            .Select(l => (l.Source.Path, l.Link.Span.Line, l.Link.Span.Column)).Order().ToArray();
        var reported = result.Diagnostics.Where(d => d.Rule.Id.StartsWith("SM31", StringComparison.Ordinal)).ToArray();
        Assert.That(expected, Has.Length.GreaterThan(500));
        Assert.That(reported.Select(d => (d.Path, d.Span.Line, d.Span.Column)).Order(), Is.EqualTo(expected));
        Assert.That(reported.Select(d => d.Rule.Id).Distinct(), Is.EqualTo(new[] { "SM311" }));
        Assert.That(reported.Select(d => d.Message), Has.All.Matches(@"^external link '[^'\n]+' is unreachable: host '[^'\n]+' not found \(DNS\)$"));
        Assert.That(result.External!.Unreachable, Is.EqualTo(result.External!.Urls));
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SmlintCommand.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
