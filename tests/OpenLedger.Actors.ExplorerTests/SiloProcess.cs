using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace OpenLedger.Actors.ExplorerTests;

/// <summary>
/// The README's main command as a child process: the silo (embedded default: in-memory storage, localhost
/// clustering) on free loopback ports, running the demo workload, then serving clients and the explorer. Started
/// from the silo project's build output of the same configuration as this assembly.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _demoDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, int httpPort, int gatewayPort)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        GatewayPort = gatewayPort;
    }

    public Uri BaseAddress { get; }
    public int GatewayPort { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The silo process's resident memory now.</summary>
    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public static async Task<SiloProcess> StartDemoAsync(int inferences, int contributors, TimeSpan timeout)
    {
        var (http, silo, gateway, management) = (FreePort(), FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(SiloAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     SiloAssembly, "--demo", "--demo-inferences", inferences.ToString(), "--demo-contributors", contributors.ToString(),
                     "--urls", $"http://127.0.0.1:{http}", $"--OpenLedger:Clustering:SiloPort={silo}", $"--OpenLedger:Clustering:GatewayPort={gateway}",
                     $"--OpenLedger:Operations:ManagementUrls=http://127.0.0.1:{management}",
                     "--Logging:LogLevel:Default=Warning",
                 })
            start.ArgumentList.Add(arg);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new SiloProcess(process, http, gateway);
        process.OutputDataReceived += (_, e) => host.Observe(e.Data);
        process.ErrorDataReceived += (_, e) => host.Observe(e.Data);
        process.Exited += (_, _) => host._demoDone.TrySetException(new InvalidOperationException($"The silo exited with code {process.ExitCode}:\n{host.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host._demoDone.Task.WaitAsync(timeout);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    private void Observe(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.StartsWith("Conservation", StringComparison.Ordinal))
        {
            if (line.Contains("→ OK", StringComparison.Ordinal)) _demoDone.TrySetResult();
            else _demoDone.TrySetException(new InvalidOperationException($"The demo's conservation check failed: {line}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>The silo's build output for this assembly's configuration (Debug or Release).</summary>
    private static string SiloAssembly
    {
        get
        {
            var configuration = typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var path = Path.Combine(RepositoryRoot, "src", "OpenLedger.Actors.Silo", "bin", configuration, "net10.0", "OpenLedger.Actors.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the silo first ({configuration}): {path} is missing.", path);
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "OpenLedger.Actors.sln"))) return folder.FullName;
            throw new DirectoryNotFoundException("The repository root (with OpenLedger.Actors.sln) was not found above " + AppContext.BaseDirectory);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
