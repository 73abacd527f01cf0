using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Workspaces.Navigation;

namespace ServiceManual.Lint.Tests.Workspaces;

/// <summary>
/// The editor's navigation queries (<see cref="SiteNavigation"/>) over small sites made for each
/// test, with exact labels, spans and edits; renames are applied to the files and the site linted
/// again, so a rename is right when the linter finds nothing broken afterwards.
/// </summary>
public sealed class NavigationTests
{
    private const string Stories = "service-manual/agile/writing-user-stories.md";

    // A small Service Manual: the home page's last line is typed by each test.
    private static TestSite Manual(string homeBody, string settings = "")
    {
        var site = new TestSite();
        if (settings.Length > 0) site.With("smlint.yml", settings);
        site.WithPage("service-manual/index.md", homeBody, "Service manual");
        site.WithPage("service-manual/agile/index.md", "Agile.\n", "Agile");
        site.WithPage(Stories, "Intro.\n\n## A promise of a conversation\n\nText.\n\n## Acceptance criteria\n\nMore.\n", "Writing user stories");
        site.WithPage("service-manual/design/index.md", "Design.\n", "Design");
        site.With("service-manual/agile/board.png", "png");
        return site;
    }

    private static SiteNavigation Navigate(TestSite site)
    {
        var loaded = SiteLoader.Load(site.Root, ConfigurationLoader.Load(site.Root));
        return new SiteNavigation(loaded, path => File.Exists(Path.Combine(site.Root, path)) ? File.ReadAllText(Path.Combine(site.Root, path)) : null);
    }

    private static void Apply(TestSite site, WorkspaceChange change)
    {
        foreach (var file in change.Edits)
        {
            var text = site.Read(file.Path);
            foreach (var edit in file.Edits.OrderByDescending(e => e.Offset)) text = text.Remove(edit.Offset, edit.Length).Insert(edit.Offset, edit.NewText);
            site.With(file.Path, text);
        }
    }

    private static string[] Rules(LintResult result) => result.Diagnostics.Select(d => $"{d.Rule.Id} {d.Path}:{d.Span}").ToArray();

    [Test]
    public void Completes_site_paths_as_Jekyll_serves_them_filtered_by_what_is_typed()
    {
        using var site = Manual("Read [agile](/service-manual/ag");
        var items = Navigate(site).Complete("service-manual/index.md", 5, 32);

        var replace = new SourceSpan(5, 14, 5, 32);
        Assert.That(items, Is.EqualTo(new[]
        {
            new CompletionItem("/service-manual/agile/", "/service-manual/agile/", CompletionKind.Page, "Agile", replace),
            new CompletionItem("/service-manual/agile/writing-user-stories.html", "/service-manual/agile/writing-user-stories.html", CompletionKind.Page, "Writing user stories", replace),
            new CompletionItem("/service-manual/agile/board.png", "/service-manual/agile/board.png", CompletionKind.File, "service-manual/agile/board.png", replace),
        }));
    }

    [Test]
    public void Completes_site_paths_in_the_extensionless_style_when_the_site_is_served_so()
    {
        using var site = Manual("Read [agile](/service-manual/agile/w", "site:\n  serving: extensionless\n");
        var items = Navigate(site).Complete("service-manual/index.md", 5, 37);

        Assert.That(items.Select(i => (i.Label, i.Replace)), Is.EqualTo(new[] { ("/service-manual/agile/writing-user-stories", new SourceSpan(5, 14, 5, 37)) }));
    }

    [Test]
    public void Completes_relative_targets_when_typed_relatively()
    {
        using var site = Manual("Home.\n");
        site.WithPage("service-manual/agile/index.md", "See [w](wri and [d](../des");
        var navigation = Navigate(site);

        Assert.Multiple(() =>
        {
            Assert.That(navigation.Complete("service-manual/agile/index.md", 5, 12).Select(i => (i.Label, i.Replace)),
                Is.EqualTo(new[] { ("writing-user-stories.html", new SourceSpan(5, 9, 5, 12)) }));
            Assert.That(navigation.Complete("service-manual/agile/index.md", 5, 27).Select(i => i.Label), Is.EqualTo(new[] { "../design/" }));
        });
    }

