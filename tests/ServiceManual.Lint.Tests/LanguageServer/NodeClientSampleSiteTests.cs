using System.Text.Json;

namespace ServiceManual.Lint.Tests.LanguageServer;

/// <summary>
/// Issue 21's editing session of <see cref="NodeClientTests"/>, on a copy of the in-repo sample site
/// (samples/service-manual) with the pages and texts of tests/lsp-client/sample-site.json: it needs
/// no corpus, so it runs in CI. The sample's own defects stay in the answers, asserted as the CLI
/// reports them (SM301 at agile/index.md:14:27).
/// </summary>
[NonParallelizable]
public sealed class NodeClientSampleSiteTests
{
    private static JsonElement scenario;
    private static string? skipped;

    private const string Page = "service-manual/agile/index.md";
    private const string Alpha = "service-manual/phases/alpha.md";
    private const string Home = "service-manual/index.md";

    // The sample's defect on line 14, 1-based column 27 in the CLI: the URL at 26..65.
    private static readonly string ExistingBroken = Json(JsonDocument.Parse("""
        {"range":[13,26,13,65],"code":"SM301","source":"smlint","severity":1,
         "message":"link target '/service-manual/agile/user-stories.html' does not exist: no page or file is served at '/service-manual/agile/user-stories.html' (did you mean '/service-manual/agile/writing-user-stories.html'?)"}
        """).RootElement);

    [OneTimeSetUp]
    public void RunScenario()
    {
        if (ExternalClients.Missing("node", "npm") is { } missing) { skipped = missing; return; }
        using var site = ExternalClients.SampleCopy();
        scenario = ExternalClients.RunScenario(site, "sample-site.json");
    }

    [Test]
    public void The_server_initializes_on_the_sample_and_shuts_down_cleanly()
    {
        var capabilities = Step("capabilities");
        Assert.That(capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32(), Is.EqualTo(2), "incremental");
        Assert.That(capabilities.GetProperty("codeAction").GetProperty("codeActionKinds").EnumerateArray().Select(k => k.GetString()), Is.SupersetOf(new[] { "quickfix", "source.fixAll" }));
        Assert.That(capabilities.GetProperty("completionTriggers").EnumerateArray().Select(k => k.GetString()), Is.SupersetOf(new[] { "/", "#" }));
        Assert.That(capabilities.GetProperty("rename").GetProperty("prepareProvider").GetBoolean(), Is.True);
        Assert.That(Step("serverInfo").GetProperty("name").GetString(), Is.EqualTo("smlint"));
        Assert.That(Step("exit").GetProperty("code").GetInt32(), Is.EqualTo(0));
    }

    [Test]
    public void The_opened_page_shows_the_samples_broken_link_where_the_cli_reports_it()
    {
        Assert.That(Step("opened").EnumerateArray().Select(Json), Is.EqualTo(new[] { ExistingBroken }));
    }

    // Line 15 is "[the alpha phase](/service-manual/phases/alpha)." (48 characters); the typed
    // " Read about [user stories](" puts the URL at 75..116.
    [Test]
    public void A_typed_broken_link_is_reported_at_its_url_beside_the_existing_one()
    {
        var typed = Step("typed");
        Assert.That(typed.GetProperty("version").GetInt32(), Is.EqualTo(2));
        var diagnostics = typed.GetProperty("diagnostics");
        Assert.That(diagnostics.GetArrayLength(), Is.EqualTo(2), Json(diagnostics));
        Assert.That(Json(diagnostics[0]), Is.EqualTo(ExistingBroken));
        var broken = diagnostics[1];
        Assert.That(broken.GetProperty("code").GetString(), Is.EqualTo("SM301"));
        Assert.That(broken.GetProperty("source").GetString(), Is.EqualTo("smlint"));
        Assert.That(broken.GetProperty("severity").GetInt32(), Is.EqualTo(1), "error");
        Assert.That(Range(broken.GetProperty("range")), Is.EqualTo(new[] { 14, 75, 14, 116 }));
        Assert.That(broken.GetProperty("message").GetString(), Is.EqualTo(
            "link target '/service-manual/agile/writing-user-storys' does not exist: no page or file is served at '/service-manual/agile/writing-user-storys' (did you mean '/service-manual/agile/writing-user-stories'?)"));
    }

