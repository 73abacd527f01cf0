using System.Text;
using System.Text.Json.Nodes;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Tests.LanguageServer;

/// <summary>
/// <c>smlint lsp</c> driven through the protocol by <see cref="LspClient"/>: in this process over
/// pipes, and as the real program over its standard input and output.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class LanguageServerTests
{
    private static TestSite SampleSite() => TestSite.CopyOf(Path.Combine(RepositoryPaths.Root, "samples", "service-manual"));

    // The code actions a client asks for with the cursor on one diagnostic.
    private static JsonArray CodeActionsFor(LspClient client, string uri, JsonNode diagnostic) => client.Request("textDocument/codeAction", new JsonObject
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["range"] = diagnostic["range"]!.DeepClone(),
        ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(diagnostic.DeepClone()) },
    })!.AsArray();

    private static string[] Codes(JsonArray diagnostics) => [.. diagnostics.Select(d => (string)d!["code"]!)];

    private static (int Line, int Character, int EndLine, int EndCharacter) RangeOf(JsonNode diagnostic)
    {
        var range = diagnostic["range"]!;
        return ((int)range["start"]!["line"]!, (int)range["start"]!["character"]!, (int)range["end"]!["line"]!, (int)range["end"]!["character"]!);
    }

    /// <summary>Applies a workspace edit's <c>changes</c> for <paramref name="uri"/> to <paramref name="text"/>, last edit first.</summary>
    private static string ApplyEdits(string text, JsonNode edit, string uri)
    {
        var edits = edit["changes"]![uri]!.AsArray()
            .Select(e => (Start: Offset(text, e!["range"]!["start"]!), End: Offset(text, e["range"]!["end"]!), NewText: (string)e["newText"]!))
            .OrderByDescending(e => e.Start);
        foreach (var (start, end, newText) in edits) text = text[..start] + newText + text[end..];
        return text;
    }

    private static int Offset(string text, JsonNode position)
    {
        var (line, character) = ((int)position["line"]!, (int)position["character"]!);
        var offset = 0;
        for (var i = 0; i < line; i++) offset = text.IndexOf('\n', offset) + 1;
        return offset + character;
    }

    private static void ReplaceWhole(LspClient client, string path, int version, string text)
    {
        client.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.UriOf(path), ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });
    }

    [Test]
    public void The_real_program_answers_initialize_lints_an_open_page_and_exits_0_after_shutdown()
    {
        using var site = SampleSite();
        using var client = LspClient.Process();
        var result = client.Initialize(site.Root);
        Assert.That((int)result["capabilities"]!["textDocumentSync"]!["change"]!, Is.EqualTo(2), "incremental sync");
        Assert.That((string)result["serverInfo"]!["name"]!, Is.EqualTo("smlint"));

        var page = Path.Combine(site.Root, "service-manual", "agile", "index.md");
        var diagnostics = client.Open(page);

        Assert.That(Codes(diagnostics), Is.EqualTo(new[] { "SM301" }));
        Assert.That(RangeOf(diagnostics[0]!), Is.EqualTo((13, 26, 13, 65)));
        Assert.That(client.ShutdownAndExit(), Is.EqualTo(0));
    }

    [Test]
    public void Lsp_is_a_command_that_needs_the_process_streams_and_refuses_unknown_options()
    {
        var inProcess = CliRunner.Run(Path.GetTempPath(), "lsp", "--stdio");
        Assert.That(inProcess.ExitCode, Is.EqualTo(2));
        Assert.That(inProcess.Error, Does.Contain("lsp speaks over the process's standard input and output"));
        var unknown = CliRunner.Run(Path.GetTempPath(), "lsp", "--tcp");
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Error, Does.Contain("--tcp"));
    }

    [Test]
    public void The_real_program_exits_1_on_exit_without_shutdown()
    {
        using var site = SampleSite();
        using var client = LspClient.Process();
        client.Initialize(site.Root);
        client.Notify("exit", null);
        Assert.That(client.ExitCode(), Is.EqualTo(1));
    }

    [Test]
    public void A_diagnostic_carries_range_severity_rule_help_link_and_source()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var diagnostic = client.Open(Path.Combine(site.Root, "service-manual", "agile", "index.md")).Single()!;

        Assert.That((string?)diagnostic["code"], Is.EqualTo("SM301"));
        Assert.That((int)diagnostic["severity"]!, Is.EqualTo(1));
        Assert.That((string?)diagnostic["source"], Is.EqualTo("smlint"));
        Assert.That((string?)diagnostic["codeDescription"]!["href"], Does.EndWith("/rules/SM301.md"));
        Assert.That((string?)diagnostic["message"], Does.StartWith("link target '/service-manual/agile/user-stories.html' does not exist")
            .And.Contain("did you mean '/service-manual/agile/writing-user-stories.html'?"));
        Assert.That(client.ShutdownAndExit(), Is.EqualTo(0));
    }

    [Test]
    public void Typing_a_broken_link_reports_it_at_its_range_from_the_editor_text_not_the_file()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var page = Path.Combine(site.Root, "service-manual", "index.md");
        var before = client.Open(page);
        var lines = File.ReadAllLines(page).Length;

        // An incremental change: a new last line holding a link to a page that does not exist.
        var after = client.Change(page, 2, lines, 0, lines, 0, "See [the beta](/service-manual/phases/betaa).\n");

        var added = after.Where(d => (string)d!["code"]! == "SM301").ToArray();
        Assert.That(added, Has.Length.EqualTo(Codes(before).Count(c => c == "SM301") + 1));
        Assert.That(added.Select(d => RangeOf(d!)), Does.Contain((lines, 15, lines, 43)));
        Assert.That(File.ReadAllText(page), Does.Not.Contain("betaa"), "the file on disk is not touched");
    }

    [Test]
    public void The_quick_fix_makes_the_edit_of_fix_and_the_finding_goes()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var page = Path.Combine(site.Root, "service-manual", "agile", "writing-user-stories.md");
        var uri = LspClient.UriOf(page);
        var text = File.ReadAllText(page);
        var sm305 = client.Open(page).Single(d => (string)d!["code"]! == "SM305")!;

        var actions = CodeActionsFor(client, uri, sm305);

        var fix = actions.Single(a => (string)a!["kind"]! == "quickfix" && (bool?)a["isPreferred"] == true)!;
        Assert.That((string)fix["title"]!, Is.EqualTo("add the leading slash (SM305)"));
        var fixedText = ApplyEdits(text, fix["edit"]!, uri);
        Assert.That(fixedText, Is.EqualTo(text.Replace("](service-manual/agile/index.html#principles)", "](/service-manual/agile/index.html#principles)", StringComparison.Ordinal)));

        ReplaceWhole(client, page, 2, fixedText);
        var after = client.DiagnosticsAfter(0, uri, 2);
        Assert.That(Codes(after), Does.Not.Contain("SM305"));
        Assert.That(Codes(after), Does.Contain("SM306"), "the other findings stay");
    }

    [Test]
    public void Fix_all_makes_every_certain_fix_of_the_page()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var page = Path.Combine(site.Root, "service-manual", "agile", "writing-user-stories.md");
        var uri = LspClient.UriOf(page);
        var text = File.ReadAllText(page);
        Assert.That(Codes(client.Open(page)), Is.SupersetOf(new[] { "SM305", "SM306" }));

        var actions = client.Request("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = LspClient.Range(0, 0, 0, 0),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["only"] = new JsonArray("source.fixAll") },
        })!.AsArray();

        var fixAll = actions.Single()!;
        Assert.That((string)fixAll["kind"]!, Is.EqualTo("source.fixAll.smlint"));
        ReplaceWhole(client, page, 2, ApplyEdits(text, fixAll["edit"]!, uri));
        Assert.That(Codes(client.DiagnosticsAfter(0, uri, 2)), Is.EqualTo(new[] { "SM302" }), "only the finding without a fix is left");
    }

    [Test]
    public void Disable_for_this_line_inserts_a_suppression_the_linter_honours()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var page = Path.Combine(site.Root, "service-manual", "agile", "index.md");
        var uri = LspClient.UriOf(page);
        var text = File.ReadAllText(page);
        var sm301 = client.Open(page).Single()!;

        var actions = CodeActionsFor(client, uri, sm301);
        var disable = actions.Single(a => (string)a!["title"]! == "Disable SM301 for this line")!;
        var suppressed = ApplyEdits(text, disable["edit"]!, uri);

        Assert.That(suppressed, Does.Contain("[user stories](/service-manual/agile/user-stories.html) and <!-- smlint-disable-line SM301 -->\n"));
        ReplaceWhole(client, page, 2, suppressed);
        Assert.That(client.DiagnosticsAfter(0, uri, 2), Is.Empty);
    }

    [Test]
    public void Disable_for_this_line_in_front_matter_is_a_yaml_comment_on_the_line_above()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var page = Path.Combine(site.Root, "service-manual", "phases", "alpha.md");
        var uri = LspClient.UriOf(page);
        var text = File.ReadAllText(page);
        var sm203 = client.Open(page).Single(d => (string)d!["code"]! == "SM203")!;

        var actions = CodeActionsFor(client, uri, sm203);
        var disable = actions.Single(a => (string)a!["title"]! == "Disable SM203 for this line")!;
        var suppressed = ApplyEdits(text, disable["edit"]!, uri);

        Assert.That(suppressed, Does.Contain("# smlint-disable-next-line SM203\n    url: /service-manual\n").Or.Contain("# smlint-disable-next-line SM203\n  - title: Home page\n"));
        ReplaceWhole(client, page, 2, suppressed);
        Assert.That(Codes(client.DiagnosticsAfter(0, uri, 2)), Does.Not.Contain("SM203"));
    }

    [Test]
    public void A_finding_about_the_whole_front_matter_is_disabled_for_the_page_with_the_front_matter_key()
    {
        using var site = new TestSite().WithServiceManualRules().With("service-manual/a.md", "---\nlayout: default\n---\nText without a title.\n");
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var page = Path.Combine(site.Root, "service-manual", "a.md");
        var uri = LspClient.UriOf(page);
        var text = File.ReadAllText(page);
        var missing = client.Open(page).First(d => (string)d!["code"]! == "SM102")!;
        Assert.That(RangeOf(missing).Line, Is.EqualTo(0));

        var actions = CodeActionsFor(client, uri, missing);
        var disable = actions.Single(a => (string)a!["title"]! == "Disable SM102 for this page")!;
        var suppressed = ApplyEdits(text, disable["edit"]!, uri);

        Assert.That(suppressed, Does.StartWith("---\nsmlint-disable: [SM102]\nlayout: default\n"));
        ReplaceWhole(client, page, 2, suppressed);
        Assert.That(Codes(client.DiagnosticsAfter(0, uri, 2)), Does.Not.Contain("SM102"));
    }

    [Test]
    public void A_second_initialize_is_refused()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var again = client.RequestRaw("initialize", new JsonObject { ["capabilities"] = new JsonObject() });
        Assert.That((int)again["error"]!["code"]!, Is.EqualTo(-32600));
        Assert.That(client.ShutdownAndExit(), Is.EqualTo(0));
    }

    [Test]
    public void A_site_in_a_folder_named_with_a_space_a_hash_and_an_accent_is_served_by_file_uri()
    {
        var root = Path.Combine(Path.GetTempPath(), $"smlint lsp #é {Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "guide"));
        try
        {
            File.WriteAllText(Path.Combine(root, "_config.yml"), "title: t\n");
            File.WriteAllText(Path.Combine(root, "guide", "index.md"), "---\ntitle: Guide\n---\n## Setting up\n");
            File.WriteAllText(Path.Combine(root, "a.md"), "---\ntitle: A\n---\n[x](/guide/#setting-up) [y](/nowhere.html)\n");
            using var client = LspClient.InProcess();
            var uri = "file://" + string.Join('/', root.Split('/').Select(Uri.EscapeDataString));
            client.Request("initialize", new JsonObject { ["rootUri"] = uri, ["capabilities"] = new JsonObject(), ["initializationOptions"] = new JsonObject { ["debounceMs"] = 0 } });
            client.Notify("initialized", new JsonObject());
            var page = uri + "/a.md";
            var mark = client.Mark();
            client.Notify("textDocument/didOpen", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = page, ["languageId"] = "markdown", ["version"] = 1, ["text"] = File.ReadAllText(Path.Combine(root, "a.md")) } });
            Assert.That(Codes(client.DiagnosticsAfter(mark, page)), Is.EqualTo(new[] { "SM301" }));

            var definition = client.Request("textDocument/definition", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = page }, ["position"] = LspClient.Position(3, 8) })!;
            Assert.That((string?)definition["uri"], Is.EqualTo(uri + "/guide/index.md"));
            Assert.That(new Uri((string)definition["uri"]!).LocalPath, Is.EqualTo(Path.Combine(root, "guide", "index.md")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Edits_within_the_debounce_are_linted_once()
    {
        using var site = new TestSite().With("_config.yml", "title: t\n").WithPage("a.md", "Text.\n");
        using var client = LspClient.InProcess();
        client.Initialize(site.Root, debounceMs: 1000);
        var a = Path.Combine(site.Root, "a.md");
        client.Open(a);
        var mark = client.Mark();
        var uri = LspClient.UriOf(a);
        foreach (var (version, text) in new[] { (2, "[x]("), (3, "/nowhere"), (4, ".html)") })
        {
            var column = version switch { 2 => 0, 3 => 4, _ => 12 };
            client.Notify("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
                ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = LspClient.Range(5, column, 5, column), ["text"] = text }),
            });
        }
        var diagnostics = client.DiagnosticsAfter(mark, uri, 4);
        Assert.That(Codes(diagnostics), Is.EqualTo(new[] { "SM301" }));
        Assert.That(RangeOf(diagnostics[0]!), Is.EqualTo((5, 4, 5, 17)));
        var published = client.Received.Skip(mark).Count(m => (string?)m["method"] == "textDocument/publishDiagnostics");
        Assert.That(published, Is.EqualTo(1), "one lint after the last edit, not one per edit");
    }

    [Test]
    public void Renaming_a_heading_updates_the_open_pages_that_link_to_it()
    {
        using var site = new TestSite()
            .With("_config.yml", "title: t\n")
            .WithPage("a.md", "See [the setup](/b.html#setting-up).\n")
            .WithPage("b.md", "## Setting up\n\nText.\n");
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var a = Path.Combine(site.Root, "a.md");
        var b = Path.Combine(site.Root, "b.md");
        Assert.That(client.Open(a), Is.Empty);
        Assert.That(client.Open(b), Is.Empty);

        var mark = client.Mark();
        client.Change(b, 2, 4, 3, 4, 13, "Installing");
        var dependant = client.DiagnosticsAfter(mark, LspClient.UriOf(a));
        Assert.That(Codes(dependant), Is.EqualTo(new[] { "SM302" }));
        Assert.That(RangeOf(dependant[0]!), Is.EqualTo((4, 16, 4, 34)).Or.EqualTo((4, 23, 4, 34)));

        mark = client.Mark();
        client.Change(b, 3, 4, 3, 4, 13, "Setting up");
        Assert.That(client.DiagnosticsAfter(mark, LspClient.UriOf(a)), Is.Empty, "the heading is back");
    }

    [Test]
    public void Closing_a_page_clears_its_diagnostics_and_its_unsaved_text_no_longer_counts()
    {
        using var site = new TestSite()
            .With("_config.yml", "title: t\n")
            .WithPage("a.md", "See [b](/b.html).\n")
            .WithPage("b.md", "Text.\n");
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var a = Path.Combine(site.Root, "a.md");
        Assert.That(client.Open(a), Is.Empty);
        Assert.That(Codes(client.Change(a, 2, 4, 9, 4, 9, "x")), Is.EqualTo(new[] { "SM301" }), "/xb.html does not exist");

        var mark = client.Mark();
        client.Notify("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = LspClient.UriOf(a) } });
        Assert.That(client.DiagnosticsAfter(mark, LspClient.UriOf(a)), Is.Empty);
        Assert.That(client.Open(a, version: 5), Is.Empty, "opened again from disk");
    }

    [Test]
    public void A_file_deleted_on_disk_breaks_the_links_of_open_pages_after_didChangeWatchedFiles()
    {
        using var site = new TestSite()
            .With("_config.yml", "title: t\n")
            .WithPage("a.md", "See [b](/b.html).\n")
            .WithPage("b.md", "Text.\n");
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var a = Path.Combine(site.Root, "a.md");
        Assert.That(client.Open(a), Is.Empty);

        File.Delete(Path.Combine(site.Root, "b.md"));
        var mark = client.Mark();
        client.Notify("workspace/didChangeWatchedFiles", new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["uri"] = LspClient.UriOf(Path.Combine(site.Root, "b.md")), ["type"] = 3 }),
        });
        var diagnostics = client.DiagnosticsAfter(mark, LspClient.UriOf(a));
        Assert.That(Codes(diagnostics), Is.EqualTo(new[] { "SM301" }));
        Assert.That(RangeOf(diagnostics[0]!), Is.EqualTo((4, 8, 4, 15)));
    }

    [Test]
    public void The_watcher_is_registered_when_the_client_can_register_dynamically()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        var capabilities = JsonNode.Parse("""{"workspace":{"didChangeWatchedFiles":{"dynamicRegistration":true}}}""")!.AsObject();
        client.Initialize(site.Root, capabilities);
        var registration = client.WaitFor(m => (string?)m["method"] == "client/registerCapability", 0, "client/registerCapability");
        var watcher = registration["params"]!["registrations"]![0]!;
        Assert.That((string?)watcher["method"], Is.EqualTo("workspace/didChangeWatchedFiles"));
        Assert.That((string?)watcher["registerOptions"]!["watchers"]![0]!["globPattern"], Is.EqualTo("**/*.{md,markdown,html,htm,yml,yaml}"));
        // The client's answer to the server's request is taken quietly.
        client.Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = registration["id"]!.DeepClone(), ["result"] = null });
        Assert.That(client.ShutdownAndExit(), Is.EqualTo(0));
    }

    [Test]
    public void Malformed_input_is_answered_with_errors_and_the_server_keeps_serving()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);

        var mark = client.Mark();
        client.SendRaw(Encoding.UTF8.GetBytes("{not json"));
        Assert.That((int)client.WaitFor(m => m["error"] is not null, mark, "a parse error")["error"]!["code"]!, Is.EqualTo(-32700));
        mark = client.Mark();
        client.SendRaw(Encoding.UTF8.GetBytes("[1, 2]"));
        Assert.That((int)client.WaitFor(m => m["error"] is not null, mark, "an invalid request error")["error"]!["code"]!, Is.EqualTo(-32600));
        client.SendBytes(Encoding.ASCII.GetBytes("X-Nonsense: 1\r\n\r\n"));
        client.Notify("textDocument/didOpen", new JsonArray(1, 2)); // params of the wrong shape: dropped
        client.Notify("$/somethingUnknown", new JsonObject());
        var unknown = client.RequestRaw("smlint/unknown", new JsonObject());
        Assert.That((int)unknown["error"]!["code"]!, Is.EqualTo(-32601));
        var badParams = client.RequestRaw("textDocument/hover", new JsonObject { ["textDocument"] = 7 });
        Assert.That((int)badParams["error"]!["code"]!, Is.EqualTo(-32602));

        var diagnostics = client.Open(Path.Combine(site.Root, "service-manual", "agile", "index.md"));
        Assert.That(Codes(diagnostics), Is.EqualTo(new[] { "SM301" }), "still serving");
        Assert.That(client.ShutdownAndExit(), Is.EqualTo(0));
    }

    [Test]
    public void Requests_before_initialize_and_after_shutdown_are_refused()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        Assert.That((int)client.RequestRaw("textDocument/hover", LspClient.At(site.Root, 0, 0))["error"]!["code"]!, Is.EqualTo(-32002));
        client.Initialize(site.Root);
        Assert.That(client.Request("shutdown", null), Is.Null);
        Assert.That((int)client.RequestRaw("textDocument/hover", LspClient.At(site.Root, 0, 0))["error"]!["code"]!, Is.EqualTo(-32600));
        client.Notify("exit", null);
        Assert.That(client.ExitCode(), Is.EqualTo(0));
    }

    [Test]
    public void The_end_of_the_input_without_exit_ends_the_server_with_1()
    {
        using var site = SampleSite();
        var client = LspClient.InProcess();
        client.Initialize(site.Root);
        client.Dispose();
        Assert.That(client.ExitCode(), Is.EqualTo(1));
    }

    [Test]
    public void Hover_on_a_finding_shows_the_rule_documentation()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var page = Path.Combine(site.Root, "service-manual", "agile", "index.md");
        client.Open(page);

        var hover = client.Request("textDocument/hover", LspClient.At(page, 13, 40))!;
        Assert.That((string?)hover["contents"]!["kind"], Is.EqualTo("markdown"));
        Assert.That((string?)hover["contents"]!["value"], Does.Contain("**SM301** `link-target-missing`").And.Contain(RuleDocs.Get("SM301")!));
        Assert.That(client.Request("textDocument/hover", LspClient.At(page, 2, 2)), Is.Null, "nothing to say about the title");
    }

    [Test]
    public void A_workspace_folder_above_the_site_finds_it_in_a_subfolder()
    {
        using var repository = new TestSite();
        File.Delete(Path.Combine(repository.Root, "_layouts", "default.html"));
        repository.With("docs/_config.yml", "title: t\n").WithPage("docs/a.md", "[x](/nowhere.html)\n");
        using var client = LspClient.InProcess();
        client.Initialize(repository.Root);
        Assert.That(Codes(client.Open(Path.Combine(repository.Root, "docs", "a.md"))), Does.Contain("SM301"));
    }

    [Test]
    public void Without_a_site_the_server_says_so_and_keeps_running()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smlint-nosite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.md"), "[x](/nowhere.html)\n");
            using var client = LspClient.InProcess();
            client.Initialize(folder);
            var message = client.WaitFor(m => (string?)m["method"] == "window/showMessage", 0, "window/showMessage");
            Assert.That((string?)message["params"]!["message"], Does.Contain("no Jekyll site in").And.Contain("smlint.yml or _config.yml"));
            Assert.That(client.Open(Path.Combine(folder, "a.md")), Is.Empty);
            Assert.That(client.ShutdownAndExit(), Is.EqualTo(0));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_configuration_error_is_a_diagnostic_on_the_file_until_it_is_fixed()
    {
        using var site = new TestSite()
            .With("_config.yml", "title: t\n")
            .With("smlint.yml", "rules:\n  SM301: sometimes\n")
            .WithPage("a.md", "[x](/nowhere.html)\n");
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var config = LspClient.UriOf(Path.Combine(site.Root, "smlint.yml"));
        var problem = client.DiagnosticsAfter(0, config);
        Assert.That(Codes(problem), Is.EqualTo(new[] { "SM000" }));
        Assert.That(RangeOf(problem[0]!).Line, Is.EqualTo(1));
        var a = Path.Combine(site.Root, "a.md");
        Assert.That(client.Open(a), Is.Empty, "no site, no findings");

        site.With("smlint.yml", "rules:\n  SM301: warning\n");
        var mark = client.Mark();
        client.Notify("workspace/didChangeWatchedFiles", new JsonObject { ["changes"] = new JsonArray(new JsonObject { ["uri"] = config, ["type"] = 2 }) });
        Assert.That(client.DiagnosticsAfter(mark, config), Is.Empty);
        var findings = client.DiagnosticsAfter(mark, LspClient.UriOf(a));
        Assert.That(Codes(findings), Is.EqualTo(new[] { "SM301" }));
        Assert.That((int)findings[0]!["severity"]!, Is.EqualTo(2));
    }

    [Test]
    public void A_file_outside_the_site_gets_no_findings()
    {
        using var outside = new TestSite().WithPage("b.md", "[x](/nowhere.html)\n");
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        Assert.That(client.Open(Path.Combine(outside.Root, "b.md")), Is.Empty);
    }

    private static TestSite LinkedSite() => new TestSite()
        .With("_config.yml", "title: t\n")
        .WithPage("guide/index.md", "## Setting up\n\nText.\n\n## Running\n\nMore.\n", title: "The guide")
        .WithPage("a.md", "See [the setup](/guide/#setting-up).\n")
        .WithPage("b.md", "Also [setting up](/guide/#setting-up) and [the guide](/guide/).\n");

    [Test]
    public void Completion_after_a_path_and_after_a_hash_offers_urls_and_ids()
    {
        using var site = LinkedSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var a = Path.Combine(site.Root, "a.md");
        client.Open(a);
        client.Change(a, 2, 5, 0, 5, 0, "Read [x](/gu");

        var urls = client.Request("textDocument/completion", LspClient.At(a, 5, 12))!["items"]!.AsArray();
        var guide = urls.Single(i => (string)i!["label"]! == "/guide/")!;
        Assert.That((int)guide["kind"]!, Is.EqualTo(17));
        Assert.That(guide["textEdit"]!["range"]!.ToJsonString(), Is.EqualTo(LspClient.Range(5, 9, 5, 12).ToJsonString()), "replaces what was typed of the target");
        Assert.That((string?)guide["textEdit"]!["newText"], Is.EqualTo("/guide/"));

        client.Change(a, 3, 5, 12, 5, 12, "ide/#ru");
        var ids = client.Request("textDocument/completion", LspClient.At(a, 5, 19))!["items"]!.AsArray();
        Assert.That(ids.Select(i => (string)i!["label"]!), Is.EqualTo(new[] { "running" }));
        Assert.That((int)ids[0]!["kind"]!, Is.EqualTo(18));
        Assert.That(ids[0]!["textEdit"]!["range"]!.ToJsonString(), Is.EqualTo(LspClient.Range(5, 17, 5, 19).ToJsonString()));
    }

    [Test]
    public void Completion_in_front_matter_offers_the_rule_sets_allowed_values()
    {
        using var site = SampleSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var page = Path.Combine(site.Root, "service-manual", "agile", "writing-user-stories.md");
        client.Open(page);
        client.Change(page, 2, 3, 8, 3, 17, "d");

        var items = client.Request("textDocument/completion", LspClient.At(page, 3, 9))!["items"]!.AsArray();
        Assert.That(items.Select(i => (string)i!["label"]!), Is.EqualTo(new[] { "draft" }));
        Assert.That((int)items[0]!["kind"]!, Is.EqualTo(12));
        Assert.That(items[0]!["textEdit"]!["range"]!.ToJsonString(), Is.EqualTo(LspClient.Range(3, 8, 3, 9).ToJsonString()));
    }

    [Test]
    public void Definition_of_a_link_with_a_fragment_is_the_heading_on_the_target_page()
    {
        using var site = LinkedSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var a = Path.Combine(site.Root, "a.md");
        client.Open(a);

        var definition = client.Request("textDocument/definition", LspClient.At(a, 4, 20))!;
        Assert.That((string?)definition["uri"], Is.EqualTo(LspClient.UriOf(Path.Combine(site.Root, "guide", "index.md"))));
        Assert.That((int)definition["range"]!["start"]!["line"]!, Is.EqualTo(4), "the '## Setting up' line");
        Assert.That(client.Request("textDocument/definition", LspClient.At(a, 4, 1)), Is.Null, "not on a link");
    }

    [Test]
    public void References_of_a_heading_are_the_links_to_it_across_the_site()
    {
        using var site = LinkedSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var guide = Path.Combine(site.Root, "guide", "index.md");
        client.Open(guide);

        var references = client.Request("textDocument/references", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.UriOf(guide) },
            ["position"] = LspClient.Position(4, 5),
            ["context"] = new JsonObject { ["includeDeclaration"] = false },
        })!.AsArray();
        var places = references.Select(r => ((string)r!["uri"]!, (int)r["range"]!["start"]!["line"]!)).OrderBy(p => p.Item1, StringComparer.Ordinal).ToArray();
        Assert.That(places, Is.EqualTo(new[] { (LspClient.UriOf(Path.Combine(site.Root, "a.md")), 4), (LspClient.UriOf(Path.Combine(site.Root, "b.md")), 4) }));
    }

    [Test]
    public void Renaming_a_heading_edits_every_link_to_it_and_prepareRename_offers_its_text()
    {
        using var site = LinkedSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var guide = Path.Combine(site.Root, "guide", "index.md");
        client.Open(guide);

        var prepared = client.Request("textDocument/prepareRename", LspClient.At(guide, 4, 5))!;
        Assert.That((string?)prepared["placeholder"], Is.EqualTo("Setting up"));
        Assert.That(prepared["range"]!.ToJsonString(), Is.EqualTo(LspClient.Range(4, 3, 4, 13).ToJsonString()));

        var rename = LspClient.At(guide, 4, 5);
        rename["newName"] = "Installing";
        var edit = client.Request("textDocument/rename", rename)!;
        var aUri = LspClient.UriOf(Path.Combine(site.Root, "a.md"));
        var bUri = LspClient.UriOf(Path.Combine(site.Root, "b.md"));
        Assert.That(ApplyEdits(File.ReadAllText(Path.Combine(site.Root, "a.md")), edit, aUri), Does.Contain("[the setup](/guide/#installing)"));
        Assert.That(ApplyEdits(File.ReadAllText(Path.Combine(site.Root, "b.md")), edit, bUri), Does.Contain("[setting up](/guide/#installing) and [the guide](/guide/)"));
        Assert.That(ApplyEdits(File.ReadAllText(guide), edit, LspClient.UriOf(guide)), Does.Contain("## Installing\n"));

        var refused = client.RequestRaw("textDocument/prepareRename", LspClient.At(guide, 6, 1));
        Assert.That((string?)refused["error"]!["message"], Does.Contain("heading"));
    }

    [Test]
    public void Renaming_a_page_file_rewrites_the_links_to_it_before_the_rename()
    {
        using var site = LinkedSite();
        using var client = LspClient.InProcess();
        var result = client.Initialize(site.Root);
        Assert.That((string?)result["capabilities"]!["workspace"]!["fileOperations"]!["willRename"]!["filters"]![0]!["pattern"]!["glob"], Is.EqualTo("**/*.{md,markdown,html,htm}"));

        var edit = client.Request("workspace/willRenameFiles", new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject
            {
                ["oldUri"] = LspClient.UriOf(Path.Combine(site.Root, "guide", "index.md")),
                ["newUri"] = LspClient.UriOf(Path.Combine(site.Root, "manual", "index.md")),
            }),
        })!;
        var aUri = LspClient.UriOf(Path.Combine(site.Root, "a.md"));
        Assert.That(ApplyEdits(File.ReadAllText(Path.Combine(site.Root, "a.md")), edit, aUri), Does.Contain("[the setup](/manual/#setting-up)"));
        var bUri = LspClient.UriOf(Path.Combine(site.Root, "b.md"));
        Assert.That(ApplyEdits(File.ReadAllText(Path.Combine(site.Root, "b.md")), edit, bUri), Does.Contain("[the guide](/manual/)"));
    }

    [Test]
    public void Hover_on_a_link_shows_what_navigation_says_of_its_target()
    {
        using var site = LinkedSite();
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var b = Path.Combine(site.Root, "b.md");
        client.Open(b);
        var hover = client.Request("textDocument/hover", LspClient.At(b, 4, 56))!;
        Assert.That((string?)hover["contents"]!["value"], Does.Contain("The guide"));
    }

    [Test]
    public void The_corpus_page_reports_a_typed_broken_link_and_its_fix_removes_it()
    {
        if (RepositoryPaths.Corpus is not { } corpus) { Assert.Ignore("../shared/corpus is not beside this clone"); return; }
        using var site = TestSite.CopyOf(Path.Combine(corpus, "service-manual-2016"));
        site.With("smlint.yml", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations", "service-manual-2016.yml")));
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var page = Path.Combine(site.Root, "service-manual", "agile", "index.md");
        var uri = LspClient.UriOf(page);
        var text = File.ReadAllText(page);
        var before = client.Open(page);
        var lastLine = text.Count(c => c == '\n');
        var lastColumn = text.Length - (text.LastIndexOf('\n') + 1);
        var typed = (text.EndsWith('\n') ? "" : "\n") + "Read [agile](service-manual/agile/writing-user-stories).\n";
        var linkLine = text.EndsWith('\n') ? lastLine : lastLine + 1;

        // service-manual/agile/... (an extensionless URL) without its leading slash: SM305, fixable.
        var after = client.Change(page, 2, lastLine, lastColumn, lastLine, lastColumn, typed);
        var added = after.Single(d => (string)d!["code"]! == "SM305")!;
        Assert.That(RangeOf(added), Is.EqualTo((linkLine, 13, linkLine, 54)));
        Assert.That(after, Has.Count.EqualTo(before.Count + 1));

        var actions = client.Request("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = added["range"]!.DeepClone(),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(added.DeepClone()), ["only"] = new JsonArray("quickfix") },
        })!.AsArray();
        var fix = actions.Single(a => (bool?)a!["isPreferred"] == true)!;
        var edited = text + typed;
        var fixedText = ApplyEdits(edited, fix["edit"]!, uri);
        Assert.That(fixedText, Does.EndWith("Read [agile](/service-manual/agile/writing-user-stories).\n"));
        ReplaceWhole(client, page, 3, fixedText);
        Assert.That(client.DiagnosticsAfter(0, uri, 3), Has.Count.EqualTo(before.Count));
    }

    [Test]
    public void The_corpus_completes_service_manual_paths_and_ids()
    {
        if (RepositoryPaths.Corpus is not { } corpus) { Assert.Ignore("../shared/corpus is not beside this clone"); return; }
        using var site = TestSite.CopyOf(Path.Combine(corpus, "service-manual-2016"));
        site.With("smlint.yml", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations", "service-manual-2016.yml")));
        using var client = LspClient.InProcess();
        client.Initialize(site.Root);
        var page = Path.Combine(site.Root, "service-manual", "agile", "quality.md");
        var text = File.ReadAllText(page);
        client.Open(page);
        var lastLine = text.Count(c => c == '\n');
        var lastColumn = text.Length - (text.LastIndexOf('\n') + 1);
        var typed = (text.EndsWith('\n') ? "" : "\n") + "See [agile](/service-manual/ag";
        var line = text.EndsWith('\n') ? lastLine : lastLine + 1;
        client.Change(page, 2, lastLine, lastColumn, lastLine, lastColumn, typed);

        var urls = client.Request("textDocument/completion", LspClient.At(page, line, 30))!["items"]!.AsArray().Select(i => (string)i!["label"]!).ToArray();
        Assert.That(urls, Does.Contain("/service-manual/agile"));
        Assert.That(urls, Does.Contain("/service-manual/agile/writing-user-stories"));
        Assert.That(urls, Has.All.StartWith("/service-manual/ag"));

        client.Change(page, 3, line, 30, line, 30, "ile#user-");
        var ids = client.Request("textDocument/completion", LspClient.At(page, line, 39))!["items"]!.AsArray().Select(i => (string)i!["label"]!).ToArray();
        Assert.That(ids, Does.Contain("user-stories"));
        Assert.That(ids, Has.All.StartWith("user-"));
    }
}
