using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.External;

namespace ServiceManual.Lint.Tests.External;

/// <summary>The external link check against a server on 127.0.0.1 that every host name is connected to.</summary>
[NonParallelizable]
public sealed class ExternalLinkTests
{
    private ExternalTestServer server = null!;

    // Short waits, so retries and timeouts are seen in a test's time.
    private const string FastSettings = "external:\n  timeout: 1s\n  retry-delay: 50ms\n  retries: 2\n";

    [SetUp]
    public async Task StartServer() => server = await ExternalTestServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await server.DisposeAsync();

    private LintResult Lint(TestSite site, bool refresh = false, bool? enabled = true) => Linter.Lint(new LintOptions
    {
        Root = site.Root,
        CheckExternalLinks = enabled,
        RefreshExternalLinks = refresh,
        ExternalConnect = server.Connect,
    });

    private static string[] External(LintResult result) =>
        result.Diagnostics.Where(d => d.Rule.Id.StartsWith("SM31", StringComparison.Ordinal))
            .Select(d => $"{d.Path}:{d.Span.Line}:{d.Span.Column} {d.Severity.ToName()} {d.Rule.Id} {d.Message}").ToArray();

    private static TestSite SiteLinking(string settings, params string[] urls)
    {
        var site = new TestSite().With("smlint.yml", settings);
        site.WithPage("index.md", string.Concat(urls.Select(url => $"[x]({url})\n")));
        return site;
    }

    [Test]
    public void Each_outcome_is_reported_at_the_link_by_its_rule()
    {
        using var site = SiteLinking(FastSettings,
            "http://docs.example/ok",
            "http://docs.example/not-found",
            "http://docs.example/gone",
            "http://docs.example/flaky",
            "http://docs.example/down",
            "http://docs.example/moved",
            "http://docs.example/moved-308",
            "http://docs.example/found",
            "http://docs.example/temporary",
            "http://docs.example/loop-a",
            "http://docs.example/slow",
            "http://docs.example/no-head",
            "http://nowhere.invalid/page",
            "http://docs.example/chain#intro",
            "http://docs.example/moved-to-nothing");
        var found = External(Lint(site));
        Assert.That(found, Is.EqualTo(new[]
        {
            "index.md:6:5 error SM310 external link 'http://docs.example/not-found' is broken: 404 Not Found",
            "index.md:7:5 error SM310 external link 'http://docs.example/gone' is broken: 410 Gone",
            "index.md:9:5 warning SM312 external link 'http://docs.example/down' did not answer properly: 500 Internal Server Error (tried 3 times)",
            "index.md:10:5 warning SM313 external link 'http://docs.example/moved' is permanently redirected to 'http://docs.example/ok'",
            "index.md:11:5 warning SM313 external link 'http://docs.example/moved-308' is permanently redirected to 'http://docs.example/ok'",
            "index.md:14:5 error SM310 external link 'http://docs.example/loop-a' is broken: redirects in a loop (back to 'http://docs.example/loop-a')",
            "index.md:15:5 warning SM312 external link 'http://docs.example/slow' did not answer properly: no answer within 1 s",
            "index.md:17:5 error SM311 external link 'http://nowhere.invalid/page' is unreachable: host 'nowhere.invalid' not found (DNS)",
            "index.md:18:5 warning SM313 external link 'http://docs.example/chain#intro' is permanently redirected to 'http://docs.example/chain-3#intro'",
            "index.md:19:5 error SM310 external link 'http://docs.example/moved-to-nothing' is broken: 404 Not Found",
        }));
        // HEAD was refused, GET answered: one of each, and no finding.
        Assert.That(server.Log.Where(r => r.HostAndPath == "docs.example/no-head").Select(r => r.Method), Is.EqualTo(new[] { "HEAD", "GET" }));
        // 500 then 200: retried once, then fine.
        Assert.That(server.Log.Count(r => r.HostAndPath == "docs.example/flaky"), Is.EqualTo(2));
        // Always 500: the first attempt and two retries.
        Assert.That(server.Log.Count(r => r.HostAndPath == "docs.example/down"), Is.EqualTo(3));
    }

