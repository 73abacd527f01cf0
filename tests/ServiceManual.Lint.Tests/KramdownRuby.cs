using System.Diagnostics;
using System.Text.Json;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// Runs a Ruby script with Debian's kramdown and kramdown-parser-gfm (the jekyll package brings both)
/// for the differential tests: the cases go in as JSON on stdin, a JSON object of string arrays comes
/// back on stdout. Where Ruby or the gems are missing, the reason is returned instead, so the tests
/// can be ignored with it rather than fail.
/// </summary>
internal static class KramdownRuby
{
    public static (Dictionary<string, string[]>? Result, string? Why) Run(string script, string jsonInput)
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
