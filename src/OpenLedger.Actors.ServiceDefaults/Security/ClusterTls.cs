using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace OpenLedger.Actors.ServiceDefaults.Security;

/// <summary>
/// The cluster's TLS (Microsoft.Orleans.Connections.Security), mutual on every connection, each side trusting only
/// certificates issued by the cluster CA (chain built against that CA alone, not the machine's store):
/// <list type="bullet">
/// <item>silo port (silo-to-silo): both ends present a <b>silo certificate</b> — issued by the CA with the server
/// authentication usage, which client certificates do not carry, so a client certificate cannot join as a silo;</item>
/// <item>gateway port: the client presents a <b>client certificate</b> (client authentication usage) and checks that the
/// gateway's is a silo certificate. A client without one, or with one from another issuer, never completes the handshake.</item>
/// </list>
/// Host names are not checked (silos are reached by pod IP); the CA is the identity.
/// </summary>
public static class ClusterTls
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterTlsOptions options)
    {
        Validate(options);
        if (!options.Enabled) return silo;
        var (certificate, authority) = Load(options);
        var siloPeers = Options(options, certificate, authority, ServerAuthentication);
        var gatewayClients = Options(options, certificate, authority, ClientAuthentication);
        silo.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(pipeline => pipeline.UseServerTls(siloPeers));
            connections.ConfigureSiloOutboundConnection(pipeline => pipeline.UseClientTls(siloPeers));
            connections.ConfigureGatewayInboundConnection(pipeline => pipeline.UseServerTls(gatewayClients));
        });
        return silo;
    }

    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterTlsOptions options)
    {
        Validate(options);
        if (!options.Enabled) return client;
        var (certificate, authority) = Load(options);
        var gateway = Options(options, certificate, authority, ServerAuthentication);
        client.Configure<ClientConnectionOptions>(connections => connections.ConfigureConnection(pipeline => pipeline.UseClientTls(gateway)));
        return client;
    }

    /// <summary>Whether <paramref name="remote"/> chains to <paramref name="authority"/> alone and carries <paramref name="usage"/>.</summary>
    public static bool IsTrusted(X509Certificate2 remote, X509Certificate2Collection authority, string usage)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usage));
        return chain.Build(remote);
    }

    private static TlsOptions Options(ClusterTlsOptions settings, X509Certificate2 certificate, X509Certificate2Collection authority, string remoteUsage) => new()
    {
        LocalCertificate = certificate,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        HandshakeTimeout = settings.HandshakeTimeout,
        // Name mismatches are expected (pod IPs); anything else is decided by the chain to the cluster CA and the usage.
        RemoteCertificateValidation = (remote, _, errors) =>
            (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0 && IsTrusted(remote, authority, remoteUsage),
    };

    private static (X509Certificate2 Certificate, X509Certificate2Collection Authority) Load(ClusterTlsOptions options)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.ResolvedCertificatePath!, options.ResolvedKeyPath!);
            // Re-imported so the private key is usable by SslStream on every platform.
            var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            var authority = new X509Certificate2Collection();
            authority.ImportFromPemFile(options.ResolvedCaPath!);
            if (authority.Count == 0) throw new CryptographicException($"No CA certificate in '{options.ResolvedCaPath}'.");
            return (certificate, authority);
        }
        catch (CryptographicException e)
        {
            throw new OptionsValidationException("Tls", typeof(ClusterTlsOptions), [$"The TLS certificate, key or CA could not be loaded: {e.Message}"]);
        }
    }

    private static void Validate(ClusterTlsOptions options)
    {
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
            throw new OptionsValidationException("Tls", typeof(ClusterTlsOptions), problems.Select(p => p.ErrorMessage ?? "invalid"));
    }
}