    [Test]
    public void One_request_per_distinct_url_however_often_it_is_linked()
    {
        using var site = new TestSite().With("smlint.yml", FastSettings);
        site.WithPage("a.md", "[x](http://docs.example/not-found)\n[y](http://docs.example/not-found)\n");
        site.WithPage("b.md", "<a href=\"http://docs.example/not-found\">z</a>\n");
        var found = External(Lint(site));
        Assert.That(found, Is.EqualTo(new[]
        {
            "a.md:5:5 error SM310 external link 'http://docs.example/not-found' is broken: 404 Not Found",
            "a.md:6:5 error SM310 external link 'http://docs.example/not-found' is broken: 404 Not Found",
            "b.md:5:10 error SM310 external link 'http://docs.example/not-found' is broken: 404 Not Found",
        }));
        // HEAD said 404; GET is asked too (servers that mishandle HEAD are common), and that is all.
        Assert.That(server.Log.Select(r => r.Method), Is.EqualTo(new[] { "HEAD", "GET" }));
    }

    [Test]
    public void Fragments_are_looked_up_in_the_fetched_page()
    {
        using var site = SiteLinking(FastSettings,
            "http://docs.example/ok#intro",
            "http://docs.example/ok#legacy",
            "http://docs.example/ok#readme",
            "http://docs.example/ok#missing",
            "http://docs.example/ok#L10-L20",
            "http://docs.example/pdf#page=2");
        Assert.That(External(Lint(site)), Is.EqualTo(new[]
        {
            "index.md:8:5 warning SM314 external link 'http://docs.example/ok#missing' points at '#missing', which its page does not have",
        }));
        Assert.That(server.Log.Where(r => r.HostAndPath == "docs.example/ok").Select(r => r.Method), Is.EqualTo(new[] { "GET" }));
    }

    [Test]
    public void No_host_ever_sees_more_requests_at_once_than_the_per_host_limit()
    {
        var hosts = Enumerable.Range(1, 5).Select(i => $"host{i}.example").ToArray();
        using var site = SiteLinking(FastSettings + "  per-host: 3\n", hosts.SelectMany(host => Enumerable.Range(0, 30).Select(i => $"http://{host}/delay/{i}")).ToArray());
        Assert.That(External(Lint(site)), Is.Empty);
        Assert.That(server.Requests, Is.EqualTo(150));
        foreach (var host in hosts) Assert.That(server.MaxInFlight(host), Is.InRange(1, 3), host);
        // The limit is used, not just respected: the hosts were asked side by side.
        Assert.That(server.MaxInFlightOverall, Is.GreaterThan(3));
    }

    [Test]
    public void No_more_requests_at_once_overall_than_the_global_limit()
    {
        var hosts = Enumerable.Range(1, 6).Select(i => $"host{i}.example").ToArray();
        using var site = SiteLinking(FastSettings + "  per-host: 4\n  concurrency: 5\n", hosts.SelectMany(host => Enumerable.Range(0, 12).Select(i => $"http://{host}/delay/{i}")).ToArray());
        Assert.That(External(Lint(site)), Is.Empty);
        Assert.That(server.MaxInFlightOverall, Is.InRange(2, 5));
    }

    [Test]
    public void A_429_is_retried_after_the_wait_the_host_asked_for()
    {
        using var site = SiteLinking(FastSettings, "http://docs.example/rate-limited");
        Assert.That(External(Lint(site)), Is.Empty);
        var times = server.Log.Where(r => r.HostAndPath == "docs.example/rate-limited").Select(r => r.At).ToArray();
        Assert.That(times, Has.Length.EqualTo(2));
        // Retry-After: 1, against a retry delay of 50 ms.
        Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
    }

