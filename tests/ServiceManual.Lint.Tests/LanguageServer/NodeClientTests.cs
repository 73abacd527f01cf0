using System.Text.Json;

namespace ServiceManual.Lint.Tests.LanguageServer;

/// <summary>
/// Issue 21's editing session against <c>smlint lsp</c>, driven by Microsoft's own protocol library
/// (vscode-languageserver-protocol, the one under VS Code's client) from tests/lsp-client/scenario.js
/// on a copy of the 2016 snapshot: every answer is checked here, position by position.
/// </summary>
[NonParallelizable]
public sealed class NodeClientTests
{
    private static JsonElement scenario;
    private static string? skipped;

    [OneTimeSetUp]
    public void RunScenario()
    {
        if (ExternalClients.Missing("node", "npm") is { } missing) { skipped = missing; return; }
        if (RepositoryPaths.Corpus is null) { skipped = "../shared/corpus is not beside this clone; the protocol tests need the 2016 snapshot"; return; }
        using var site = ExternalClients.CorpusCopy();
        scenario = ExternalClients.RunScenario(site, profile: null);
    }

    [Test]
    public void The_server_offers_incremental_sync_quick_fixes_completion_navigation_and_rename()
    {
        var capabilities = Step("capabilities");
        Assert.That(capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32(), Is.EqualTo(2), "incremental");
        Assert.That(capabilities.GetProperty("codeAction").GetProperty("codeActionKinds").EnumerateArray().Select(k => k.GetString()), Is.SupersetOf(new[] { "quickfix", "source.fixAll" }));
        Assert.That(capabilities.GetProperty("completionTriggers").EnumerateArray().Select(k => k.GetString()), Is.SupersetOf(new[] { "/", "#" }));
        Assert.That(capabilities.GetProperty("rename").GetProperty("prepareProvider").GetBoolean(), Is.True);
        foreach (var feature in new[] { "definition", "hover", "references", "willRenameFiles" })
            Assert.That(capabilities.GetProperty(feature).GetBoolean(), Is.True, feature);
        Assert.That(Step("serverInfo").GetProperty("name").GetString(), Is.EqualTo("smlint"));
    }

    [Test]
    public void A_clean_page_opens_without_diagnostics_and_the_server_shuts_down_cleanly()
    {
        Assert.That(Step("opened").GetArrayLength(), Is.EqualTo(0), Json(Step("opened")));
        Assert.That(Step("exit").GetProperty("code").GetInt32(), Is.EqualTo(0));
    }

    // Line 72 of agile/index.md is 99 characters; the typed text puts the URL at 126..167.
    [Test]
    public void A_typed_broken_link_is_reported_at_its_url_from_the_editors_text()
    {
        var typed = Step("typed");
        Assert.That(typed.GetProperty("version").GetInt32(), Is.EqualTo(2));
        var diagnostics = typed.GetProperty("diagnostics");
        Assert.That(diagnostics.GetArrayLength(), Is.EqualTo(1), Json(diagnostics));
        var broken = diagnostics[0];
        Assert.That(broken.GetProperty("code").GetString(), Is.EqualTo("SM301"));
        Assert.That(broken.GetProperty("source").GetString(), Is.EqualTo("smlint"));
        Assert.That(broken.GetProperty("severity").GetInt32(), Is.EqualTo(1), "error");
        Assert.That(Range(broken.GetProperty("range")), Is.EqualTo(new[] { 71, 126, 71, 167 }));
        Assert.That(broken.GetProperty("message").GetString(), Is.EqualTo(
            "link target '/service-manual/agile/writing-user-storys' does not exist: no page or file is served at '/service-manual/agile/writing-user-storys' (did you mean '/service-manual/agile/writing-user-stories'?)"));
    }

