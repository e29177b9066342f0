using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Cli.Output;
using OpenLedger.Actors.Client;
using Polly.CircuitBreaker;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// The options every cluster command shares, and the run of one command against the cluster: the client SDK
/// is connected with <c>AddOpenLedgerClient</c> in a host, the command runs, and its outcome — including a
/// refusal or an unreachable cluster — becomes an exit code (<see cref="ExitCodes"/>).
/// Each option falls back to an environment variable, then to the connection profile (<see cref="ConnectionProfile"/>), so
/// scripts and people can name the cluster once.
/// </summary>
internal sealed class ClusterConnection
{
    public const string GatewayVariable = "OPENLEDGER_GATEWAY";
    public const string AzureStorageVariable = "OPENLEDGER_AZURE_STORAGE";
    public const string ClusterIdVariable = "OPENLEDGER_CLUSTER_ID";
    public const string ServiceIdVariable = "OPENLEDGER_SERVICE_ID";
    public const string TlsDirectoryVariable = "OPENLEDGER_TLS_DIR";

    private readonly Option<FileInfo?> _profile = new("--profile")
    {
        Description = $"A connection profile (JSON: gateway or azureStorage, clusterId, serviceId, tlsDir, timeout, connectTimeout, apiUrl) used for whatever the options and environment do not give (env {ConnectionProfile.Variable}).",
    };
    private readonly Option<string?> _gateway = new("--gateway")
    {
        Description = $"The silo gateway as host:port (localhost clustering; default localhost:30000, env {GatewayVariable}).",
    };
    private readonly Option<string?> _azureStorage = new("--azure-storage")
    {
        Description = $"Azure Storage connection string: find the silos through the Azure Table membership table (env {AzureStorageVariable}).",
    };
    private readonly Option<string?> _clusterId = new("--cluster-id") { Description = $"Orleans cluster id (default openledger, env {ClusterIdVariable})." };
    private readonly Option<string?> _serviceId = new("--service-id") { Description = $"Orleans service id (default openledger, env {ServiceIdVariable})." };
    private readonly Option<int> _timeout = new("--timeout")
    {
        Description = "Seconds to wait for each call before retrying (calls that are safe to repeat are retried up to 3 times).",
        DefaultValueFactory = _ => 120,
    };
    private readonly Option<int> _connectTimeout = new("--connect-timeout")
    {
        Description = "Seconds to wait for a connection to the cluster before giving up (exit code 7).",
        DefaultValueFactory = _ => 30,
    };
    private readonly Option<string?> _tlsDirectory = new("--tls-dir")
    {
        Description = $"A folder with this client's certificate (tls.crt), key (tls.key) and the cluster CA (ca.crt), for gateways that require TLS (env {TlsDirectoryVariable}).",
    };

