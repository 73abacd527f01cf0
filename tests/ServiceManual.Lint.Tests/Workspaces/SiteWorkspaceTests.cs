using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Fixing;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Workspaces;

namespace ServiceManual.Lint.Tests.Workspaces;

/// <summary>
/// The workspace a language server keeps: editor texts laid over the files on disk give the
/// findings a run would give if they were saved, for the page edited and for the pages that depend on it.
/// </summary>
public sealed class SiteWorkspaceTests
{
    private TestSite site = null!;

    [SetUp]
    public void CreateSite() =>
        site = new TestSite()
            .WithPage("index.md", "Start at [guide](/guide.html).\n", "Home")
            .WithPage("guide.md", "## Some heading\n\nText.\n", "Guide")
            .WithPage("reader.md", "Intro.\n\nSee [the heading](/guide.html#some-heading).\n", "Reader");

    [TearDown]
    public void DeleteSite() => site.Dispose();

    private static string[] Lines(IReadOnlyList<Diagnostic> found) =>
        found.Select(d => $"{d.Path}:{d.Span.Line}:{d.Span.Column} {d.Rule.Id}").ToArray();

    private static IReadOnlyList<Diagnostic> LintOne(SiteWorkspace workspace, string path) => workspace.Lint([path])[path];

    [Test]
    public void A_broken_link_typed_into_unsaved_text_is_found_at_its_line_and_column_and_goes_when_fixed()
    {
        var workspace = SiteWorkspace.Open(site.Root);
        Assert.That(LintOne(workspace, "index.md"), Is.Empty);
        var version = workspace.Version;

        workspace.SetText("index.md", "---\nlayout: default\ntitle: Home\n---\nStart at [guide](/guide.html).\nAnd [x](/gide.html).\n");
        var found = LintOne(workspace, "index.md");
        Assert.That(Lines(found), Is.EqualTo(new[] { "index.md:6:9 SM301" }));
        Assert.That(found[0].Message, Does.Contain("'/gide.html' does not exist"));
        Assert.That(workspace.Version, Is.GreaterThan(version));
        // The file on disk is untouched, and what the workspace reads is the editor's text.
        Assert.That(site.Read("index.md"), Does.Not.Contain("gide"));
        Assert.That(workspace.TextOf("index.md"), Does.Contain("/gide.html"));

        workspace.SetText("index.md", "---\nlayout: default\ntitle: Home\n---\nStart at [guide](/guide.html).\nAnd [x](/guide.html).\n");
        Assert.That(LintOne(workspace, "index.md"), Is.Empty);

        // Back to the disk: a broken link saved there is found again once the overlay goes.
        site.WithPage("index.md", "[old](/nowhere.html)\n", "Home");
        workspace.ClearText("index.md");
        Assert.That(Lines(LintOne(workspace, "index.md")), Is.EqualTo(new[] { "index.md:5:7 SM301" }));
        Assert.That(workspace.TextOf("index.md"), Does.Contain("/nowhere.html"));
    }

    [Test]
    public void A_fix_is_an_edit_of_the_unsaved_text_not_of_the_file_on_disk()
    {
        var workspace = SiteWorkspace.Open(site.Root);
        // Lines above the link that the disk does not have: offsets into the disk text would miss it.
        var text = "---\nlayout: default\ntitle: Home\n---\nOne.\n\nTwo.\n\n[guide](/guide.htm)\n";
        workspace.SetText("index.md", text);
        var finding = LintOne(workspace, "index.md").Single();
        Assert.That((finding.Rule.Id, finding.Span.Line, finding.Span.Column), Is.EqualTo(("SM301", 9, 9)));
        Assert.That(finding.Fix, Is.Not.Null);
        var fixedText = VerifiedFix.Apply(text, finding.Fix!.Edits);
        Assert.That(fixedText, Is.EqualTo(text.Replace("/guide.htm)", "/guide.html)", StringComparison.Ordinal)));
        workspace.SetText("index.md", fixedText);
        Assert.That(LintOne(workspace, "index.md"), Is.Empty);
    }

    [Test]
    public void Renaming_a_heading_in_unsaved_text_breaks_the_fragment_of_a_page_linking_to_it()
    {
        var workspace = SiteWorkspace.Open(site.Root);
        Assert.That(LintOne(workspace, "reader.md"), Is.Empty);

        workspace.SetText("guide.md", "---\nlayout: default\ntitle: Guide\n---\n## Another heading\n\nText.\n");
        var found = LintOne(workspace, "reader.md");
        Assert.That(Lines(found), Is.EqualTo(new[] { "reader.md:7:19 SM302" }));
        Assert.That(found[0].Message, Does.Contain("some-heading"));

        workspace.SetText("guide.md", "---\nlayout: default\ntitle: Guide\n---\n## Some heading\n\nText.\n");
        Assert.That(LintOne(workspace, "reader.md"), Is.Empty);
    }

