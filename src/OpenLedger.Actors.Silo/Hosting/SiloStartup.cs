using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace OpenLedger.Actors.Silo.Hosting;

/// <summary>
/// What the host checks before it starts, so a mistake is reported in one line that names the setting at fault
/// (rather than as a stack trace from deep inside Kestrel or Orleans).
/// </summary>
public static class SiloStartup
{
    /// <summary>
    /// The folder appsettings.json is read from: the working directory when it holds one (<c>dotnet run --project</c>
    /// starts in the project folder), else the program's own folder, so the built DLL behaves the same wherever it
    /// is started from. A <c>--contentRoot</c> override (the test host sets one) is left to the configuration.
    /// </summary>
    public static string? ContentRoot(IReadOnlyList<string> configurationArguments)
    {
        if (configurationArguments.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))) return null;
        return File.Exists(Path.Combine(Environment.CurrentDirectory, "appsettings.json")) ? null : AppContext.BaseDirectory;
    }

    /// <summary>
    /// Binds each port this silo will listen on for a moment, and throws <see cref="PortInUseException"/> naming the
    /// first one that is taken and the setting (and option) that chose it. Port 0 (any free port) is not checked.
    /// </summary>
    public static void EnsurePortsFree(IConfiguration configuration)
    {
        var clustering = SiloConfiguration.Clustering(configuration);
        var ports = new List<(int Port, string Setting)>
        {
            (clustering.SiloPort, "OpenLedger:Clustering:SiloPort (--silo-port)"),
            (clustering.GatewayPort, "OpenLedger:Clustering:GatewayPort (--gateway-port)"),
        };
        var defaults = new (string Key, string Option, string Default)[]
        {
            ("Urls", "--http-port", ""),
            ("OpenLedger:Operations:ManagementUrls", "--management-port", new Operations.OperationsOptions().ManagementUrls),
        };
        foreach (var (key, option, fallback) in defaults)
        {
            foreach (var url in (configuration[key] ?? fallback).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Uri.TryCreate(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
                    ports.Add((uri.Port, $"{key} = {url} ({option})"));
            }
        }
        foreach (var (port, setting) in ports.Where(p => p.Port > 0))
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true); // as Kestrel and Orleans bind: a TIME_WAIT is no conflict, a listener is
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                throw new PortInUseException(port, setting);
            }
        }
    }

    /// <summary>A one-line explanation of a startup failure a user can fix, or null for an unexpected one (left to crash with its stack trace).</summary>
    public static string? Explain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PortInUseException port:
                    return $"port {port.Port} is already in use (set by {port.Setting}). Stop the process using it, or choose another port.";
                case OptionsValidationException options:
                    return $"invalid configuration in {options.OptionsName}: {string.Join("; ", options.Failures)}";
                case FileNotFoundException file when file.Message.StartsWith("Profile ", StringComparison.Ordinal):
                    return file.Message;
                case SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } socket:
                    return $"a port this silo listens on is already in use ({socket.Message}); check Urls, OpenLedger:Clustering:SiloPort/GatewayPort and OpenLedger:Operations:ManagementUrls.";
                case IOException io when io.InnerException is null && io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                    return $"{io.Message} (Urls, --http-port)";
            }
        }
        return null;
    }
}

/// <summary>A port the silo must listen on is taken by another process.</summary>
public sealed class PortInUseException(int port, string setting)
    : Exception($"Port {port} is already in use (set by {setting}).")
{
    public int Port { get; } = port;
    public string Setting { get; } = setting;
}
