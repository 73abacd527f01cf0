namespace ServiceManual.Lint.Cli;

/// <summary>
/// What <c>smlint</c> takes from the process around it: the current folder (paths are read and
/// printed relative to it), environment variables, and whether its output goes to a terminal.
/// Tests pass their own, so they neither change the process's current folder nor its environment.
/// </summary>
/// <param name="CurrentFolder">The folder relative paths are read from and printed against.</param>
/// <param name="Environment">An environment variable's value, or null when it is not set.</param>
/// <param name="OutputIsTerminal">Standard output is a terminal (colour, buffering).</param>
/// <param name="ErrorIsTerminal">Standard error is a terminal (the progress line).</param>
/// <param name="IsProcess">smlint owns the process (it may tune the garbage collector).</param>
internal sealed record CliHost(string CurrentFolder, Func<string, string?> Environment, bool OutputIsTerminal = false, bool ErrorIsTerminal = false, bool IsProcess = false)
{
    /// <summary>Standard input, opened when <c>--stdin</c> reads it (none: empty).</summary>
    public Func<Stream>? Input { get; init; }

    /// <summary>The real process: its current folder and environment, terminals as they are.</summary>
    public static CliHost FromProcess() =>
        new(System.Environment.CurrentDirectory, System.Environment.GetEnvironmentVariable, !Console.IsOutputRedirected, !Console.IsErrorRedirected, IsProcess: true)
        {
            Input = Console.OpenStandardInput,
        };

    /// <summary>A host for tests: the given folder, and only the given environment variables.</summary>
    public static CliHost For(string currentFolder, IReadOnlyDictionary<string, string>? environment = null) =>
        new(currentFolder, name => environment is not null && environment.TryGetValue(name, out var value) ? value : null);

    /// <summary>A buffered writer on standard output or error that writes only our bytes (see <see cref="StandardStream"/>).</summary>
    public static StreamWriter OpenStandardStream(int descriptor)
    {
        var encoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Stream stream = OperatingSystem.IsWindows()
            ? (descriptor == 1 ? Console.OpenStandardOutput() : Console.OpenStandardError())
            : new StandardStream(descriptor);
        // Output in 64 KB writes, not one system call per line; errors as they come.
        return new StreamWriter(stream, encoding, 1 << 16) { AutoFlush = descriptor != 1 };
    }
}