    [Test]
    public void A_permalink_typed_into_a_page_moves_it_and_an_id_typed_into_a_layout_is_a_target()
    {
        var workspace = SiteWorkspace.Open(site.Root);
        workspace.SetText("guide.md", "---\nlayout: default\ntitle: Guide\npermalink: /moved/\n---\n## Some heading\n");
        Assert.That(Lines(LintOne(workspace, "index.md")), Is.EqualTo(new[] { "index.md:5:18 SM301" }));
        Assert.That(workspace.Site.UrlOf(workspace.Site.FindFile("guide.md")!), Is.EqualTo("/moved/"));
        workspace.SetText("index.md", "---\nlayout: default\ntitle: Home\n---\nStart at [guide](/moved/#skip).\n");
        Assert.That(Lines(LintOne(workspace, "index.md")), Is.EqualTo(new[] { "index.md:5:18 SM302" }));
        // The fragment names an id of the layout every page is rendered in.
        workspace.SetText("_layouts/default.html", "<a id=\"skip\"></a><main>{{ content }}</main>\n");
        Assert.That(LintOne(workspace, "index.md"), Is.Empty);
    }

    [Test]
    public void A_new_unsaved_page_can_be_linked_to()
    {
        site.WithPage("links-ahead.md", "[soon](/later/new-page.html)\n");
        var workspace = SiteWorkspace.Open(site.Root);
        Assert.That(Lines(LintOne(workspace, "links-ahead.md")), Is.EqualTo(new[] { "links-ahead.md:5:8 SM301" }));

        workspace.SetText("later/new-page.md", "---\nlayout: default\ntitle: New\n---\n[back](/links-ahead.html) [bad](/none.html)\n");
        Assert.That(LintOne(workspace, "links-ahead.md"), Is.Empty);
        Assert.That(workspace.Site.FindFile("later/new-page.md"), Is.Not.Null);
        Assert.That(File.Exists(Path.Combine(site.Root, "later", "new-page.md")), Is.False);
        // The new page itself is linted like any other.
        Assert.That(Lines(LintOne(workspace, "later/new-page.md")), Is.EqualTo(new[] { "later/new-page.md:5:33 SM301" }));

        // Dropped without ever being saved: it is gone again.
        workspace.ClearText("later/new-page.md");
        Assert.That(workspace.Site.FindFile("later/new-page.md"), Is.Null);
        Assert.That(Lines(LintOne(workspace, "links-ahead.md")), Is.EqualTo(new[] { "links-ahead.md:5:8 SM301" }));
    }

    [Test]
    public void A_file_deleted_on_disk_breaks_the_links_to_it_once_the_workspace_is_told()
    {
        var workspace = SiteWorkspace.Open(site.Root);
        File.Delete(Path.Combine(site.Root, "guide.md"));
        // Not told yet: the snapshot is the one loaded.
        Assert.That(LintOne(workspace, "index.md"), Is.Empty);

        workspace.FilesChanged(["guide.md"]);
        Assert.That(Lines(LintOne(workspace, "index.md")), Is.EqualTo(new[] { "index.md:5:18 SM301" }));
        Assert.That(Lines(LintOne(workspace, "reader.md")), Is.EqualTo(new[] { "reader.md:7:19 SM301" }));

        // Created again (with other ids): read again, links work, the fragment does not.
        site.WithPage("guide.md", "## Other\n", "Guide");
        workspace.FilesChanged([Path.Combine(site.Root, "guide.md")]);
        Assert.That(LintOne(workspace, "index.md"), Is.Empty);
        Assert.That(Lines(LintOne(workspace, "reader.md")), Is.EqualTo(new[] { "reader.md:7:19 SM302" }));
    }

    [Test]
    public void A_file_changed_on_disk_under_an_overlay_keeps_the_overlay()
    {
        var workspace = SiteWorkspace.Open(site.Root);
        workspace.SetText("guide.md", "---\nlayout: default\ntitle: Guide\n---\n## Some heading\n");
        site.WithPage("guide.md", "## Renamed on disk\n", "Guide");
        workspace.FilesChanged(["guide.md"]);
        Assert.That(LintOne(workspace, "reader.md"), Is.Empty);
        workspace.ClearText("guide.md");
        Assert.That(Lines(LintOne(workspace, "reader.md")), Is.EqualTo(new[] { "reader.md:7:19 SM302" }));
    }

