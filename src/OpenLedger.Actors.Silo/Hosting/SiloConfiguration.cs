using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Security;
using OpenLedger.Actors.ServiceDefaults.Security;
using Orleans.Configuration;

namespace OpenLedger.Actors.Silo.Hosting;

/// <summary>Reads the profile and configures clustering for this silo.</summary>
public static class SiloConfiguration
{
    /// <summary>
    /// Adds the JSON profile named by <c>--profile PATH</c> (or the <c>OPENLEDGER_PROFILE</c> variable) on top of
    /// appsettings.json; environment variables (<c>OpenLedger__Storage__ConnectionString</c>, …) and the command
    /// line still override it.
    /// </summary>
    public static void AddProfile(IConfigurationManager configuration, string? profile)
    {
        profile ??= Environment.GetEnvironmentVariable("OPENLEDGER_PROFILE");
        if (!string.IsNullOrWhiteSpace(profile))
        {
            var path = ResolveProfile(profile);
            var sources = configuration.Sources.ToList();
            configuration.Sources.Clear();
            // The profile sits just above appsettings*.json and below environment variables and the command line.
            var insertAt = sources.FindLastIndex(s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource) + 1;
            foreach (var source in sources.Take(insertAt)) configuration.Sources.Add(source);
            configuration.AddJsonFile(path, optional: false);
            foreach (var source in sources.Skip(insertAt)) configuration.Sources.Add(source);
        }
    }

    /// <summary>
    /// A relative profile path is looked up from the working directory and then its parents, because
    /// <c>dotnet run --project</c> starts the program in the project folder rather than where it was typed.
    /// </summary>
    private static string ResolveProfile(string profile)
    {
        if (Path.IsPathRooted(profile))
            return File.Exists(profile) ? profile : throw new FileNotFoundException($"Profile '{profile}' was not found.", profile);
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, profile);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Profile '{profile}' was not found in {Environment.CurrentDirectory} or any folder above it.", profile);
    }

    public static ClusteringOptions Clustering(IConfiguration configuration)
    {
        var options = configuration.GetSection(ClusteringOptions.Section).Get<ClusteringOptions>() ?? new ClusteringOptions();
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
            throw new OptionsValidationException(ClusteringOptions.Section, typeof(ClusteringOptions), problems.Select(p => p.ErrorMessage ?? "invalid"));
        return options;
    }

    /// <summary>TLS with client certificates on the silo and gateway ports when <c>OpenLedger:Tls:Enabled</c> (see <see cref="ClusterTls"/>).</summary>
    public static ISiloBuilder UseConfiguredTls(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.UseClusterTls(configuration.GetSection(ClusterTlsOptions.SiloSection).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions());

    public static ISiloBuilder UseConfiguredClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = Clustering(configuration);
        if (!options.UsesAzureStorage)
            return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);

        // Silos in separate processes must share the internal-call key, or they would refuse each other's internal calls.
        if (string.IsNullOrWhiteSpace(configuration[$"{InternalCallOptions.Section}:InternalCallKey"]))
            throw new OptionsValidationException(InternalCallOptions.Section, typeof(InternalCallOptions),
                [$"A silo on AzureStorage clustering needs {InternalCallOptions.Section}:InternalCallKey (base64 of 32 random bytes, the same on every silo: `openssl rand -base64 32`; Kubernetes: the openledger-internal-call-key Secret)."]);
        var connectionString = options.ConnectionString ?? configuration[$"{OpenLedgerStorageOptions.Section}:ConnectionString"]
            ?? throw new OptionsValidationException(ClusteringOptions.Section, typeof(ClusteringOptions), ["A connection string is required for AzureStorage clustering."]);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        var advertised = string.IsNullOrWhiteSpace(options.AdvertisedIPAddress) ? IPAddress.Loopback : IPAddress.Parse(options.AdvertisedIPAddress);
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        return silo.UseAzureStorageClustering(azure => azure.TableServiceClient = new TableServiceClient(connectionString));
    }
}
