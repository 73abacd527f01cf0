using System.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Fixing;

namespace ServiceManual.Lint.Tests;

/// <summary>Front matter scalars typed as Jekyll's YAML reader, Ruby's Psych, types them.</summary>
// Internal: its cases take internal parser types (the library exposes them to the tests only).
internal sealed class PsychScalarTests
{
    // Measured with Ruby 3.1.2 / Psych 4.0.3 (TZ=UTC): plain scalar -> class and to_s.
    private static readonly (string Written, RubyType Type, string Shown)[] Table =
    [
        ("no", RubyType.Boolean, "false"),
        ("No", RubyType.Boolean, "false"),
        ("nO", RubyType.Boolean, "false"),
        ("yes", RubyType.Boolean, "true"),
        ("on", RubyType.Boolean, "true"),
        ("OFF", RubyType.Boolean, "false"),
        ("true", RubyType.Boolean, "true"),
        ("tRuE", RubyType.Boolean, "true"),
        ("y", RubyType.String, "y"),
        ("n", RubyType.String, "n"),
        ("true_", RubyType.String, "true_"),
        ("~", RubyType.Nil, ""),
        ("nUll", RubyType.Nil, ""),
        ("1.10", RubyType.Float, "1.1"),
        ("1.0", RubyType.Float, "1.0"),
        ("1.", RubyType.Float, "1.0"),
        (".5", RubyType.Float, "0.5"),
        ("1_000.5", RubyType.Float, "1000.5"),
        ("1,000.5", RubyType.Float, "1000.5"),
        ("1.0e+3", RubyType.Float, "1000.0"),
        ("1.0e-3", RubyType.Float, "0.001"),
        ("1e3", RubyType.String, "1e3"),
        ("1.5e3", RubyType.String, "1.5e3"),
        ("0.00001", RubyType.Float, "1.0e-05"),
        ("1000000000000000.0", RubyType.Float, "1.0e+15"),
        ("100000000000000.0", RubyType.Float, "100000000000000.0"),
        (".inf", RubyType.Float, "Infinity"),
        ("-.Inf", RubyType.Float, "-Infinity"),
        (".NaN", RubyType.Float, "NaN"),
        ("1.2.3", RubyType.String, "1.2.3"),
        ("12", RubyType.Integer, "12"),
        ("+12", RubyType.Integer, "12"),
        ("2014", RubyType.Integer, "2014"),
        ("012", RubyType.Integer, "10"),
        ("08", RubyType.String, "08"),
        ("0x1F", RubyType.Integer, "31"),
        ("0X1F", RubyType.String, "0X1F"),
        ("0o12", RubyType.String, "0o12"),
        ("0b101", RubyType.Integer, "5"),
        ("1_000", RubyType.Integer, "1000"),
        ("1,000", RubyType.Integer, "1000"),
        ("1__0", RubyType.String, "1__0"),
        ("12345678901234567890", RubyType.Integer, "12345678901234567890"),
        ("1:30", RubyType.Integer, "5400"),
        ("-1:30", RubyType.Integer, "-1800"),
        ("1:30.5", RubyType.Float, "5430.0"),
        ("1:60", RubyType.String, "1:60"),
        ("0x_", RubyType.Unreadable, "invalid value for Integer(): \"0x\""),
        ("2013-01-01", RubyType.Date, "2013-01-01"),
        ("2013-1-1", RubyType.Date, "2013-01-01"),
        ("2013-02-30", RubyType.String, "2013-02-30"),
        ("1900-02-29", RubyType.String, "1900-02-29"),
        ("1500-02-29", RubyType.Date, "1500-02-29"),
        ("1582-10-10", RubyType.String, "1582-10-10"),
        ("2013-01-01T10:00:00Z", RubyType.Time, "2013-01-01 10:00:00 UTC"),
        ("2013-01-01 10:00:00", RubyType.Time, "2013-01-01 10:00:00 +0000"),
        ("2013-01-01 10:00:00 +01:00", RubyType.Time, "2013-01-01 10:00:00 +0100"),
        ("2013-02-30 10:00:00", RubyType.Time, "2013-03-02 10:00:00 +0000"),
        ("2013-01-01 25:00:00", RubyType.String, "2013-01-01 25:00:00"),
        (":symbol", RubyType.Symbol, "symbol"),
        (":\"quoted sym\"", RubyType.Symbol, "quoted sym"),
        ("Getting started", RubyType.String, "Getting started"),
        ("Über", RubyType.String, "Über"),
        ("off-the-shelf", RubyType.String, "off-the-shelf"),
        ("-x", RubyType.String, "-x"),
    ];

