using System.Diagnostics;
using System.Text;
using ServiceManual.Lint.Configuration;

namespace ServiceManual.Lint.Cli.Changes;

/// <summary>One file as git records it in a tree or the index.</summary>
/// <param name="Mode">Git's mode: <c>100644</c>, <c>100755</c>, <c>120000</c> (a symbolic link) or <c>160000</c> (a submodule).</param>
/// <param name="ObjectId">The blob's id.</param>
/// <param name="Path">The path from the top of the repository, with forward slashes.</param>
internal sealed record GitEntry(string Mode, string ObjectId, string Path);

/// <summary>
/// The repository holding a site, read through git's command line (the <c>git</c> on the PATH):
/// the CLI is Native AOT, and git's own plumbing (<c>ls-tree</c>, <c>ls-files</c>,
/// <c>cat-file --batch</c>, <c>diff -z</c>) reads every kind of repository, index and name exactly
/// as the commit will. Every listing is NUL-separated, so no file name is split or quoted.
/// </summary>
internal sealed class Git
{
    private Git(string top, string prefix)
    {
        Top = top;
        Prefix = prefix;
    }

    /// <summary>The repository's top folder (its work tree).</summary>
    public string Top { get; }

    /// <summary>The site root's path from <see cref="Top"/>, with a trailing slash, or empty when the site is the whole repository.</summary>
    public string Prefix { get; }

    /// <summary>The repository that holds <paramref name="siteRoot"/>.</summary>
    /// <exception cref="ConfigurationException">git is not installed or the folder is not in a work tree.</exception>
    public static Git Open(string siteRoot)
    {
        var (code, output, error) = Run(siteRoot, ["rev-parse", "--show-toplevel", "--show-prefix"]);
        if (code != 0)
        {
            throw new ConfigurationException($"{siteRoot}: not in a git work tree ({FirstLine(error)}); --changed and --staged compare with git");
        }
        var lines = output.Split('\n');
        var prefix = lines.Length > 1 ? lines[1].Trim('\r') : string.Empty;
        return new Git(lines[0].Trim('\r'), prefix);
    }

    /// <summary>The commit <paramref name="reference"/> names, or null when it names none (an unborn <c>HEAD</c>, a typo).</summary>
    public string? ResolveCommit(string reference)
    {
        var (code, output, _) = Run(Top, ["rev-parse", "--verify", "--quiet", "--end-of-options", reference + "^{commit}"]);
        return code == 0 ? output.Trim() : null;
    }

    /// <summary>The files of the site's folder in commit <paramref name="commit"/>.</summary>
    public IReadOnlyList<GitEntry> ListTree(string commit)
    {
        // "<mode> SP <type> SP <object> TAB <path>"
        var entries = new List<GitEntry>();
        foreach (var record in RunChecked(["ls-tree", "-r", "-z", "--full-tree", commit, "--", PathSpec]).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = record[..tab].Split(' ');
            if (fields[1] != "blob") continue; // submodules are other repositories
            entries.Add(new GitEntry(fields[0], fields[2], record[(tab + 1)..]));
        }
        return entries;
    }

    /// <summary>The files of the site's folder in the index, as the next commit will record them.</summary>
    public IReadOnlyList<GitEntry> ListIndex()
    {
        // "<mode> SP <object> SP <stage> TAB <path>"; an unmerged path has stages 1-3 and cannot be committed.
        var entries = new List<GitEntry>();
        foreach (var record in RunChecked(["ls-files", "-s", "-z", "--full-name", "--", PathSpec]).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = record[..tab].Split(' ');
            if (fields[2] != "0" || fields[0] == "160000") continue;
            entries.Add(new GitEntry(fields[0], fields[1], record[(tab + 1)..]));
        }
        return entries;
    }

    /// <summary>The site's files that git sees in the work tree: tracked, or untracked and not ignored (paths from the top).</summary>
    public IReadOnlySet<string> ListVisible() =>
        RunChecked(["ls-files", "-z", "--full-name", "--cached", "--others", "--exclude-standard", "--", PathSpec])
            .Split('\0', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Renamed files between <paramref name="commit"/> and the index (<paramref name="staged"/>) or the
    /// work tree, as git's rename detection pairs them: old path to new path, both from the top.
    /// </summary>
    public IReadOnlyDictionary<string, string> Renames(string commit, bool staged)
    {
        string[] arguments = staged
            ? ["diff", "--cached", "-z", "--name-status", "-M", "--no-ext-diff", commit, "--", PathSpec]
            : ["diff", "-z", "--name-status", "-M", "--no-ext-diff", commit, "--", PathSpec];
        var fields = RunChecked(arguments).Split('\0');
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < fields.Length;)
        {
            var status = fields[i];
            if (status.Length == 0) break;
            if (status[0] is 'R' or 'C')
            {
                if (status[0] == 'R') renames[fields[i + 1]] = fields[i + 2];
                i += 3;
            }
            else
            {
                i += 2;
            }
        }
        return renames;
    }