    [Test]
    public void A_host_asking_for_a_longer_wait_than_allowed_is_reported_at_once()
    {
        using var site = SiteLinking(FastSettings, "http://docs.example/rate-limited-long");
        Assert.That(External(Lint(site)), Is.EqualTo(new[]
        {
            "index.md:5:5 warning SM312 external link 'http://docs.example/rate-limited-long' did not answer properly: 429 Too Many Requests (asked to wait 3600 s): the host is rate-limiting (tried 3 times)",
        }));
        Assert.That(server.Requests, Is.EqualTo(1));
    }

    [Test]
    public void A_second_run_within_the_cache_age_makes_no_request()
    {
        using var site = SiteLinking(FastSettings, "http://docs.example/ok#intro", "http://docs.example/not-found", "http://docs.example/moved", "http://nowhere.invalid/");
        var first = Lint(site);
        var requests = server.Requests;
        Assert.That(requests, Is.GreaterThan(0));
        var second = Lint(site);
        Assert.That(server.Requests, Is.EqualTo(requests), "the second run asked the server");
        Assert.That(External(second), Is.EqualTo(External(first)));
        Assert.That(second.External!.FromCache, Is.EqualTo(4));
        Assert.That(second.External.Requests, Is.Zero);
        Assert.That(File.Exists(Path.Combine(site.Root, ".smlint-cache/external/results.v1")));

        Lint(site, refresh: true);
        Assert.That(server.Requests, Is.GreaterThan(requests), "--external-refresh must ask again");
    }