    private static IEnumerable<TestCaseData> Cases() => Table.Select(c => new TestCaseData(c.Written, c.Type, c.Shown).SetName($"Psych reads '{c.Written}' as {c.Type} '{c.Shown}'"));

    [TestCaseSource(nameof(Cases))]
    public void Plain_scalars_are_typed_as_psych_types_them(string written, RubyType type, string shown) =>
        Assert.That(PsychScalar.Tokenize(written), Is.EqualTo(new RubyScalar(type, shown)));

    [Test]
    public void Quoted_block_and_tagged_scalars_are_text()
    {
        var root = YamlTreeBuilder.Parse("a: \"no\"\nb: 'yes'\nc: !!str no\nd: |\n  1.10\ne: no\n") as YamlMapping;
        Assert.That(new[] { "a", "b", "c", "d" }.Select(k => PsychScalar.Classify((YamlScalar)root!.Get(k)!).Type), Is.All.EqualTo(RubyType.String));
        Assert.That(PsychScalar.Classify((YamlScalar)root!.Get("e")!), Is.EqualTo(new RubyScalar(RubyType.Boolean, "false")));
    }

    [TestCase(1e20, "1.0e+20")]
    [TestCase(1234567890123456.0, "1.234567890123456e+15")]
    [TestCase(123456789012345.0, "123456789012345.0")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(0.00012, "0.00012")]
    [TestCase(1.25e-7, "1.25e-07")]
    [TestCase(5e-324, "5.0e-324")]
    [TestCase(-2.5, "-2.5")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(1e100, "1.0e+100")]
    public void Floats_print_as_ruby_prints_them(double value, string shown) =>
        Assert.That(PsychScalar.FormatFloat(value), Is.EqualTo(shown));

