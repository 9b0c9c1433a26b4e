// infcd: the command-line tool. Commands live in Commands/; exit codes in Errors/ExitCodes.cs and docs/cli.md.
return await InFiConD.Cli.CliApp.RunAsync(args).ConfigureAwait(false);