    /// <summary>
    /// Writes each entry's blob under <paramref name="folder"/> at its path from the site root, with
    /// one <c>git cat-file --batch</c>. Symbolic links are made as links (smlint never follows them).
    /// An entry that <paramref name="needsContent"/> declines is written as an empty file.
    /// </summary>
    public void WriteFiles(IReadOnlyList<GitEntry> entries, string folder, Func<string, bool> needsContent)
    {
        var full = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        string Target(GitEntry entry)
        {
            var target = Path.GetFullPath(Path.Combine(folder, entry.Path[Prefix.Length..]));
            // git refuses '..' in paths; checked anyway, as this writes files.
            if (!target.StartsWith(full, StringComparison.Ordinal)) throw new IOException($"git path '{entry.Path}' leaves the site");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            return target;
        }
        var read = new List<GitEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Mode != "120000" && !needsContent(entry.Path)) File.Create(Target(entry)).Dispose();
            else read.Add(entry);
        }
        entries = read;
        if (entries.Count == 0) return;
        var start = Start(Top, ["cat-file", "--batch"]);
        using var process = Process.Start(start) ?? throw new IOException("git could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        // Fed from another thread: git writes blobs while it reads ids, and a full pipe each way would deadlock.
        var feeding = Task.Run(() =>
        {
            using var input = process.StandardInput;
            foreach (var entry in entries) input.Write(entry.ObjectId + "\n");
        });
        var output = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
        foreach (var entry in entries)
        {
            var header = ReadLine(output);
            var fields = header.Split(' ');
            if (fields.Length != 3 || fields[1] != "blob") throw new IOException($"git cat-file: unexpected answer '{header}' for {entry.Path}");
            var size = long.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
            var target = Target(entry);
            if (entry.Mode == "120000")
            {
                var bytes = new byte[size];
                output.ReadExactly(bytes);
                File.CreateSymbolicLink(target, Encoding.UTF8.GetString(bytes));
            }
            else
            {
                using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 14);
                CopyExactly(output, file, size);
            }
            if (output.ReadByte() != '\n') throw new IOException("git cat-file: answer not terminated");
        }
        feeding.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new IOException($"git cat-file failed: {FirstLine(stderr.GetAwaiter().GetResult())}");
    }

    private string PathSpec => Prefix.Length == 0 ? ":(top)" : ":(top,literal)" + Prefix;

    private string RunChecked(string[] arguments)
    {
        var (code, output, error) = Run(Top, arguments);
        if (code != 0) throw new IOException($"git {arguments[0]} failed: {FirstLine(error)}");
        return output;
    }

    private static (int Code, string Output, string Error) Run(string folder, string[] arguments)
    {
        Process? process;
        try
        {
            process = Process.Start(Start(folder, arguments));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ConfigurationException($"git could not be run ({e.Message}); --changed and --staged need git on the PATH");
        }
        using (process)
        {
            if (process is null) throw new ConfigurationException("git could not be run; --changed and --staged need git on the PATH");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.GetAwaiter().GetResult());
        }
    }

    private static ProcessStartInfo Start(string folder, string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(folder);
        // Paths as bytes (no octal quoting), and no index refresh written behind the user's back.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("core.quotePath=false");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        // A hook runs with GIT_INDEX_FILE (a commit's own index) and sometimes GIT_DIR set, possibly
        // relative to the current folder: made absolute, so -C into the site root keeps their meaning.
        foreach (var name in new[] { "GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value && !Path.IsPathRooted(value)) start.Environment[name] = Path.GetFullPath(value);
        }
        return start;
    }

    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>(64);
        for (var b = stream.ReadByte(); b != '\n'; b = stream.ReadByte())
        {
            if (b < 0) throw new IOException("git cat-file: answer cut short");
            bytes.Add((byte)b);
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static void CopyExactly(Stream from, Stream to, long size)
    {
        var buffer = new byte[(int)Math.Min(size, 1 << 16) + 1];
        while (size > 0)
        {
            var read = from.Read(buffer, 0, (int)Math.Min(size, buffer.Length));
            if (read <= 0) throw new IOException("git cat-file: blob cut short");
            to.Write(buffer, 0, read);
            size -= read;
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