    [Test]
    public void Completes_the_ids_of_the_target_page_after_a_hash()
    {
        using var site = Manual("See [it](/service-manual/agile/writing-user-stories.html#a and [here](#");
        var navigation = Navigate(site);

        var other = navigation.Complete("service-manual/index.md", 5, 59);
        var own = navigation.Complete("service-manual/index.md", 5, 72);
        Assert.Multiple(() =>
        {
            Assert.That(other, Is.EqualTo(new[]
            {
                new CompletionItem("a-promise-of-a-conversation", "a-promise-of-a-conversation", CompletionKind.Anchor, "## A promise of a conversation", new SourceSpan(5, 58, 5, 59)),
                new CompletionItem("acceptance-criteria", "acceptance-criteria", CompletionKind.Anchor, "## Acceptance criteria", new SourceSpan(5, 58, 5, 59)),
            }));
            Assert.That(own, Is.Empty, "the home page has no ids");
        });
    }

    [Test]
    public void Completes_in_reference_definitions_and_html_attributes()
    {
        using var site = Manual("[x]: /service-manual/des\n\n<a href=\"/service-manual/agile/writing-user-stories.html#acc");
        var navigation = Navigate(site);

        Assert.Multiple(() =>
        {
            Assert.That(navigation.Complete("service-manual/index.md", 5, 25).Select(i => (i.Label, i.Replace)),
                Is.EqualTo(new[] { ("/service-manual/design/", new SourceSpan(5, 6, 5, 25)) }));
            Assert.That(navigation.Complete("service-manual/index.md", 7, 61).Select(i => (i.Label, i.Replace)),
                Is.EqualTo(new[] { ("acceptance-criteria", new SourceSpan(7, 58, 7, 61)) }));
        });
    }

    [Test]
    public void Offers_nothing_outside_a_link_target_or_after_a_scheme()
    {
        using var site = Manual("Plain text /service-manual/ag and [x](https://www.gov.uk/serv");
        var navigation = Navigate(site);

        Assert.Multiple(() =>
        {
            Assert.That(navigation.Complete("service-manual/index.md", 5, 30), Is.Empty);
            Assert.That(navigation.Complete("service-manual/index.md", 5, 62), Is.Empty);
        });
    }

    [Test]
    public void Completes_breadcrumb_urls_and_allowed_values_in_front_matter()
    {
        using var site = Manual("Home.\n", "ruleset: service-manual\n");
        site.With("service-manual/design/index.md", "---\nlayout: default\ntitle: Design\nstatus: d\nphases:\n  - al\nbreadcrumbs:\n  -\n    title: Agile\n    url: /service-manual/ag\n---\nDesign.\n");
        var navigation = Navigate(site);
        const string path = "service-manual/design/index.md";

        Assert.Multiple(() =>
        {
            Assert.That(navigation.Complete(path, 4, 10), Is.EqualTo(new[] { new CompletionItem("draft", "draft", CompletionKind.Value, "status", new SourceSpan(4, 9, 4, 10)) }));
            Assert.That(navigation.Complete(path, 6, 7).Select(i => (i.Label, i.Replace)), Is.EqualTo(new[] { ("alpha", new SourceSpan(6, 5, 6, 7)) }));
            Assert.That(navigation.Complete(path, 10, 27).Select(i => (i.Label, i.Kind, i.Replace)), Is.EqualTo(new[]
            {
                ("/service-manual/agile/", CompletionKind.Page, new SourceSpan(10, 10, 10, 27)),
                ("/service-manual/agile/writing-user-stories.html", CompletionKind.Page, new SourceSpan(10, 10, 10, 27)),
            }));
            Assert.That(navigation.Complete(path, 9, 17), Is.Empty, "a title is free text");
        });
    }

