namespace ServiceManual.Lint.Cli.LanguageServer;

/// <summary><c>smlint lsp</c>: the language server on the process's standard input and output.</summary>
internal static class LspCommand
{
    public static int Run(CliHost host, TextWriter error, bool verbose)
    {
        if (!host.IsProcess)
        {
            error.WriteLine("smlint: lsp speaks over the process's standard input and output; run it as a program");
            return SmlintCommand.UsageExitCode;
        }
        // Standard output carries protocol messages only, written with write(2) on the descriptor itself
        // (see StandardStream); everything else goes to standard error or window/logMessage.
        using var input = Console.OpenStandardInput();
        using var output = OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : new StandardStream(1);
        return LanguageServer.Run(input, output, error, timing: host.Environment("SMLINT_TIMING") is { Length: > 0 } and not "0", verbose);
    }
}