    /// <summary>Adds the shared options to <paramref name="command"/> and runs <paramref name="run"/> as its action.</summary>
    public static Command Attach(Command command, Func<ParseResult, OpenLedgerClient, CliConsole, CancellationToken, Task<int>> run)
    {
        var connection = new ClusterConnection();
        command.Options.Add(connection._profile);
        command.Options.Add(connection._gateway);
        command.Options.Add(connection._azureStorage);
        command.Options.Add(connection._clusterId);
        command.Options.Add(connection._serviceId);
        command.Options.Add(connection._timeout);
        command.Options.Add(connection._connectTimeout);
        command.Options.Add(connection._tlsDirectory);
        command.SetAction((parse, cancellationToken) => connection.RunAsync(parse, run, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, Func<ParseResult, OpenLedgerClient, CliConsole, CancellationToken, Task<int>> run, CancellationToken cancellationToken)
    {
        var console = CliConsole.For(parse);
        IHost host;
        ConnectionProfile profile;
        try
        {
            profile = ConnectionProfile.Load(parse.GetValue(_profile));
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.AddOpenLedgerClient(options => Configure(options, parse, profile));
            host = builder.Build();
        }
        catch (Exception e) when (e is OptionsValidationException or FormatException)
        {
            return console.Fail(ExitCodes.BadInput, e.Message, "cli.connection_options");
        }
        using (host)
        {
            var connectTimeout = TimeSpan.FromSeconds(Math.Clamp(Given(parse, _connectTimeout) ?? profile.ConnectTimeout ?? parse.GetValue(_connectTimeout), 1, 600));
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connecting.CancelAfter(connectTimeout);
                try
                {
                    await host.StartAsync(connecting.Token).WaitAsync(connecting.Token);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    var reason = e is OperationCanceledException ? $"no answer within {connectTimeout.TotalSeconds:F0} s" : e.Message;
                    return console.Fail(ExitCodes.Unavailable, $"Could not connect to the cluster ({Describe(parse, profile)}): {reason}", "cluster.unreachable");
                }
            }
            try
            {
                return await run(parse, host.Services.GetRequiredService<OpenLedgerClient>(), console, cancellationToken);
            }
            catch (OpenLedgerException e)
            {
                return console.Fail(ExitCodeOf(e.Kind), e.Message, e.ErrorCode);
            }
            catch (Exception e) when (OpenLedgerResilience.IsTransient(e) || e is BrokenCircuitException)
            {
                return console.Fail(ExitCodes.Unavailable, $"The cluster is unavailable: {e.Message}", "cluster.unavailable");
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
    }

    public static int ExitCodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => ExitCodes.BadInput,
        ErrorKind.NotFound => ExitCodes.NotFound,
        ErrorKind.Conflict => ExitCodes.Conflict,
        ErrorKind.Forbidden => ExitCodes.Forbidden,
        ErrorKind.InsufficientFunds => ExitCodes.InsufficientFunds,
        ErrorKind.QuotaExceeded => ExitCodes.QuotaExceeded,
        ErrorKind.NotReady => ExitCodes.Unavailable,
        _ => ExitCodes.Failed,
    };

    private void Configure(OpenLedgerClientOptions options, ParseResult parse, ConnectionProfile profile)
    {
        var (azure, gateway) = Where(parse, profile);
        if (!string.IsNullOrEmpty(azure))
        {
            options.Clustering = ClusteringProvider.AzureStorage;
            options.AzureStorageConnectionString = azure;
        }
        else if (!string.IsNullOrEmpty(gateway))
        {
            (options.GatewayHost, options.GatewayPort) = ParseGateway(gateway);
        }
        if (Setting(parse, _clusterId, ClusterIdVariable, profile.ClusterId) is { Length: > 0 } clusterId) options.ClusterId = clusterId;
        if (Setting(parse, _serviceId, ServiceIdVariable, profile.ServiceId) is { Length: > 0 } serviceId) options.ServiceId = serviceId;
        if (Setting(parse, _tlsDirectory, TlsDirectoryVariable, profile.TlsDir) is { Length: > 0 } tls)
            options.Tls = new() { Enabled = true, Directory = tls };
        var timeout = Given(parse, _timeout) ?? profile.Timeout ?? parse.GetValue(_timeout);
        if (timeout is < 1 or > 600) throw new FormatException($"--timeout must be between 1 and 600 seconds; got {timeout}.");
        options.AttemptTimeout = TimeSpan.FromSeconds(timeout);
    }

    /// <summary><c>host:port</c>, <c>:port</c> or <c>port</c> (this machine), or <c>[v6-address]:port</c>.</summary>
    internal static (string Host, int Port) ParseGateway(string value)
    {
        var separator = value.LastIndexOf(':');
        var host = separator < 0 ? "localhost" : value[..separator].Trim('[', ']');
        var portText = separator < 0 ? value : value[(separator + 1)..];
        if (host.Length == 0) host = "localhost";
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65_535)
            throw new FormatException($"--gateway must be host:port with a port between 1 and 65535; got '{value}'.");
        return (host, port);
    }

    private string Describe(ParseResult parse, ConnectionProfile profile)
    {
        var (azure, gateway) = Where(parse, profile);
        return azure is not null ? "Azure Table clustering" : $"gateway {gateway ?? "localhost:30000"}";
    }

    /// <summary>
    /// Where the cluster is — Azure Table membership or a gateway — from the first source that names it: the options,
    /// else the environment, else the profile. One source naming both is refused.
    /// </summary>
    private (string? Azure, string? Gateway) Where(ParseResult parse, ConnectionProfile profile)
    {
        (string? Azure, string? Gateway)[] sources =
        [
            (parse.GetValue(_azureStorage), parse.GetValue(_gateway)),
            (Environment.GetEnvironmentVariable(AzureStorageVariable), Environment.GetEnvironmentVariable(GatewayVariable)),
            (profile.AzureStorage, profile.Gateway),
        ];
        string[] names = ["--gateway and --azure-storage", $"{GatewayVariable} and {AzureStorageVariable}", "the profile's gateway and azureStorage"];
        for (var i = 0; i < sources.Length; i++)
        {
            var (azure, gateway) = (NullIfEmpty(sources[i].Azure), NullIfEmpty(sources[i].Gateway));
            if (azure is not null && gateway is not null) throw new FormatException($"Give one of {names[i]}, not both.");
            if (azure is not null || gateway is not null) return (azure, gateway);
        }
        return (null, null);

        static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The option if given, else its environment variable if set, else the profile's value.</summary>
    internal static string? Setting(ParseResult parse, Option<string?> option, string variable, string? fromProfile) =>
        parse.GetValue(option) ?? (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : fromProfile);

    /// <summary>An option with a default, only if the command line gave it (so a profile's value can apply otherwise).</summary>
    private static int? Given(ParseResult parse, Option<int> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;
}
