using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.ServiceDefaults.Security;
using Orleans.Configuration;

namespace OpenLedger.Actors.Client;

public static class OpenLedgerClientHostExtensions
{
    /// <summary>
    /// Connects this host to an OpenLedger cluster and registers <see cref="OpenLedgerClient"/>. Options come
    /// from the <c>OpenLedger:Client</c> configuration section, then <paramref name="configure"/>; they are
    /// validated when the host starts.
    /// </summary>
    public static IHostApplicationBuilder AddOpenLedgerClient(this IHostApplicationBuilder builder, Action<OpenLedgerClientOptions>? configure = null)
    {
        var options = builder.Configuration.GetSection(OpenLedgerClientOptions.Section).Get<OpenLedgerClientOptions>() ?? new OpenLedgerClientOptions();
        configure?.Invoke(options);
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
            throw new OptionsValidationException(OpenLedgerClientOptions.Section, typeof(OpenLedgerClientOptions), problems.Select(p => p.ErrorMessage ?? "invalid"));

        builder.UseOrleansClient(client =>
        {
            client.AddActivityPropagation(); // a grain call continues the caller's trace (OpenLedgerObservability collects it)
            client.UseClusterTls(options.Tls); // the client certificate, when the cluster's gateways require TLS
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            if (options.Clustering == ClusteringProvider.AzureStorage)
                client.UseAzureStorageClustering(azure => azure.TableServiceClient = new TableServiceClient(options.AzureStorageConnectionString));
            else if (IsThisMachine(options.GatewayHost))
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
            else
                client.UseStaticClustering(new IPEndPoint(Resolve(options.GatewayHost), options.GatewayPort));
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new OpenLedgerClient(sp.GetRequiredService<IClusterClient>(), options));
        return builder;
    }

    private static bool IsThisMachine(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static IPAddress Resolve(string host) =>
        IPAddress.TryParse(host, out var ip) ? ip
        : Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault()
          ?? throw new OptionsValidationException(OpenLedgerClientOptions.Section, typeof(OpenLedgerClientOptions), [$"GatewayHost '{host}' does not resolve to an address."]);
}
