using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using OpenLedger.Actors.Silo.Demo;

namespace OpenLedger.Actors.Silo.Hosting;

/// <summary>
/// The silo host's command line, parsed before anything starts. The host's own options are declared (so
/// <c>--help</c> lists them and starts nothing, and an option never takes its neighbour as its value: <c>--demo</c>
/// is a flag, <c>--demo-inferences</c> wants a number); every other token must be a configuration override in the
/// form ASP.NET Core reads (<c>--Urls http://…</c>, <c>--OpenLedger:Storage:Provider=InMemory</c>) and is handed to
/// the configuration untouched. A misspelt host option (<c>--demo-inferencs</c>) is an error, not a silent override.
/// </summary>
public sealed record SiloCommandLine
{
    public bool ShowHelp { get; private init; }
    public string? Profile { get; private init; }
    public int? HttpPort { get; private init; }
    public int? SiloPort { get; private init; }
    public int? GatewayPort { get; private init; }
    public int? ManagementPort { get; private init; }
    public DemoOptions? Demo { get; private init; }

    /// <summary>The tokens that are configuration overrides, in order, for <c>WebApplication.CreateBuilder</c>.</summary>
    public IReadOnlyList<string> ConfigurationArguments { get; private init; } = [];

    /// <summary>What is wrong with the command line, one message per problem; empty when it is usable.</summary>
    public IReadOnlyList<string> Errors { get; private init; } = [];