    [Test]
    public void A_file_changed_on_disk_is_read_again_when_told_and_its_fix_is_an_edit_of_the_new_text()
    {
        site.WithPage("typo.md", "[x](/guide.htm)\n");
        var workspace = SiteWorkspace.Open(site.Root);
        Assert.That(Lines(LintOne(workspace, "typo.md")), Is.EqualTo(new[] { "typo.md:5:5 SM301" }));
        site.WithPage("typo.md", "Moved down.\n\n[Guide](/guide.htm)\n");
        workspace.FilesChanged(["typo.md"]);
        var finding = LintOne(workspace, "typo.md").Single();
        Assert.That((finding.Rule.Id, finding.Span.Line, finding.Span.Column), Is.EqualTo(("SM301", 7, 9)));
        Assert.That(VerifiedFix.Apply(site.Read("typo.md"), finding.Fix!.Edits), Does.EndWith("[Guide](/guide.html)\n"));
    }

    [Test]
    public void A_change_of_config_yml_loads_the_site_again()
    {
        var workspace = SiteWorkspace.Open(site.Root);
        Assert.That(LintOne(workspace, "index.md"), Is.Empty);
        // Pretty permalinks: guide.md is served at /guide/, and /guide.html is not served.
        site.With("_config.yml", "permalink: pretty\n");
        workspace.FilesChanged(["_config.yml"]);
        Assert.That(Lines(LintOne(workspace, "index.md")), Is.EqualTo(new[] { "index.md:5:18 SM301" }));
        Assert.That(workspace.Site.Configuration.Jekyll.Permalink, Is.EqualTo("pretty"));
    }

    [Test]
    public void An_invalid_configuration_change_is_reported_and_the_previous_site_kept()
    {
        var workspace = SiteWorkspace.Open(site.Root);
        var before = workspace.Site;
        site.With("smlint.yml", "rules: [not, a, mapping\n");
        Assert.That(() => workspace.FilesChanged(["smlint.yml"]), Throws.InstanceOf<Configuration.ConfigurationException>());
        Assert.That(workspace.Site, Is.SameAs(before));
        Assert.That(LintOne(workspace, "index.md"), Is.Empty);
    }

    [Test]
    public void Every_path_asked_gets_an_entry_and_findings_stay_in_their_file()
    {
        site.WithPage("broken.md", "[x](/missing.html)\n");
        var workspace = SiteWorkspace.Open(site.Root);
        var found = workspace.Lint(["index.md", "broken.md", "not/there.md"]);
        Assert.That(found.Keys, Is.EquivalentTo(new[] { "index.md", "broken.md", "not/there.md" }));
        Assert.That(found["index.md"], Is.Empty);
        Assert.That(found["not/there.md"], Is.Empty);
        Assert.That(Lines(found["broken.md"]), Is.EqualTo(new[] { "broken.md:5:5 SM301" }));
    }

    [TestCase("../outside.md")]
    [TestCase("/etc/passwd")]
    [TestCase("a/./b.md")]
    [TestCase("")]
    public void A_path_outside_the_root_or_not_plain_is_refused(string path)
    {
        var workspace = SiteWorkspace.Open(site.Root);
        Assert.That(() => workspace.SetText(path, "x"), Throws.ArgumentException);
        Assert.That(() => workspace.TextOf(path), Throws.ArgumentException);
        Assert.That(() => workspace.Lint([path]), Throws.ArgumentException);
    }

    [Test]
    public void Unsaved_text_of_an_excluded_file_does_not_become_part_of_the_site()
    {
        site.With("_config.yml", "exclude: [drafts]\n");
        var workspace = SiteWorkspace.Open(site.Root);
        workspace.SetText("drafts/new.md", "---\ntitle: Draft\n---\n[x](/missing.html)\n");
        Assert.That(workspace.Site.FindFile("drafts/new.md"), Is.Null);
        Assert.That(LintOne(workspace, "drafts/new.md"), Is.Empty);
        Assert.That(workspace.TextOf("drafts/new.md"), Does.StartWith("---\ntitle: Draft"));
    }

