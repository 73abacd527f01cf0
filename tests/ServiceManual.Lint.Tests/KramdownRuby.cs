using System.Diagnostics;
using System.Text.Json;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// Runs a Ruby script with Debian's kramdown and kramdown-parser-gfm (the jekyll package brings both)
/// for the differential tests: the cases go in as JSON on stdin, a JSON object of string arrays comes
/// back on stdout. Where Ruby or the gems are missing, the reason is returned instead, so the tests
/// can be ignored with it rather than fail.
/// </summary>
internal static class KramdownRuby
{
    /// <summary>
    /// Renders every case under GFM and kramdown input in one Ruby run. <paramref name="perCase"/> is
    /// Ruby code that sees the case's JSON object as <c>c</c> and the input's name as <c>input</c> and
    /// ends in the array of strings to compare; the answers are keyed by <see cref="Key"/>.
    /// </summary>
    public static (Dictionary<string, string[]>? Result, string? Why) RenderEachCase<T>(IEnumerable<T> cases, string perCase) => Run($$"""
        require "json"
        require "cgi"
        require "kramdown"
        require "kramdown-parser-gfm"
        result = {}
        JSON.parse($stdin.read).each do |c|
          %w[GFM kramdown].each do |input|
            result["#{c["name"]}|#{input}"] = begin
        {{perCase}}
            end
          end
        end
        $stdout.write(JSON.generate(result))
        """, JsonSerializer.Serialize(cases));

    /// <summary>The key of a case's answer under one input.</summary>
    public static string Key(string name, MarkdownInput input) => $"{name}|{(input == MarkdownInput.Gfm ? "GFM" : "kramdown")}";

    /// <summary>The answers, or the test ignored with the reason Ruby could not give them.</summary>
    public static Dictionary<string, string[]> AnswersOrIgnore(Lazy<(Dictionary<string, string[]>? Result, string? Why)> run)
    {
        var (result, why) = run.Value;
        if (result is null) Assert.Ignore(why ?? "ruby gave no answer");
        return result!;
    }

    private static (Dictionary<string, string[]>? Result, string? Why) Run(string script, string jsonInput)
    {
        var start = new ProcessStartInfo("ruby", ["-e", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
        };
        start.Environment["LANG"] = "C.UTF-8";
        try
        {
            using var ruby = Process.Start(start)!;
            var error = ruby.StandardError.ReadToEndAsync();
            ruby.StandardInput.Write(jsonInput);
            ruby.StandardInput.Close();
            var output = ruby.StandardOutput.ReadToEnd();
            if (!ruby.WaitForExit(60_000)) return (null, "ruby did not finish in a minute");
            if (ruby.ExitCode != 0) return (null, $"ruby with kramdown and kramdown-parser-gfm is not usable here: {error.Result.Trim()}");
            return (JsonSerializer.Deserialize<Dictionary<string, string[]>>(output), null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"ruby is not installed ({e.Message}); apt-get install jekyll brings kramdown and kramdown-parser-gfm");
        }
    }
}
