using System.Net;
using System.Net.Sockets;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>Loopback ports nobody listens on, taken from the OS (port 0) and held together so one call never repeats a port.</summary>
internal static class FreePorts
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
}