    [Test]
    public void Unsaved_text_is_judged_as_the_loader_judges_a_file()
    {
        var workspace = SiteWorkspace.Open(site.Root);
        // A NUL character: the loader refuses such a file (SM001) and so does the workspace, at the same place.
        workspace.SetText("index.md", "---\ntitle: Home\n---\nab\0c\n");
        Assert.That(Lines(LintOne(workspace, "index.md")), Is.EqualTo(new[] { "index.md:4:3 SM001" }));
        site.With("index.md", "---\ntitle: Home\n---\nab\0c\n");
        Assert.That(Lines(site.Lint("index.md").Diagnostics), Is.EqualTo(new[] { "index.md:4:3 SM001" }));
        // Without front matter a Markdown file is copied as it is: it is no page, but its URL is served.
        workspace.SetText("index.md", "Just text.\n");
        Assert.That(workspace.Site.FindFile("index.md"), Is.Null);
        Assert.That(workspace.Site.HasAsset("index.md"), Is.True);
    }

    // The 2016 Service Manual: a few pages edited in the workspace give exactly what a fresh run over
    // the site with the same edits saved gives (ids, places, messages, fixes).
    [Test]
    public void Findings_after_edits_equal_a_fresh_run_with_the_edits_saved_on_the_2016_corpus()
    {
        var corpus = RepositoryPaths.Corpus;
        if (corpus is null) Assert.Ignore("../shared/corpus is not beside this clone; the corpus tests need the Service Manual snapshots");
        using var copy = TestSite.CopyOf(Path.Combine(corpus!, "service-manual-2016"));
        var config = Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations", "service-manual-2016.yml");
        var workspace = SiteWorkspace.Open(copy.Root, config);

        var edits = new (string Path, Func<string, string> Edit)[]
        {
            // A broken link and a broken fragment typed in.
            ("service-manual/agile/index.md", text => text + "\n[typo](/service-manual/agile/user-storys.html) [frag](/service-manual/phases/alpha.html#no-such-id)\n"),
            // A heading renamed that other pages link to (their findings change too).
            ("service-manual/phases/alpha.md", text => text.Replace("## ", "## Renamed ", StringComparison.Ordinal)),
            // A breadcrumb label changed (site rule SM203 counts labels across pages).
            ("service-manual/phases/beta.md", text => text.Replace("title: Phases", "title: Stages", StringComparison.Ordinal)),
            // Front matter broken.
            ("service-manual/measurement/using-data.md", text => text.Replace("title:", "titel:", StringComparison.Ordinal)),
            // A page that is new.
            ("service-manual/agile/new-page.md", _ => "---\nlayout: detailed-guidance\ntitle: New\nsubtitle: x\ncategory: agile\nstatus: draft\n---\n[agile](/service-manual/agile) [bad](/service-manual/agile/nope)\n"),
        };
        var pages = workspace.Site.Pages.Select(p => p.Path).ToList();
        foreach (var (path, edit) in edits)
        {
            var text = edit(workspace.TextOf(path) ?? string.Empty);
            workspace.SetText(path, text);
            copy.With(path, text);
            if (!pages.Contains(path)) pages.Add(path);
        }
        // The edited pages, and the pages that link to the renamed headings or share the breadcrumbs.
        var asked = pages.Where(p => p.StartsWith("service-manual/phases/", StringComparison.Ordinal) || p.StartsWith("service-manual/agile/", StringComparison.Ordinal)
            || edits.Any(e => e.Path == p) || p.StartsWith("service-manual/measurement/", StringComparison.Ordinal)).ToArray();
        Assert.That(asked, Has.Length.GreaterThan(20));
        var inWorkspace = workspace.Lint(asked).Values.SelectMany(d => d).OrderBy(d => d, Comparer<Diagnostic>.Create(Diagnostic.Compare)).ToArray();

        var fresh = Linter.Lint(new LintOptions { Root = copy.Root, ConfigPath = config, Paths = asked.Select(p => Path.Combine(copy.Root, p)).ToArray() }).Diagnostics;
        Assert.That(inWorkspace.Select(Describe), Is.EqualTo(fresh.Select(Describe)));
        // The edits show: findings on each of the edited pages' kinds.
        Assert.That(inWorkspace.Select(d => d.Rule.Id).Distinct(), Is.SupersetOf(new[] { "SM301", "SM302", "SM102" }));

        static string Describe(Diagnostic d) =>
            $"{d.Path}:{d.Span} {d.Rule.Id} {d.Severity} {d.Message} | {d.Suggestion} | {(d.Fix is null ? "" : d.Fix.Description + ": " + string.Join("; ", d.Fix.Edits.Select(e => $"{e.Offset}+{e.Length}={e.NewText}")))}";
    }
}