    /// <summary>Configuration keys set by the host's port options (they win over the profile and appsettings.json).</summary>
    public IEnumerable<KeyValuePair<string, string?>> PortOverrides()
    {
        if (HttpPort is { } http) yield return new("Urls", $"http://127.0.0.1:{http}");
        if (SiloPort is { } silo) yield return new("OpenLedger:Clustering:SiloPort", silo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (GatewayPort is { } gateway) yield return new("OpenLedger:Clustering:GatewayPort", gateway.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (ManagementPort is { } management) yield return new("OpenLedger:Operations:ManagementUrls", $"http://127.0.0.1:{management}");
    }

    public static SiloCommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        var result = options.Root.Parse(args.ToArray(), new ParserConfiguration { ResponseFileTokenReplacer = null }); // '@file' is not ours to expand
        var errors = result.Errors.Select(e => e.Message).ToList();
        var configuration = new List<string>();
        foreach (var token in result.UnmatchedTokens)
        {
            if (token.Contains('=') || ConfigurationToken.IsMatch(token) || !token.StartsWith('-')) configuration.Add(token);
            else errors.Add($"Unknown option '{token}'. Run with --help for the host's options; configuration overrides are written --Section:Key value.");
        }
        if (errors.Count > 0) return new SiloCommandLine { ShowHelp = result.Action is HelpAction, Errors = errors };
        var demo = result.GetValue(options.Demo);
        string[] demoOnly = ["--demo-inferences", "--demo-contributors", "--demo-concurrency", "--demo-exit", "--demo-no-text"];
        foreach (var name in demoOnly.Where(name => !demo && result.GetResult(options.Find(name)) is { Implicit: false }))
            errors.Add($"{name} needs --demo.");
        return new SiloCommandLine
        {
            ShowHelp = result.Action is HelpAction,
            Profile = result.GetValue(options.Profile),
            HttpPort = result.GetValue(options.HttpPort),
            SiloPort = result.GetValue(options.SiloPort),
            GatewayPort = result.GetValue(options.GatewayPort),
            ManagementPort = result.GetValue(options.ManagementPort),
            Demo = demo
                ? new DemoOptions(result.GetValue(options.DemoInferences), result.GetValue(options.DemoContributors),
                    result.GetValue(options.DemoConcurrency), result.GetValue(options.DemoExit), Text: !result.GetValue(options.DemoNoText))
                : null,
            ConfigurationArguments = configuration,
            Errors = errors,
        };
    }

    /// <summary>The help text (what <c>--help</c> prints).</summary>
    public static string HelpText()
    {
        var output = new StringWriter();
        new Options().Root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output });
        return output.ToString();
    }

    /// <summary>
    /// A configuration key token without its value (<c>--Key</c> or <c>/Key</c>, the value following): Key made of
    /// letters, digits, <c>:</c>, <c>_</c> and <c>.</c>, no hyphen, so misspelt host options are caught. A token with
    /// <c>=</c> (<c>--Key=value</c>, as the test host passes its settings) is always configuration.
    /// </summary>
    private static readonly Regex ConfigurationToken = new(@"^(--|/)[A-Za-z][A-Za-z0-9:_.]*$", RegexOptions.CultureInvariant);

    private sealed class Options
    {
        public readonly Option<string?> Profile = new("--profile") { Description = "A JSON profile layered over appsettings.json (e.g. silo-config/azurite.json); also OPENLEDGER_PROFILE.", HelpName = "path" };
        public readonly Option<int?> HttpPort = Port("--http-port", "Port of the HTTP API and the explorer on 127.0.0.1 (default: Urls, http://127.0.0.1:5080).");
        public readonly Option<int?> SiloPort = Port("--silo-port", "Silo-to-silo port (default: OpenLedger:Clustering:SiloPort, 11111).");
        public readonly Option<int?> GatewayPort = Port("--gateway-port", "Gateway port for grain clients (default: OpenLedger:Clustering:GatewayPort, 30000).");
        public readonly Option<int?> ManagementPort = Port("--management-port", "Port of the health and metrics endpoints on 127.0.0.1 (default: OpenLedger:Operations:ManagementUrls).");
        public readonly Option<bool> Demo = new("--demo") { Description = "Run the demo workload (import, curate, train, then inferences) once the silo is up, then keep serving." };
        public readonly Option<int> DemoInferences = Count("--demo-inferences", 3_000, 1_000_000, "Inferences the demo runs.");
        public readonly Option<int> DemoContributors = Count("--demo-contributors", 36, 500, "Simulated contributors the demo's rows are spread over.");
        public readonly Option<int> DemoConcurrency = Count("--demo-concurrency", 32, 1_024, "Inferences the demo keeps in flight.");
        public readonly Option<bool> DemoExit = new("--demo-exit") { Description = "Stop the silo when the demo is done (exit code 0 if its checks passed)." };
        public readonly Option<bool> DemoNoText = new("--demo-no-text") { Description = "Skip the demo's text track (linux-doc Datanet, span-attributed assistant answers, a text classifier)." };
        public readonly RootCommand Root;

        public Options()
        {
            Root = new RootCommand("""
                OpenLedger silo: the Orleans host of the ledger, attribution and the HTTP API, with the value-trail explorer.
                Embedded default: one local silo, localhost clustering, in-memory storage. Any other --Section:Key value
                overrides configuration (as appsettings.json names it), e.g. --OpenLedger:Storage:Provider InMemory.
                """)
            {
                Profile, HttpPort, SiloPort, GatewayPort, ManagementPort, Demo, DemoInferences, DemoContributors, DemoConcurrency, DemoExit, DemoNoText,
            };
            Root.TreatUnmatchedTokensAsErrors = false;
        }

        public Option Find(string name) => Root.Options.Single(o => o.Name == name);

        private static Option<int?> Port(string name, string description)
        {
            var option = new Option<int?>(name) { Description = description, HelpName = "port" };
            option.Validators.Add(result =>
            {
                if (Number(result) is { } port && port is < 1 or > 65_535)
                    result.AddError($"{name} takes a port from 1 to 65535; got {port}.");
            });
            return option;
        }

        /// <summary>The option's number, or null when it was not given or is not a number (the parser reports that itself).</summary>
        private static int? Number(OptionResult result) =>
            result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

        private static Option<int> Count(string name, int defaultValue, int max, string description)
        {
            var option = new Option<int>(name) { Description = $"{description} 1 to {max:N0}.", DefaultValueFactory = _ => defaultValue, HelpName = "n" };
            option.Validators.Add(result =>
            {
                if (Number(result) is { } n && (n < 1 || n > max)) result.AddError($"{name} takes a whole number from 1 to {max}; got {n}.");
            });
            return option;
        }
    }
}