    [Test]
    public void Definition_goes_to_the_heading_line_of_a_fragment_and_to_the_page_without_one()
    {
        using var site = Manual("[a](/service-manual/agile/writing-user-stories.html#acceptance-criteria) [b](/service-manual/agile/) [c](/nowhere/) [d](https://example.com/)");
        var navigation = Navigate(site);
        const string home = "service-manual/index.md";

        Assert.Multiple(() =>
        {
            Assert.That(navigation.Definition(home, 5, 10), Is.EqualTo(new Location(Stories, new SourceSpan(11, 1, 11, 23))));
            Assert.That(navigation.Definition(home, 5, 80), Is.EqualTo(new Location("service-manual/agile/index.md", SourceSpan.FileStart)));
            Assert.That(navigation.Definition(home, 5, 105), Is.Null, "a broken link leads nowhere");
            Assert.That(navigation.Definition(home, 5, 122), Is.Null, "an external link is not the site's");
            Assert.That(navigation.Definition(home, 5, 2), Is.Null, "not on a link");
        });
    }

    [Test]
    public void Hover_shows_the_target_title_and_url_or_that_nothing_is_served()
    {
        using var site = Manual("[a](/service-manual/agile/writing-user-stories.html#acceptance-criteria) [c](/service-manual/agile/nope.html)");
        var navigation = Navigate(site);

        Assert.Multiple(() =>
        {
            Assert.That(navigation.Hover("service-manual/index.md", 5, 10),
                Is.EqualTo("**Writing user stories**\n\n`/service-manual/agile/writing-user-stories.html#acceptance-criteria` (service-manual/agile/writing-user-stories.md)"));
            Assert.That(navigation.Hover("service-manual/index.md", 5, 80), Is.EqualTo("Not served: nothing is served at `/service-manual/agile/nope.html`"));
            Assert.That(navigation.Hover("service-manual/index.md", 5, 1), Is.Null);
        });
    }

    [Test]
    public void References_of_a_heading_are_the_links_to_its_id_and_elsewhere_every_link_to_the_page()
    {
        using var site = Manual("[a](/service-manual/agile/writing-user-stories.html#acceptance-criteria)\n[b](/service-manual/agile/writing-user-stories.html)");
        site.WithPage("service-manual/agile/index.md", "[c](writing-user-stories.html#acceptance-criteria) [d](writing-user-stories.html#a-promise-of-a-conversation)");
        site.WithPage(Stories, "Intro [self](#acceptance-criteria).\n\n## A promise of a conversation\n\nText.\n\n## Acceptance criteria\n\nMore.\n", "Writing user stories");
        var navigation = Navigate(site);

        Assert.Multiple(() =>
        {
            Assert.That(navigation.References(Stories, 11, 5), Is.EqualTo(new[]
            {
                new Location("service-manual/agile/index.md", new SourceSpan(5, 5, 5, 50)),
                new Location(Stories, new SourceSpan(5, 14, 5, 34)),
                new Location("service-manual/index.md", new SourceSpan(5, 5, 5, 72)),
            }));
            Assert.That(navigation.References(Stories, 9, 1).Select(l => (l.Path, l.Span.Line, l.Span.Column)), Is.EqualTo(new[]
            {
                ("service-manual/agile/index.md", 5, 5),
                ("service-manual/agile/index.md", 5, 56),
                (Stories, 5, 14),
                ("service-manual/index.md", 5, 5),
                ("service-manual/index.md", 6, 5),
            }));
        });
    }

