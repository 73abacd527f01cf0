using ServiceManual.Lint.Cli;

var output = CliHost.OpenStandardStream(1);
var error = CliHost.OpenStandardStream(2);
var exitCode = SmlintCommand.Run(args, output, error, CliHost.FromProcess());
try
{
    output.Flush();
}
catch (IOException)
{
    // The reader went away (smlint | head): what it wanted, it has.
}
return exitCode;
