using Spectre.Console.Cli;
using VpcPeering.Cli;

var app = new CommandApp();
app.Configure(CliConfiguration.Configure);
return await app.RunAsync(args);