    [TestCase("gfm", "1-a-promise-of-a-conversation", "2-a-promise-kept")]
    [TestCase("kramdown", "a-promise-of-a-conversation", "a-promise-kept")]
    public void Renaming_a_heading_rewrites_every_link_to_its_id_in_the_site_dialect(string input, string oldId, string newId)
    {
        using var site = new TestSite();
        site.With("_config.yml", $"kramdown:\n  input: {(input == "gfm" ? "GFM" : "kramdown")}\n");
        site.WithPage(Stories, $"Intro [self](#{oldId}).\n\n## 1. A promise of a conversation\n\nText.\n");
        site.WithPage("service-manual/index.md", $"[a](/service-manual/agile/writing-user-stories.html#{oldId})\n\n<a href=\"agile/writing-user-stories.html#{oldId}\">b</a>\n\n[c]: agile/writing-user-stories.html#{oldId}\n\n[c][] and [d](/service-manual/agile/writing-user-stories.html)\n");
        var navigation = Navigate(site);

        var change = navigation.Rename(Stories, 7, 8, "2. A promise kept", out var error);

        Assert.That(error, Is.Null);
        Assert.That(change!.RenameFile, Is.Null);
        Assert.That(change.Edits.Select(e => (e.Path, e.Edits.Count)), Is.EqualTo(new[] { (Stories, 2), ("service-manual/index.md", 3) }));
        Apply(site, change);
        Assert.Multiple(() =>
        {
            Assert.That(site.Read(Stories), Does.Contain($"Intro [self](#{newId}).\n\n## 2. A promise kept\n"));
            Assert.That(site.Read("service-manual/index.md"), Is.EqualTo($"---\nlayout: default\ntitle: A page\n---\n[a](/service-manual/agile/writing-user-stories.html#{newId})\n\n<a href=\"agile/writing-user-stories.html#{newId}\">b</a>\n\n[c]: agile/writing-user-stories.html#{newId}\n\n[c][] and [d](/service-manual/agile/writing-user-stories.html)\n"));
            Assert.That(Rules(site.Lint()).Where(r => r.StartsWith("SM30", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public void Renaming_a_heading_renumbers_the_links_to_repeated_ids_it_changes()
    {
        using var site = new TestSite();
        site.WithPage("a.md", "## Notes\n\nx\n\n## Notes\n\n[1](#notes) [2](#notes-1)\n");
        var change = Navigate(site).Rename("a.md", 5, 4, "Early notes", out var error);

        Assert.That(error, Is.Null);
        Apply(site, change!);
        Assert.That(site.Read("a.md"), Does.EndWith("## Early notes\n\nx\n\n## Notes\n\n[1](#early-notes) [2](#notes)\n"));
        Assert.That(Rules(site.Lint()), Is.Empty);
    }

    [Test]
    public void Renaming_a_heading_with_an_explicit_id_keeps_the_id_and_the_links()
    {
        using var site = new TestSite();
        site.WithPage("a.md", "## Notes {#notes}\n\n## Other\n{: #other}\n\n[1](#notes) [2](#other)\n");
        var navigation = Navigate(site);

        var explicitId = navigation.Rename("a.md", 5, 4, "Field notes", out var error);
        var attributeId = navigation.Rename("a.md", 7, 4, "Another", out var error2);

        Assert.Multiple(() =>
        {
            Assert.That((error, error2), Is.EqualTo(((string?)null, (string?)null)));
            Assert.That(explicitId!.Edits, Has.Count.EqualTo(1));
            Assert.That(explicitId.Edits[0].Edits, Is.EqualTo(new[] { new TextEdit(site.Read("a.md").IndexOf("Notes", StringComparison.Ordinal), 5, "Field notes") }));
            Assert.That(attributeId!.Edits.Single().Edits.Single().NewText, Is.EqualTo("Another"));
        });
    }

    [Test]
    public void Rename_is_refused_off_a_heading_on_a_link_and_where_the_text_would_not_read_back()
    {
        using var site = new TestSite();
        site.WithPage("a.md", "## Notes\n\nPlain [x](#notes).\n\n<h2 id=\"html\">HTML</h2>\n");
        var navigation = Navigate(site);

        Assert.Multiple(() =>
        {
            Assert.That(navigation.Rename("a.md", 7, 3, "New", out var plain), Is.Null);
            Assert.That(plain, Is.EqualTo("not a heading: rename works on a heading's text"));
            Assert.That(navigation.Rename("a.md", 7, 12, "New", out var onLink), Is.Null);
            Assert.That(onLink, Does.StartWith("a link's target is not renamed here"));
            Assert.That(navigation.Rename("a.md", 9, 10, "New", out var html), Is.Null);
            Assert.That(html, Is.EqualTo("not a heading: rename works on a heading's text"));
            Assert.That(navigation.Rename("a.md", 5, 4, "Notes ##", out var hashes), Is.Null);
            Assert.That(hashes, Is.EqualTo("'Notes ##' would not be read back as the heading's text"));
            Assert.That(navigation.Rename("a.md", 5, 4, "  ", out var empty), Is.Null);
            Assert.That(empty, Is.EqualTo("the new heading text must be one line, not empty"));
        });
    }

    [Test]
    public void Renaming_a_setext_heading_edits_its_text_line_and_the_links()
    {
        using var site = new TestSite();
        site.WithPage("a.md", "Old title\n=========\n\n[x](#old-title)\n");
        var navigation = Navigate(site);

        Assert.That(navigation.PrepareRename("a.md", 5, 3), Is.EqualTo((new SourceSpan(5, 1, 5, 10), "Old title")));
        var change = navigation.Rename("a.md", 5, 3, "New title", out var error);
        Assert.That(error, Is.Null);
        Apply(site, change!);
        Assert.That(site.Read("a.md"), Does.EndWith("New title\n=========\n\n[x](#new-title)\n"));
    }

    [Test]
    public void Prepare_rename_selects_the_text_of_an_atx_heading_and_nothing_off_one()
    {
        using var site = new TestSite();
        site.WithPage("a.md", "## Notes on it ## {#notes}\n\nText.\n");
        var navigation = Navigate(site);

        Assert.Multiple(() =>
        {
            Assert.That(navigation.PrepareRename("a.md", 5, 1), Is.EqualTo((new SourceSpan(5, 4, 5, 15), "Notes on it")));
            Assert.That(navigation.PrepareRename("a.md", 7, 1), Is.Null);
        });
    }

    [Test]
    public void Renaming_a_file_rewrites_every_link_to_it_in_its_own_form()
    {
        using var site = new TestSite();
        site.With("_config.yml", "plugins: [jekyll-relative-links]\n");
        site.WithPage("guide/old.md", "[up](../index.html) [self](#top) [sibling](other.html)\n\n## Part\n");
        site.WithPage("guide/other.md", "[a](old.html#part) [b](/guide/old.html?x=1) [c](/guide/old) [d](old.md)\n");
        site.WithPage("index.md", "[e](guide/old.html) [f]({% link guide/old.md %})\n\n<a href=\"/guide/old.html\">g</a>\n");
        site.With("crumbs.md", "---\nlayout: default\ntitle: Crumbs\nbreadcrumbs:\n  - title: Old\n    url: /guide/old.html\n---\nx\n");
        var navigation = Navigate(site);

        var change = navigation.RenameFile("guide/old.md", "manual/new.md");
        Assert.That(change.RenameFile, Is.EqualTo(("guide/old.md", "manual/new.md")));
        Apply(site, change);
        Directory.CreateDirectory(Path.Combine(site.Root, "manual"));
        File.Move(Path.Combine(site.Root, "guide", "old.md"), Path.Combine(site.Root, "manual", "new.md"));

        Assert.Multiple(() =>
        {
            Assert.That(site.Read("guide/other.md"), Does.EndWith("[a](../manual/new.html#part) [b](/manual/new.html?x=1) [c](/manual/new) [d](../manual/new.md)\n"));
            Assert.That(site.Read("index.md"), Does.EndWith("[e](manual/new.html) [f]({% link manual/new.md %})\n\n<a href=\"/manual/new.html\">g</a>\n"));
            Assert.That(site.Read("crumbs.md"), Does.Contain("    url: /manual/new.html\n"));
            Assert.That(site.Read("manual/new.md"), Does.EndWith("[up](../index.html) [self](#top) [sibling](../guide/other.html)\n\n## Part\n"));
            Assert.That(Rules(site.Lint()).Where(r => r.StartsWith("SM3", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public void Renaming_a_file_whose_permalink_keeps_its_url_changes_no_link()
    {
        using var site = new TestSite();
        site.With("guide/old.md", "---\nlayout: default\ntitle: Old\npermalink: /guide/old/\n---\n[sibling](/guide/other.html)\n");
        site.WithPage("guide/other.md", "[a](/guide/old/)\n");
        var change = Navigate(site).RenameFile("guide/old.md", "elsewhere/new.md");

        Assert.That(change.Edits, Is.Empty);
    }

    [Test]
    public void Renaming_a_file_to_where_Jekyll_does_not_read_it_or_outside_the_root_changes_no_link()
    {
        using var site = new TestSite();
        site.With("_config.yml", "exclude: [drafts]\n");
        site.WithPage("guide/old.md", "Old.\n");
        site.WithPage("index.md", "[a](/guide/old.html)\n");
        var navigation = Navigate(site);

        Assert.Multiple(() =>
        {
            Assert.That(navigation.RenameFile("guide/old.md", "drafts/old.md").Edits, Is.Empty);
            Assert.That(navigation.RenameFile("guide/old.md", "_hidden/old.md").Edits, Is.Empty);
            Assert.That(navigation.RenameFile("guide/old.md", "../old.md").Edits, Is.Empty);
            Assert.That(navigation.RenameFile("guide/old.md", "index.md").Edits, Is.Empty, "a file is there");
            Assert.That(navigation.RenameFile("guide/old.md", "guide/new.md").Edits.Single().Edits.Single().NewText, Is.EqualTo("/guide/new.html"));
        });
    }

    [Test]
    public void Renaming_a_static_file_rewrites_the_images_and_links_to_it()
    {
        using var site = new TestSite();
        site.With("images/a.png", "png");
        site.WithPage("guide/page.md", "![a](../images/a.png) <img src=\"/images/a.png\">\n");
        var change = Navigate(site).RenameFile("images/a.png", "assets/b.png");

        Apply(site, change);
        Assert.That(site.Read("guide/page.md"), Does.EndWith("![a](../assets/b.png) <img src=\"/assets/b.png\">\n"));
    }

    // The 2016 Service Manual snapshot, read-only, with the configuration its corpus tests use.
    private const string Principles = "service-manual/governance/governance-principles.md";

    private static string Corpus2016()
    {
        if (RepositoryPaths.Corpus is not { } corpus) Assert.Ignore("../shared/corpus is not beside this clone; the corpus tests need the Service Manual snapshots");
        return Path.Combine(RepositoryPaths.Corpus!, "service-manual-2016");
    }

    private static readonly string CorpusConfiguration = Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations", "service-manual-2016.yml");

    private static SiteNavigation NavigateCorpus(string root, Func<string, string?>? overlay = null)
    {
        var loaded = SiteLoader.Load(root, ConfigurationLoader.Load(root, CorpusConfiguration));
        return new SiteNavigation(loaded, path => overlay?.Invoke(path) ?? (File.Exists(Path.Combine(root, path)) ? File.ReadAllText(Path.Combine(root, path)) : null));
    }

    private static LintResult LintCorpus(string root) => Linter.Lint(new LintOptions { Root = root, ConfigPath = CorpusConfiguration });

    // Where each written URL containing the text starts (1-based), found in the files as text, not through the parser.
    private static (string Path, int Line, int Column)[] UrlsContaining(string root, string text)
    {
        var found = new List<(string, int, int)>();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "service-manual"), "*.md", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(lines[i], @"\]\((?<url>[^)\s]*" + System.Text.RegularExpressions.Regex.Escape(text) + @"[^)\s]*)\)"))
                {
                    found.Add((Path.GetRelativePath(root, file).Replace('\\', '/'), i + 1, match.Groups["url"].Index + 1));
                }
            }
        }
        return found.OrderBy(f => f.Item1, StringComparer.Ordinal).ThenBy(f => f.Item2).ThenBy(f => f.Item3).ToArray();
    }

    [Test]
    public void Corpus_completion_offers_the_extensionless_urls_of_the_agile_pages_and_the_ids_of_a_target()
    {
        var root = Corpus2016();
        const string editing = "service-manual/agile/index.md";
        var typed = File.ReadAllText(Path.Combine(root, editing)) + "\nSee [agile](/service-manual/ag and [it](/service-manual/governance/governance-principles#go";
        var navigation = NavigateCorpus(root, path => path == editing ? typed : null);
        var line = typed.Split('\n').Length;
        var lastLine = typed[(typed.LastIndexOf('\n') + 1)..];

        var urls = navigation.Complete(editing, line, lastLine.IndexOf(" and", StringComparison.Ordinal) + 1);
        var ids = navigation.Complete(editing, line, lastLine.Length + 1);

        // What app.rb serves for each Markdown page of the folder: its path without .md, the index at the folder.
        var expected = Directory.GetFiles(Path.Combine(root, "service-manual", "agile"), "*.md")
            .Select(f => Path.GetFileNameWithoutExtension(f) == "index" ? "/service-manual/agile" : "/service-manual/agile/" + Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(urls.Select(i => i.Label), Is.EqualTo(expected));
            Assert.That(urls.Select(i => i.Replace).Distinct(), Is.EqualTo(new[] { new SourceSpan(line, 13, line, 31) }));
            Assert.That(ids.Select(i => (i.Label, i.Detail)), Is.EqualTo(new[] { ("go-see-for-yourself", "##4. Go see for yourself") }));
        });
    }

    [Test]
    public void Corpus_definition_and_references_of_a_heading_follow_kramdown_ids()
    {
        var root = Corpus2016();
        var navigation = NavigateCorpus(root);
        var links = UrlsContaining(root, "governance-principles#go-see-for-yourself");
        Assert.That(links, Has.Length.GreaterThanOrEqualTo(3));
        var headingLine = Array.IndexOf(File.ReadAllLines(Path.Combine(root, Principles)), "##4. Go see for yourself") + 1;

        var (path, line, column) = links[0];
        Assert.Multiple(() =>
        {
            Assert.That(navigation.Definition(path, line, column + 3), Is.EqualTo(new Location(Principles, new SourceSpan(headingLine, 1, headingLine, 25))));
            Assert.That(navigation.References(Principles, headingLine, 6).Select(l => (l.Path, l.Span.Line, l.Span.Column)), Is.EqualTo(links));
            Assert.That(navigation.Hover(path, line, column), Does.StartWith("**Governance principles**\n\n`/service-manual/governance/governance-principles#go-see-for-yourself`"));
        });
    }

    [Test]
    public void Corpus_heading_rename_on_a_copy_updates_every_linking_page_and_breaks_nothing()
    {
        using var copy = TestSite.CopyOf(Corpus2016());
        var before = Rules(LintCorpus(copy.Root));
        var links = UrlsContaining(copy.Root, "governance-principles#go-see-for-yourself");
        var headingLine = Array.IndexOf(File.ReadAllLines(Path.Combine(copy.Root, Principles)), "##4. Go see for yourself") + 1;

        var change = NavigateCorpus(copy.Root).Rename(Principles, headingLine, 8, "4. Go and see for yourself", out var error);
        Assert.That(error, Is.Null);
        Apply(copy, change!);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllLines(Path.Combine(copy.Root, Principles))[headingLine - 1], Is.EqualTo("##4. Go and see for yourself"));
            Assert.That(UrlsContaining(copy.Root, "governance-principles#go-see-for-yourself"), Is.Empty);
            Assert.That(UrlsContaining(copy.Root, "governance-principles#go-and-see-for-yourself"), Is.EqualTo(links));
            Assert.That(Rules(LintCorpus(copy.Root)), Is.EqualTo(before), "no finding comes or goes");
        });
    }

    [Test]
    public void Corpus_file_rename_on_a_copy_rewrites_every_link_and_breaks_nothing()
    {
        using var copy = TestSite.CopyOf(Corpus2016());
        var before = Rules(LintCorpus(copy.Root));
        var links = UrlsContaining(copy.Root, "/governance/governance-principles");
        Assert.That(links, Has.Length.GreaterThan(10));

        var change = NavigateCorpus(copy.Root).RenameFile(Principles, "service-manual/governance/principles.md");
        Apply(copy, change);
        File.Move(Path.Combine(copy.Root, Principles), Path.Combine(copy.Root, "service-manual", "governance", "principles.md"));

        Assert.Multiple(() =>
        {
            Assert.That(UrlsContaining(copy.Root, "/governance/governance-principles"), Is.Empty);
            Assert.That(UrlsContaining(copy.Root, "/governance/principles").Select(l => (l.Path, l.Line, l.Column)), Is.EqualTo(links));
            Assert.That(Rules(LintCorpus(copy.Root)), Is.EqualTo(before), "no finding comes or goes");
        });
    }
}
