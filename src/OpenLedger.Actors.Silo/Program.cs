using Microsoft.Extensions.Options;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Http;
using OpenLedger.Actors.Silo.Explorer;
using OpenLedger.Actors.Silo.Hosting;
using OpenLedger.Actors.Silo.Operations;

// The OpenLedger silo. Embedded default: one local silo, localhost clustering, in-memory storage.
//   dotnet run --project src/OpenLedger.Actors.Silo -- --help
var commandLine = SiloCommandLine.Parse(args);
if (commandLine.ShowHelp)
{
    Console.Write(SiloCommandLine.HelpText());
    return 0;
}
if (commandLine.Errors.Count > 0)
{
    foreach (var error in commandLine.Errors) Console.Error.WriteLine($"openledger-silo: {error}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = [.. commandLine.ConfigurationArguments],
        // appsettings.json is found beside the program when it is started from another folder (the built DLL run from anywhere).
        ContentRootPath = SiloStartup.ContentRoot(commandLine.ConfigurationArguments),
    });
    SiloConfiguration.AddProfile(builder.Configuration, commandLine.Profile);
    builder.Configuration.AddInMemoryCollection(commandLine.PortOverrides()); // --http-port and friends win over everything
    SiloStartup.EnsurePortsFree(builder.Configuration); // a port in use is named, with the setting that chose it

    builder.UseOrleans(silo =>
    {
        silo.UseConfiguredClustering(builder.Configuration);
        silo.UseConfiguredTls(builder.Configuration); // mutual TLS on silo and gateway ports when OpenLedger:Tls:Enabled
        silo.AddOpenLedger(builder.Configuration);
        silo.AddActivityPropagation();
    });

    builder.AddOpenLedgerOperations(); // health probes, OpenTelemetry (OTLP + Prometheus), graceful shutdown (Operations/)
    builder.Services.AddOpenLedgerApi(builder.Configuration); // the HTTP API (OpenLedger:Api settings)
    if (commandLine.Demo is { } demo)
    {
        builder.Services.AddSingleton(demo);
        builder.Services.AddHostedService<OpenLedger.Actors.Silo.Demo.DemoWorkload>(); // after UseOrleans, so the silo is up before it runs
    }

    app = builder.Build();
}
catch (Exception e) when (SiloStartup.Explain(e) is { } explanation)
{
    Console.Error.WriteLine($"openledger-silo: {explanation}");
    return 2;
}

app.MapOpenLedgerOperations();
app.MapOpenLedgerApi();
app.MapOpenLedgerExplorer(); // the value-trail explorer: read-only HTML under /explorer
try
{
    await app.RunAsync();
}
catch (Exception e) when (SiloStartup.Explain(e) is { } explanation)
{
    Console.Error.WriteLine($"openledger-silo: {explanation}");
    return 2;
}
return Environment.ExitCode;

/// <summary>Public so the HTTP tests host this very program (WebApplicationFactory&lt;Program&gt;) instead of a copy of it.</summary>
public partial class Program;