    [Test]
    public void With_the_incremental_cache_unchanged_files_still_get_their_external_findings()
    {
        using var site = SiteLinking(FastSettings, "http://docs.example/not-found");
        LintResult Run() => Linter.Lint(new LintOptions { Root = site.Root, CacheFolder = "my-cache", CheckExternalLinks = true, ExternalConnect = server.Connect });
        var first = External(Run());
        var second = External(Run());
        Assert.That(second, Is.EqualTo(first).And.Length.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(site.Root, "my-cache/external/results.v1")));
        // The network's answers are not kept as the file's findings: without --external they are gone.
        var offline = Linter.Lint(new LintOptions { Root = site.Root, CacheFolder = "my-cache" });
        Assert.That(External(offline), Is.Empty);
    }

    [Test]
    public void Flaky_answers_are_not_cached()
    {
        using var site = SiteLinking(FastSettings.Replace("retries: 2", "retries: 0", StringComparison.Ordinal), "http://docs.example/down");
        Lint(site);
        Lint(site);
        Assert.That(server.Requests, Is.EqualTo(2));
    }

    [TestCase("garbage")]
    [TestCase("smlint-external-cache 1\n0000000000000000\nhttp://docs.example/not-found\t0\t0\t200\t-\tok\t-\n")]
    [TestCase("")]
    public void A_damaged_cache_is_ignored_never_trusted(string damaged)
    {
        using var site = SiteLinking(FastSettings, "http://docs.example/not-found");
        site.With(".smlint-cache/external/results.v1", damaged);
        Assert.That(External(Lint(site)), Has.Length.EqualTo(1));
        Assert.That(server.Requests, Is.GreaterThan(0));
        // And it is replaced by a good one.
        var requests = server.Requests;
        Assert.That(External(Lint(site)), Has.Length.EqualTo(1));
        Assert.That(server.Requests, Is.EqualTo(requests));
    }

    [Test]
    public void Tampered_entries_fail_the_checksum()
    {
        using var site = SiteLinking(FastSettings, "http://docs.example/not-found");
        Lint(site);
        var path = Path.Combine(site.Root, ".smlint-cache/external/results.v1");
        // Turn the broken answer into a good one without updating the checksum.
        File.WriteAllText(path, File.ReadAllText(path).Replace("\t1\t404\t", "\t0\t200\t", StringComparison.Ordinal));
        var requests = server.Requests;
        Assert.That(External(Lint(site)), Has.Length.EqualTo(1));
        Assert.That(server.Requests, Is.GreaterThan(requests));
    }

    [Test]
    public void Concurrent_runs_leave_a_readable_cache()
    {
        using var site = SiteLinking(FastSettings, Enumerable.Range(0, 40).Select(i => $"http://docs.example/delay/{i}").ToArray());
        Parallel.For(0, 4, _ => Lint(site, refresh: true));
        var requests = server.Requests;
        Assert.That(External(Lint(site)), Is.Empty);
        Assert.That(server.Requests, Is.EqualTo(requests));
        Assert.That(Directory.GetFiles(Path.Combine(site.Root, ".smlint-cache/external")).Select(Path.GetFileName), Is.EqualTo(new[] { "results.v1" }));
    }

    [Test]
    public void Off_by_default_and_own_host_links_stay_with_the_site_index()
    {
        using var site = new TestSite().With("smlint.yml", FastSettings + "site:\n  hosts: [www.example.org]\n");
        site.WithPage("index.md", "[a](http://docs.example/not-found)\n[b](https://www.example.org/missing)\n");
        var offline = Lint(site, enabled: null);
        Assert.That(offline.External, Is.Null);
        Assert.That(server.Requests, Is.Zero);
        var online = Lint(site);
        Assert.That(server.Log.Select(r => r.HostAndPath).Distinct(), Is.EqualTo(new[] { "docs.example/not-found" }));
        Assert.That(online.Diagnostics.Select(d => d.Rule.Id), Does.Contain("SM301"), "the own-host link is checked against the site");
    }

    [Test]
    public void Enabled_in_the_configuration_file()
    {
        using var site = SiteLinking(FastSettings + "  enabled: true\n", "http://docs.example/not-found");
        Assert.That(External(Lint(site, enabled: null)), Has.Length.EqualTo(1));
    }

    [Test]
    public void Excluded_urls_are_never_requested_and_accepted_codes_pass()
    {
        using var site = SiteLinking(FastSettings + "  exclude: ['^http://docs\\.example/not-']\n  accept: [403]\n", "http://docs.example/not-found", "http://docs.example/forbidden");
        var result = Lint(site);
        Assert.That(External(result), Is.Empty);
        Assert.That(server.Log.Select(r => r.HostAndPath).Distinct(), Is.EqualTo(new[] { "docs.example/forbidden" }));
        Assert.That(result.External!.Excluded, Is.EqualTo(1));
    }

    [Test]
    public void Per_host_headers_are_sent()
    {
        using var site = SiteLinking(FastSettings + "  headers:\n    docs.example:\n      User-Agent: Special/1.0\n", "http://docs.example/needs-agent");
        Assert.That(External(Lint(site)), Is.Empty);
        using var other = SiteLinking(FastSettings, "http://docs.example/needs-agent");
        Assert.That(External(Lint(other)), Is.EqualTo(new[] { "index.md:5:5 error SM310 external link 'http://docs.example/needs-agent' is broken: 403 Forbidden" }));
    }

    [Test]
    public void Redirect_fix_rewrites_the_link()
    {
        using var site = SiteLinking(FastSettings, "http://docs.example/moved#intro");
        Fixing.FixApplier.Apply(Lint(site));
        Assert.That(site.Read("index.md"), Does.Contain("[x](http://docs.example/ok#intro)"));
        Assert.That(External(Lint(site)), Is.Empty);
    }

    [TestCase("external:\n  per-host: 0\n", "smlint.yml:2:13: expected a whole number from 1 to 64, not '0'")]
    [TestCase("external:\n  timeout: soon\n", "smlint.yml:2:12: expected a duration such as 1d, 12h, 30m, 10s or 500ms (more than zero), not 'soon'")]
    [TestCase("external:\n  exclude: ['(']\n", "smlint.yml:2:12: exclude pattern '(' is not a valid regular expression")]
    [TestCase("external:\n  colour: red\n", "smlint.yml:2:3: unknown external option 'colour'")]
    public void Bad_settings_are_configuration_errors_with_a_position(string settings, string expected)
    {
        using var site = new TestSite().With("smlint.yml", settings);
        var error = Assert.Throws<ConfigurationException>(() => Lint(site))!;
        Assert.That(error.Message, Does.EndWith(expected.Split("smlint.yml")[1]).Or.Contain(expected.Split("smlint.yml")[1]));
    }
}