    [Test]
    public void The_broken_link_has_the_fix_a_suppression_and_fix_all_as_code_actions()
    {
        var actions = Step("codeActions").EnumerateArray().ToArray();
        Assert.That(actions.Select(a => (a.GetProperty("title").GetString(), a.GetProperty("kind").GetString(), a.GetProperty("isPreferred").GetBoolean())), Is.EqualTo(new[]
        {
            ("point the link at '/service-manual/agile/writing-user-stories' (SM301)", "quickfix", true),
            ("Disable SM301 for this line", "quickfix", false),
            ("Fix all smlint problems that have a certain fix", "source.fixAll.smlint", false),
        }));
        (int[] Range, string? NewText) OnlyEdit(JsonElement action)
        {
            var edits = action.GetProperty("edits");
            Assert.That(edits.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "service-manual/agile/index.md" }));
            var edit = edits.GetProperty("service-manual/agile/index.md").EnumerateArray().Single();
            return (Range(edit.GetProperty("range")), edit.GetProperty("newText").GetString());
        }
        Assert.That(OnlyEdit(actions[0]), Is.EqualTo((new[] { 71, 126, 71, 167 }, "/service-manual/agile/writing-user-stories")));
        Assert.That(OnlyEdit(actions[1]), Is.EqualTo((new[] { 71, 169, 71, 169 }, " <!-- smlint-disable-line SM301 -->")));
        Assert.That(OnlyEdit(actions[2]), Is.EqualTo((new[] { 71, 126, 71, 167 }, "/service-manual/agile/writing-user-stories")));
        Assert.That(actions[0].GetProperty("diagnostics").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "SM301" }));
    }

    [Test]
    public void Applying_the_quick_fix_as_a_did_change_clears_the_diagnostic()
    {
        var fixedPage = Step("fixed");
        Assert.That(fixedPage.GetProperty("diagnostics").GetArrayLength(), Is.EqualTo(0), Json(fixedPage));
        Assert.That(fixedPage.GetProperty("line").GetString(), Is.EqualTo(
            "Learn [how to structure sprint cycles and stand-ups](/service-manual/agile/features-of-agile.html). Read about [user stories](/service-manual/agile/writing-user-stories)."));
    }

    // "Also see [stand-ups](/service-manual/ag)" on line 73, the caret before ')': the site's pages
    // under the prefix, as its app.rb serves them (extensionless), each replacing the typed target.
    [Test]
    public void Completion_in_a_link_target_offers_the_sites_urls_with_their_titles()
    {
        var completion = Step("completionPath");
        var shown = completion.GetProperty("shown").EnumerateArray().ToArray();
        Assert.That(shown.Select(i => (i.GetProperty("label").GetString(), i.GetProperty("detail").GetString())), Is.EqualTo(new[]
        {
            ("/service-manual/agile", "Agile"),
            ("/service-manual/agile/continuous-delivery", "Continuous delivery"),
            ("/service-manual/agile/features-of-agile", "Features of agile"),
            ("/service-manual/agile/quality", "Quality"),
            ("/service-manual/agile/running-retrospectives", "Running retrospectives"),
            ("/service-manual/agile/training-and-learning", "Training and learning about agile"),
            ("/service-manual/agile/what-agile-looks-like", "What agile looks like"),
            ("/service-manual/agile/writing-user-stories", "Writing user stories"),
        }));
        foreach (var item in shown)
        {
            Assert.That(Range(item.GetProperty("textEdit").GetProperty("range")), Is.EqualTo(new[] { 72, 21, 72, 39 }), item.ToString());
            Assert.That(item.GetProperty("textEdit").GetProperty("newText").GetString(), Is.EqualTo(item.GetProperty("label").GetString()));
        }
    }

    [Test]
    public void Completion_after_the_hash_offers_the_target_pages_kramdown_ids()
    {
        var items = Step("completionFragment").EnumerateArray().ToArray();
        var headings = items.Where(i => i.GetProperty("detail").GetString()!.StartsWith('#'))
            .Select(i => (i.GetProperty("label").GetString(), i.GetProperty("detail").GetString()));
        // Ids as kramdown made them for this Jekyll 2 site: "##Sprints" is a heading.
        Assert.That(headings, Is.EquivalentTo(new[]
        {
            ("sprints", "##Sprints"),
            ("standard-meetings", "## Standard meetings"),
            ("daily-stand-up", "### Daily stand-up"),
            ("sprint-planning", "### Sprint planning"),
            ("sprint-review", "### Sprint review"),
            ("retrospectives", "### Retrospectives"),
            ("user-stories", "### User stories"),
            ("testing-in-agile", "### Testing in agile"),
        }));
        // The layout's ids are there too (a link to #content is served), inserted at the caret.
        Assert.That(items.Select(i => i.GetProperty("label").GetString()), Does.Contain("content"));
        foreach (var item in items)
            Assert.That(Range(item.GetProperty("textEdit").GetProperty("range")), Is.EqualTo(new[] { 72, 61, 72, 61 }), item.ToString());
        Assert.That(Step("completionRemoved").GetArrayLength(), Is.EqualTo(0), "the line with the unfinished link removed");
    }

    [Test]
    public void Definition_goes_to_the_target_page_and_to_the_heading_of_a_fragment()
    {
        Assert.That(Json(Step("definition")), Is.EqualTo("""[{"path":"service-manual/agile/features-of-agile.md","range":[0,0,0,0]}]"""));
        Assert.That(Json(Step("definitionFragment")), Is.EqualTo("""[{"path":"service-manual/agile/features-of-agile.md","range":[60,0,60,18]}]"""));
    }

    [Test]
    public void Hover_on_a_link_shows_the_target_pages_title_and_url()
    {
        Assert.That(Step("hover").GetProperty("text").GetString(), Is.EqualTo(
            "**Features of agile**\n\n`/service-manual/agile/features-of-agile` (service-manual/agile/features-of-agile.md)"));
    }

    [Test]
    public void References_of_a_heading_are_the_links_to_its_id_across_the_site()
    {
        Assert.That(Json(Step("references")), Is.EqualTo(
            """[{"path":"service-manual/governance/governance-principles.md","range":[147,31,147,85]},"""
            + """{"path":"service-manual/governance/setting-up-the-right-reporting.md","range":[37,45,37,99]}]"""));
    }

    [Test]
    public void Renaming_a_heading_updates_the_fragment_of_every_page_linking_to_it()
    {
        var prepare = Step("prepareRename");
        Assert.That(Range(prepare.GetProperty("range")), Is.EqualTo(new[] { 60, 4, 60, 18 }));
        Assert.That(prepare.GetProperty("placeholder").GetString(), Is.EqualTo("Daily stand-up"));
        Assert.That(Json(Step("rename")), Is.EqualTo(
            """{"service-manual/agile/features-of-agile.md":[{"range":[60,4,60,18],"newText":"Daily stand-up meeting"}],"""
            + """ "service-manual/governance/governance-principles.md":[{"range":[147,71,147,85],"newText":"daily-stand-up-meeting"}],""".TrimStart()
            + """ "service-manual/governance/setting-up-the-right-reporting.md":[{"range":[37,85,37,99],"newText":"daily-stand-up-meeting"}]}""".TrimStart()));
    }

    [Test]
    public void Changing_a_heading_updates_the_diagnostics_of_an_open_page_linking_to_it()
    {
        var dependant = Step("dependant");
        var broken = dependant.GetProperty("broken");
        Assert.That(broken.GetArrayLength(), Is.EqualTo(1), Json(broken));
        Assert.That(broken[0].GetProperty("code").GetString(), Is.EqualTo("SM302"));
        Assert.That(Range(broken[0].GetProperty("range")), Is.EqualTo(new[] { 147, 31, 147, 85 }));
        Assert.That(broken[0].GetProperty("message").GetString(), Is.EqualTo(
            "fragment '#daily-stand-up' does not exist on 'service-manual/agile/features-of-agile.md' (did you mean '#daily-standup'?)"));
        Assert.That(dependant.GetProperty("restored").GetArrayLength(), Is.EqualTo(0), "the heading put back");
    }

    private static JsonElement Step(string name) => ExternalClients.Step(scenario, skipped, name);

    private static string Json(JsonElement element) => ExternalClients.Json(element);

    private static int[] Range(JsonElement element) => ExternalClients.Range(element);
}