    [Test]
    public void The_typed_link_has_the_fix_a_suppression_and_fix_all_as_code_actions()
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
            Assert.That(edits.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { Page }));
            var edit = edits.GetProperty(Page).EnumerateArray().Single();
            return (Range(edit.GetProperty("range")), edit.GetProperty("newText").GetString());
        }
        Assert.That(OnlyEdit(actions[0]), Is.EqualTo((new[] { 14, 75, 14, 116 }, "/service-manual/agile/writing-user-stories")));
        Assert.That(OnlyEdit(actions[1]), Is.EqualTo((new[] { 14, 118, 14, 118 }, " <!-- smlint-disable-line SM301 -->")));
        // The existing broken link has no certain fix (its suggestion is a guess), so fix-all leaves it.
        Assert.That(OnlyEdit(actions[2]), Is.EqualTo((new[] { 14, 75, 14, 116 }, "/service-manual/agile/writing-user-stories")));
        Assert.That(actions[0].GetProperty("diagnostics").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "SM301" }));
    }

    [Test]
    public void Applying_the_quick_fix_clears_its_diagnostic_and_leaves_the_existing_one()
    {
        var fixedPage = Step("fixed");
        Assert.That(fixedPage.GetProperty("diagnostics").EnumerateArray().Select(Json), Is.EqualTo(new[] { ExistingBroken }));
        Assert.That(fixedPage.GetProperty("line").GetString(), Is.EqualTo(
            "[the alpha phase](/service-manual/phases/alpha). Read about [user stories](/service-manual/agile/writing-user-stories)."));
    }

    // "Also see [stand-ups](/service-manual/ag)" as a new line 16, the caret before ')'.
    [Test]
    public void Completion_in_a_link_target_offers_the_samples_urls_with_their_titles()
    {
        var completion = Step("completionPath");
        var shown = completion.GetProperty("shown").EnumerateArray().ToArray();
        Assert.That(shown.Select(i => (i.GetProperty("label").GetString(), i.GetProperty("detail").GetString())), Is.EqualTo(new[]
        {
            ("/service-manual/agile", "Agile delivery"),
            ("/service-manual/agile/writing-user-stories", "Writing user stories"),
        }));
        foreach (var item in shown)
        {
            Assert.That(Range(item.GetProperty("textEdit").GetProperty("range")), Is.EqualTo(new[] { 15, 21, 15, 39 }), item.ToString());
            Assert.That(item.GetProperty("textEdit").GetProperty("newText").GetString(), Is.EqualTo(item.GetProperty("label").GetString()));
        }
    }

    [Test]
    public void Completion_after_the_hash_offers_the_alpha_pages_ids_its_anchor_and_its_layouts()
    {
        var items = Step("completionFragment").EnumerateArray().ToArray();
        Assert.That(items.Select(i => (i.GetProperty("label").GetString(), i.GetProperty("detail").GetString())), Is.EquivalentTo(new[]
        {
            ("what-to-do-in-alpha", "## What to do in alpha"),
            ("team", "## Team"),
            ("team-requirements", "<a name=\"team-requirements\"></a>"),
            ("content", "from its layout or an include"),
        }));
        foreach (var item in items)
            Assert.That(Range(item.GetProperty("textEdit").GetProperty("range")), Is.EqualTo(new[] { 15, 50, 15, 50 }), item.ToString());
        Assert.That(Step("completionRemoved").EnumerateArray().Select(Json), Is.EqualTo(new[] { ExistingBroken }), "the line with the unfinished link removed");
    }

    [Test]
    public void Definition_goes_to_the_target_page_and_to_the_heading_of_a_fragment()
    {
        Assert.That(Json(Step("definition")), Is.EqualTo($$"""[{"path":"{{Alpha}}","range":[0,0,0,0]}]"""));
        // "## What to do in alpha" is line 13 of alpha.md, 22 characters.
        Assert.That(Json(Step("definitionFragment")), Is.EqualTo($$"""[{"path":"{{Alpha}}","range":[12,0,12,22]}]"""));
    }

    [Test]
    public void Hover_on_a_link_shows_the_target_pages_title_and_url()
    {
        Assert.That(Step("hover").GetProperty("text").GetString(), Is.EqualTo(
            "**Alpha**\n\n`/service-manual/phases/alpha` (service-manual/phases/alpha.md)"));
    }

    // Line 14 of index.md: "* [The phases](/service-manual/phases/alpha#what-to-do-in-alpha)", the URL at 15..63.
    [Test]
    public void References_of_a_heading_are_the_links_to_its_id()
    {
        Assert.That(Json(Step("references")), Is.EqualTo($$"""[{"path":"{{Home}}","range":[13,15,13,63]}]"""));
    }

    [Test]
    public void Renaming_a_heading_updates_the_fragment_of_the_page_linking_to_it()
    {
        var prepare = Step("prepareRename");
        Assert.That(Range(prepare.GetProperty("range")), Is.EqualTo(new[] { 12, 3, 12, 22 }));
        Assert.That(prepare.GetProperty("placeholder").GetString(), Is.EqualTo("What to do in alpha"));
        Assert.That(Json(Step("rename")), Is.EqualTo(
            $$"""{"{{Home}}":[{"range":[13,44,13,63],"newText":"what-to-do-in-the-alpha"}],"{{Alpha}}":[{"range":[12,3,12,22],"newText":"What to do in the alpha"}]}"""));
    }

    [Test]
    public void Changing_a_heading_updates_the_diagnostics_of_an_open_page_linking_to_it()
    {
        var dependant = Step("dependant");
        var broken = dependant.GetProperty("broken");
        Assert.That(broken.GetArrayLength(), Is.EqualTo(1), Json(broken));
        Assert.That(broken[0].GetProperty("code").GetString(), Is.EqualTo("SM302"));
        Assert.That(Range(broken[0].GetProperty("range")), Is.EqualTo(new[] { 13, 15, 13, 63 }));
        // The space after "What" removed: kramdown's id becomes whatto-do-in-alpha.
        Assert.That(broken[0].GetProperty("message").GetString(), Is.EqualTo(
            "fragment '#what-to-do-in-alpha' does not exist on 'service-manual/phases/alpha.md' (did you mean '#whatto-do-in-alpha'?)"));
        Assert.That(dependant.GetProperty("restored").GetArrayLength(), Is.EqualTo(0), "the space put back");
    }

    private static JsonElement Step(string name) => ExternalClients.Step(scenario, skipped, name);

    private static string Json(JsonElement element) => ExternalClients.Json(element);

    private static int[] Range(JsonElement element) => ExternalClients.Range(element);
}
