using OpenLedger.Actors.Cli;

return await CliApp.RunAsync(args);
