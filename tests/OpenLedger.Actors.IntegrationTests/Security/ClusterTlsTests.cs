using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Operators;
using OpenLedger.Actors.Grains.Security;
using OpenLedger.Actors.ServiceDefaults.Security;

namespace OpenLedger.Actors.IntegrationTests.Security;

/// <summary>
/// Attack suite, cluster side (issue 14, finding 2): a real 3-silo cluster over loopback TCP with the cluster's mutual
/// TLS, certificates from <c>silo-config/dev-certs.sh</c>. A client holding a client certificate from the cluster CA
/// works (through the operator interface, not the ledger's internal methods); a client without a certificate, or with a
/// certificate from another CA, never gets a connection; a client certificate is not a silo certificate.
/// </summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    /// <summary>A bound only: a trusted client connects in well under a second, a refused one is refused as fast.</summary>
    private static readonly TimeSpan ConnectLimit = TimeSpan.FromSeconds(60);

    /// <summary>Refused twice (the client retries forever): it has not connected, and never got a chance to.</summary>
    private const int Refusals = 2;
    private DevCertificates _trusted = null!;
    private DevCertificates _stranger = null!;
    private TcpCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _trusted = DevCertificates.Create();
        _stranger = DevCertificates.Create(); // another CA: its certificates look just as good, but nobody trusts them
        _cluster = await TcpCluster.StartAsync($"tls-{Guid.NewGuid():N}"[..16], silos: 3, tls: Tls(_trusted.SiloDirectory));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _trusted.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task A_client_with_the_clusters_certificate_connects_and_is_still_not_silo_code()
    {
        using var client = _cluster.Client(gateway: 2, tls: Tls(_trusted.ClientDirectory));
        await client.StartAsync().WaitAsync(ConnectLimit);
        var grains = client.Services.GetRequiredService<IClusterClient>();

        Assert.Equal(TransferResultCode.Ok, await grains.GetGrain<IOperatorGrain>(OperatorIds.Main).DepositAsync("tls-1", "agent-tls", 700));
        Assert.Equal(700, await grains.GetGrain<ILedgerGrain>(LedgerIds.Main).GetBalanceAsync("agent-tls"));
        var refused = await Assert.ThrowsAsync<OpenLedgerException>(() => grains.GetGrain<ILedgerGrain>(LedgerIds.Main).DepositAsync("tls-2", "agent-tls", 700));
        Assert.Equal(InternalCallGuardFilter.ErrorCode, refused.ErrorCode);
        Assert.Equal(700, await _cluster.SiloGrains(1).GetGrain<ILedgerGrain>(LedgerIds.Main).GetBalanceAsync("agent-tls"));
    }

    [Fact]
    public async Task A_client_without_a_certificate_cannot_connect()
    {
        var refusals = new GatewayRefusals();
        using var plain = _cluster.Client(gateway: 0, configure: refusals.Observe);
        await AssertRefusedAsync(plain, refusals);
    }

    [Fact]
    public async Task A_client_with_a_certificate_from_another_CA_cannot_connect()
    {
        var refusals = new GatewayRefusals();
        using var stranger = _cluster.Client(gateway: 1, tls: Tls(_stranger.ClientDirectory), configure: refusals.Observe);
        await AssertRefusedAsync(stranger, refusals);

        // Even trusting the cluster's CA does not help a client whose own certificate comes from elsewhere.
        var mixed = new ClusterTlsOptions
        {
            Enabled = true,
            CertificatePath = Path.Combine(_stranger.ClientDirectory, "tls.crt"),
            KeyPath = Path.Combine(_stranger.ClientDirectory, "tls.key"),
            CaPath = Path.Combine(_trusted.Root, "ca.crt"),
        };
        var impostorRefusals = new GatewayRefusals();
        using var impostor = _cluster.Client(gateway: 1, tls: mixed, configure: impostorRefusals.Observe);
        await AssertRefusedAsync(impostor, impostorRefusals);
    }

    [Fact]
    public void Only_silo_certificates_of_the_cluster_CA_pass_as_silos()
    {
        var authority = new X509Certificate2Collection();
        authority.ImportFromPemFile(Path.Combine(_trusted.Root, "ca.crt"));
        using var silo = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_trusted.SiloDirectory, "tls.crt"));
        using var client = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_trusted.ClientDirectory, "tls.crt"));
        using var strangerSilo = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_stranger.SiloDirectory, "tls.crt"));
        const string server = "1.3.6.1.5.5.7.3.1", clientAuth = "1.3.6.1.5.5.7.3.2";

        Assert.True(ClusterTls.IsTrusted(silo, authority, server));
        Assert.True(ClusterTls.IsTrusted(silo, authority, clientAuth));
        Assert.True(ClusterTls.IsTrusted(client, authority, clientAuth));
        Assert.False(ClusterTls.IsTrusted(client, authority, server)); // a client certificate cannot join the silo port
        Assert.False(ClusterTls.IsTrusted(strangerSilo, authority, server));
    }

    /// <summary>Starts the client and waits until the gateway refused it <see cref="Refusals"/> times: it never connected.</summary>
    private static async Task AssertRefusedAsync(IHost client, GatewayRefusals refusals)
    {
        var start = client.StartAsync();
        await refusals.WaitAsync(Refusals).WaitAsync(ConnectLimit);
        Assert.False(start.IsCompletedSuccessfully, "the client connected although every attempt it logged was refused");
        _ = start.ContinueWith(t => t.Exception, TaskScheduler.Default); // it keeps retrying until the host is disposed
    }

    private static ClusterTlsOptions Tls(string directory) => new() { Enabled = true, Directory = directory, HandshakeTimeout = TimeSpan.FromSeconds(5) };
}
