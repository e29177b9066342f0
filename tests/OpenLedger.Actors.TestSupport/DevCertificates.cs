using System.Diagnostics;

namespace OpenLedger.Actors.TestSupport;

/// <summary>Certificates made by the project's own script (<c>silo-config/dev-certs.sh</c>, openssl), in a temporary folder.</summary>
public sealed class DevCertificates : IDisposable
{
    private DevCertificates(string root) => Root = root;

    public string Root { get; }
    public string SiloDirectory => Path.Combine(Root, "silo");
    public string ClientDirectory => Path.Combine(Root, "client");

    public static DevCertificates Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "openledger-certs-" + Guid.NewGuid().ToString("N")[..8]);
        var script = Path.Combine(RepositoryRoot(), "silo-config", "dev-certs.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(root);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dev-certs.sh failed ({process.ExitCode}): {error.Result}");
        return new DevCertificates(root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OpenLedger.Actors.sln"))) return folder.FullName;
        }
        throw new DirectoryNotFoundException("The repository root (OpenLedger.Actors.sln) is not above the test binaries.");
    }
}
