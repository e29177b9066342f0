using System.Net;
using System.Net.Sockets;

namespace OpenLedger.Actors.TestSupport;

/// <summary>Loopback ports nobody listens on, taken from the OS (port 0) and held together so one call never repeats a port.</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    /// <summary>Two different free ports (a silo port and a gateway port, say).</summary>
    public static (int First, int Second) Pair() => Take(2) is [var first, var second] ? (first, second) : throw new InvalidOperationException();

    /// <summary>One free port (two calls may, rarely, return the same one: take several at once with <see cref="Take"/>).</summary>
    public static int One() => Take(1)[0];
}