    /// <summary>
    /// The table above, and more, read by Ruby itself when it is installed: Jekyll's own call
    /// (Psych.safe_load with Date and Time permitted; Symbol too, to see its class).
    /// </summary>
    [Test]
    public void Psych_itself_agrees_with_the_table_where_ruby_is_installed()
    {
        var ruby = FindOnPath("ruby");
        if (ruby is null)
        {
            Assert.Ignore("ruby is not installed; the table is pinned by the other tests");
            return;
        }
        string[] more = ["NO", "On", "False", "Null", "NULL", "0", "00", "-0", "0.0", "-.5", "+.5", "0.", "0b", "0_", "0x_1F", "1.e+3", "1_0.5",
            "2013-13-01", "0000-01-01", "12345-01-01", "2013-00-01", "2000-02-29", "1582-10-15", "1582-10-04",
            "2013-01-01 24:00:00", "2013-01-01 10:00:60", "2013-01-01 10:00:00 -5", "2013-01-01 10:00:00+1:30", "2013-01-01t10:00:00.5-05:00",
            "2013-01-01 10:00:00 +99", ":a:b", ":-", "+inf", ".", "1:5", "-1:30:61", "on,", "n0", "Yes please", "v1.10", "1.10 release"];
        var written = Table.Select(c => c.Written).Concat(more).ToArray();
        var input = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(input, written);
            var start = new ProcessStartInfo(ruby) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-ryaml");
            start.ArgumentList.Add("-rdate");
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add("""
                File.readlines(ARGV[0], chomp: true).each do |w|
                  begin
                    v = Psych.safe_load("v: #{w}\n", permitted_classes: [Date, Time, Symbol], aliases: true)["v"]
                    puts "#{v.class}\t#{v}"
                  rescue => e
                    puts "Error\t#{e.message}"
                  end
                end
                """);
            start.ArgumentList.Add(input);
            start.Environment["TZ"] = "UTC";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, process.StandardError.ReadToEnd());
            var ours = written.Select(w => Describe(PsychScalar.Tokenize(w))).ToArray();
            Assert.Multiple(() =>
            {
                for (var i = 0; i < written.Length; i++) Assert.That(ours[i], Is.EqualTo(output[i]), $"'{written[i]}'");
            });
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static string Describe(RubyScalar value) => value.Type switch
    {
        RubyType.Nil => "NilClass\t",
        RubyType.Boolean => (value.Text == "true" ? "TrueClass" : "FalseClass") + "\t" + value.Text,
        RubyType.Unreadable => "Error\t" + value.Text,
        _ => value.Type + "\t" + value.Text,
    };

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? name + ".exe" : name)).FirstOrDefault(File.Exists);

    [Test]
    public void A_title_that_shows_differently_is_reported_with_the_value_jekyll_shows_and_quoted_by_the_fix()
    {
        using var site = new TestSite()
            .With("a.md", "---\nlayout: default\ntitle: no\n---\n")
            .With("b.md", "---\nlayout: default\ntitle: 1.10\n---\n")
            .With("c.md", "---\nlayout: default\ntitle:   2013-1-1   \n---\n")
            .With("d.md", "---\r\nlayout: default\r\ntitle: :\"quoted\"\r\n---\r\n");
        var result = site.Lint();
        var findings = result.Diagnostics.Where(d => d.Rule.Id == "SM103").Select(d => $"{d.Path}:{d.Span.Line}:{d.Span.Column} {d.Message} | {d.Suggestion}").ToArray();
        Assert.That(findings, Is.EqualTo(new[]
        {
            "a.md:3:8 'title: no' is the boolean false to Jekyll's YAML reader (Ruby's Psych), so the page shows 'false' | quote it: title: \"no\"",
            "b.md:3:8 'title: 1.10' is the number 1.1 to Jekyll's YAML reader (Ruby's Psych), so the page shows '1.1' | quote it: title: \"1.10\"",
            "c.md:3:10 'title: 2013-1-1' is the date 2013-01-01 to Jekyll's YAML reader (Ruby's Psych), so the page shows '2013-01-01' | quote it: title: \"2013-1-1\"",
            "d.md:3:8 'title: :\"quoted\"' is a Ruby symbol to Jekyll's YAML reader (Ruby's Psych): Jekyll either refuses the page's front matter or keeps the text, depending on how it loads YAML | quote it: title: \":\"quoted\"\"",
        }));

        FixApplier.Apply(result);
        Assert.That(site.Read("a.md"), Is.EqualTo("---\nlayout: default\ntitle: \"no\"\n---\n"));
        Assert.That(site.Read("b.md"), Is.EqualTo("---\nlayout: default\ntitle: \"1.10\"\n---\n"));
        Assert.That(site.Read("c.md"), Is.EqualTo("---\nlayout: default\ntitle:   \"2013-1-1\"   \n---\n"));
        Assert.That(site.Read("d.md"), Is.EqualTo("---\r\nlayout: default\r\ntitle: ':\"quoted\"'\r\n---\r\n"));
        Assert.That(site.Lint().Diagnostics.Where(d => d.Rule.Id == "SM103"), Is.Empty);
    }

    [TestCase("title: 2014")]
    [TestCase("title: true")]
    [TestCase("title: 1.0")]
    [TestCase("title: 2013-01-01")]
    [TestCase("title: \"no\"")]
    [TestCase("title: 'on'")]
    [TestCase("title: !!str no")]
    [TestCase("title:")]
    [TestCase("title: ~")]
    [TestCase("title: Yes, Minister")]
    [TestCase("description: no")]
    public void A_value_that_shows_as_written_or_a_key_not_wanted_as_text_is_not_reported(string line)
    {
        using var site = new TestSite().With("a.md", $"---\nlayout: default\n{line}\n---\n");
        Assert.That(site.Lint().Diagnostics.Where(d => d.Rule.Id == "SM103").Select(d => d.Message), Is.Empty);
    }

    [Test]
    public void The_service_manual_rule_set_checks_its_own_text_keys_too()
    {
        using var site = new TestSite().WithServiceManualRules()
            .With("_layouts/phases.html", "<main>{{ content }}</main>\n")
            .With("service-manual/a.md", "---\nlayout: default\ntitle: A\nsubtitle: off\nstatus: draft\n---\n");
        Assert.That(site.Lint().Diagnostics.Where(d => d.Rule.Id == "SM103").Select(d => d.Message),
            Is.EqualTo(new[] { "'subtitle: off' is the boolean false to Jekyll's YAML reader (Ruby's Psych), so the page shows 'false'" }));
    }
}
