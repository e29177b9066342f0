using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Cli.Cluster;
using OpenLedger.Actors.Cli.Output;
using OpenLedger.Actors.Sdk;
using Polly.CircuitBreaker;

namespace OpenLedger.Actors.Cli.Api;

/// <summary>
/// The options of the commands that go through the HTTP API (what only an API key may do or read: stake from the key's own
/// account, issue and revoke keys, receipts as served and their inclusion proofs, the transparency log, the ledger's summary
/// and claimables), and the run of one such command with the HTTP SDK (<see cref="IOpenLedgerApi"/>):
/// the API's address from <c>--api-url</c>, else <c>OPENLEDGER_API_URL</c>, else the profile's <c>apiUrl</c>; the key from
/// the environment variable <c>--api-key-env</c> names (default <c>OPENLEDGER_API_KEY</c>), never from the command line.
/// A refusal becomes the exit code of its HTTP status and prints the problem's code (<see cref="ExitCodeOf"/>).
/// </summary>
internal sealed class ApiConnection
{
    public const string UrlVariable = "OPENLEDGER_API_URL";
    public const string DefaultKeyVariable = "OPENLEDGER_API_KEY";

    private readonly Option<string?> _url = new("--api-url")
    {
        Description = $"The HTTP API's base address, e.g. https://ledger.example.com (env {UrlVariable}, or the profile's apiUrl).",
    };
    private readonly Option<string> _keyVariable = new("--api-key-env")
    {
        Description = "The environment variable holding the API key (olk_…), so the key stays out of shell history.",
        DefaultValueFactory = _ => DefaultKeyVariable,
    };
    private readonly Option<FileInfo?> _profile = new("--profile")
    {
        Description = $"A connection profile (JSON) whose apiUrl is used when neither --api-url nor {UrlVariable} gives one (env {ConnectionProfile.Variable}).",
    };
    private readonly Option<int> _timeout = new("--timeout") { Description = "Seconds to wait for each attempt (transient failures are retried).", DefaultValueFactory = _ => 30 };

    public static Command Attach(Command command, Func<ParseResult, IOpenLedgerApi, CliConsole, CancellationToken, Task<int>> run)
    {
        var connection = new ApiConnection();
        command.Options.Add(connection._url);
        command.Options.Add(connection._keyVariable);
        command.Options.Add(connection._profile);
        command.Options.Add(connection._timeout);
        command.SetAction((parse, cancellationToken) => connection.RunAsync(parse, run, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, Func<ParseResult, IOpenLedgerApi, CliConsole, CancellationToken, Task<int>> run, CancellationToken cancellationToken)
    {
        var console = CliConsole.For(parse);
        IHost host;
        try
        {
            var profile = ConnectionProfile.Load(parse.GetValue(_profile));
            var url = ClusterConnection.Setting(parse, _url, UrlVariable, profile.ApiUrl)
                ?? throw new FormatException($"Name the HTTP API with --api-url, {UrlVariable} or the profile's apiUrl.");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var address)) throw new FormatException($"--api-url must be an absolute http(s) URL; got '{url}'.");
            var variable = parse.GetValue(_keyVariable)!;
            var key = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value
                : throw new FormatException($"The environment variable {variable} holds no API key; set it to the key (olk_…) or name another with --api-key-env.");
            var timeout = parse.GetValue(_timeout);
            if (timeout is < 1 or > 600) throw new FormatException($"--timeout must be between 1 and 600 seconds; got {timeout}.");
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddOpenLedgerApiClient(configure: o =>
                (o.BaseAddress, o.ApiKey, o.AttemptTimeout, o.TotalTimeout) = (address, key, TimeSpan.FromSeconds(timeout), TimeSpan.FromSeconds(timeout * 4)));
            host = builder.Build();
            await host.StartAsync(cancellationToken); // validates the options
        }
        catch (Exception e) when (e is OptionsValidationException or FormatException)
        {
            return console.Fail(ExitCodes.BadInput, e.Message, "cli.connection_options");
        }
        using (host)
        {
            try
            {
                return await run(parse, host.Services.GetRequiredService<IOpenLedgerApi>(), console, cancellationToken);
            }
            catch (OpenLedgerApiException e)
            {
                return console.Fail(ExitCodeOf(e), e.Detail ?? e.Title ?? e.Message, e.Code);
            }
            catch (Exception e) when (e is HttpRequestException or BrokenCircuitException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                          || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return console.Fail(ExitCodes.Unavailable, $"The HTTP API could not be reached: {e.Message}", "api.unreachable");
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>The exit code of a refusal, by its HTTP status (a quota's 429 apart from a rate limit's, by its code).</summary>
    public static int ExitCodeOf(OpenLedgerApiException e) => e.Status switch
    {
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType => ExitCodes.BadInput,
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        HttpStatusCode.Conflict => ExitCodes.Conflict,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Forbidden,
        HttpStatusCode.PaymentRequired => ExitCodes.InsufficientFunds,
        HttpStatusCode.TooManyRequests when e.Code.StartsWith("quota.", StringComparison.Ordinal) => ExitCodes.QuotaExceeded,
        HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.BadGateway => ExitCodes.Unavailable,
        _ => ExitCodes.Failed,
    };
}
