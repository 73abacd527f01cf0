using ServiceManual.Lint.Cli;

return SmlintCommand.Run(args, Console.Out, Console.Error);
