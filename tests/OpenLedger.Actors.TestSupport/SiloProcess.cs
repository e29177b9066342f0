using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenLedger.Actors.TestSupport;

/// <summary>
/// What one silo process is started with. Without a cluster id the silo keeps its embedded default (localhost
/// clustering, the default cluster id a client of the README's main command expects).
/// </summary>
public sealed record SiloSettings(string? ClusterId, string? Table = null, string? Container = null)
{
    /// <summary>Azure Table clustering and Azure storage on Azurite (else localhost clustering and in-memory storage).</summary>
    public bool UseAzurite => Table is not null;
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The cluster's internal-call key (every silo of one cluster gets the same; a silo on Azure Table clustering needs one).</summary>
    public string InternalCallKey { get; init; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static SiloSettings OnAzurite(string prefix)
    {
        var (cluster, table, container) = AzuriteEnvironment.UniqueNames(prefix);
        return new SiloSettings(cluster, table, container);
    }

    /// <summary>
    /// The README's main command: the demo workload of <paramref name="inferences"/> inferences, then serving clients and
    /// the explorer. Without the text track (its own job, checked by <c>.ci/run</c>'s demo run): what the tests count is the
    /// digits run, complete once its conservation line is printed.
    /// </summary>
    public static SiloSettings Demo(int inferences, int contributors) => new(ClusterId: null)
    {
        Arguments = ["--demo", "--demo-inferences", inferences.ToString(), "--demo-contributors", contributors.ToString(), "--demo-no-text"],
    };
}

/// <summary>
/// The built silo started as a real process (<c>dotnet OpenLedger.Actors.Silo.dll</c>) on free loopback ports,
/// with its output kept for failure messages. Stops it with SIGKILL (a crash) or SIGTERM (a graceful stop).
/// (Shared by the operations tests, the explorer's browser tests and the explorer benchmark.)
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int SigKill = 9, SigTerm = 15;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _demoDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int HttpPort { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    /// <summary>The management port: <c>/metrics</c> is served here only.</summary>
    public int ManagementPort { get; }
    public Uri ManagementAddress => new($"http://127.0.0.1:{ManagementPort}");
    public SiloSettings Settings { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    private SiloProcess(SiloSettings settings)
    {
        Settings = settings;
        var ports = FreePorts.Take(4);
        (HttpPort, SiloPort, GatewayPort, ManagementPort) = (ports[0], ports[1], ports[2], ports[3]);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        foreach (var argument in settings.Arguments) start.ArgumentList.Add(argument);
        var env = start.Environment;
        env.Remove("OPENLEDGER_PROFILE");
        env.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        env["DOTNET_ENVIRONMENT"] = env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Urls"] = BaseAddress.ToString();
        env["OpenLedger__Operations__ManagementUrls"] = ManagementAddress.ToString();
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        if (settings.ClusterId is { } clusterId) env["OpenLedger__Clustering__ClusterId"] = env["OpenLedger__Clustering__ServiceId"] = clusterId;
        env["OpenLedger__Clustering__SiloPort"] = SiloPort.ToString();
        env["OpenLedger__Clustering__GatewayPort"] = GatewayPort.ToString();
        if (settings.UseAzurite)
        {
            env["OpenLedger__Clustering__Provider"] = "AzureStorage";
            env["OpenLedger__Storage__Provider"] = "AzureStorage";
            env["OpenLedger__Storage__ConnectionString"] = AzuriteEnvironment.ConnectionString;
            env["OpenLedger__Storage__TableName"] = settings.Table!;
            env["OpenLedger__Storage__ArtifactContainer"] = settings.Container!;
            env["OpenLedger__Security__InternalCallKey"] = settings.InternalCallKey;
            env["OpenLedger__Api__KeyIdSecret"] = settings.InternalCallKey; // any 32 random bytes; one per cluster
        }
        foreach (var (key, value) in settings.Environment) env[key] = value;

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Exited += (_, _) => _demoDone.TrySetException(new InvalidOperationException($"The silo exited with code {_process.ExitCode}:\n{Tail()}"));
        _ = _demoDone.Task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // observed: only a demo start awaits it
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static SiloProcess Start(SiloSettings settings) => new(settings);

    /// <summary>Starts the silo and waits until its readiness probe answers 200.</summary>
    public static async Task<SiloProcess> StartReadyAsync(SiloSettings settings)
    {
        var silo = Start(settings);
        try
        {
            await silo.WaitUntilReadyAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync(); // never leave a half-started silo running
            throw;
        }
    }

    /// <summary>
    /// Starts the demo (<see cref="SiloSettings.Demo"/>) and waits for its conservation line ("→ OK"), after which the
    /// silo serves clients and the explorer; fails at once if the check fails or the silo exits. <paramref name="timeout"/>
    /// bounds a stuck start only.
    /// </summary>
    public static async Task<SiloProcess> StartDemoAsync(int inferences, int contributors, TimeSpan timeout)
    {
        var silo = Start(SiloSettings.Demo(inferences, contributors));
        try
        {
            await silo._demoDone.Task.WaitAsync(timeout);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo process's resident memory now.</summary>
    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3); // a bound for a stuck start on a loaded machine, not a speed assertion
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Silo exited with code {_process.ExitCode} before it was ready:\n{Tail()}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Silo on {BaseAddress} was not ready within 3 minutes:\n{Tail()}");
    }

    /// <summary>A crash: SIGKILL, no chance to leave the cluster or flush anything.</summary>
    public void Kill() => Signal(SigKill);

    /// <summary>A graceful stop request, as Kubernetes sends before the grace period ends.</summary>
    public void Terminate() => Signal(SigTerm);

    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var limit = new CancellationTokenSource(bound);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    public string Tail(int lines = 60)
    {
        var all = Output.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            try { await WaitForExitAsync(TimeSpan.FromSeconds(30)); } catch (OperationCanceledException) { }
        }
        _process.Dispose();
    }

    private void Signal(int signal)
    {
        if (_process.HasExited) return;
        if (kill(_process.Id, signal) != 0 && !_process.HasExited)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length > 2_000_000) _output.Remove(0, 1_000_000);
            _output.AppendLine(line);
        }
        if (line.StartsWith("Conservation", StringComparison.Ordinal))
        {
            if (line.Contains("→ OK", StringComparison.Ordinal)) _demoDone.TrySetResult();
            else _demoDone.TrySetException(new InvalidOperationException($"The demo's conservation check failed: {line}"));
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
