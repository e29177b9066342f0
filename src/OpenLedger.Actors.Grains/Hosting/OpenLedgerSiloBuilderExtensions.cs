using Orleans.Storage;
using Orleans.Serialization;
using Orleans.Configuration;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Grains.Attribution;
using OpenLedger.Actors.Grains.Governance;
using OpenLedger.Actors.Grains.Staking;
using OpenLedger.Actors.Grains.Explorer;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Security;
using OpenLedger.Actors.Grains.Sessions;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;
using OpenLedger.Actors.Grains.Transparency;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Grains.Text;

namespace OpenLedger.Actors.Grains.Hosting;

public static class OpenLedgerSiloBuilderExtensions
{
    /// <summary>
    /// Adds what the OpenLedger grains need to a silo: the grain-state provider, the artifact store, and the
    /// fee and ledger options, all read from <paramref name="configuration"/> (see README for the keys).
    /// An <see cref="IArtifactStore"/> registered before this call is kept (tests share one across silos).
    /// </summary>
    public static ISiloBuilder AddOpenLedger(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = configuration.GetSection(OpenLedgerStorageOptions.Section).Get<OpenLedgerStorageOptions>() ?? new OpenLedgerStorageOptions();
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(storage, new(storage), problems, validateAllProperties: true))
            throw new OptionsValidationException(OpenLedgerStorageOptions.Section, typeof(OpenLedgerStorageOptions), problems.Select(p => p.ErrorMessage ?? "invalid"));

        if (storage.Provider == StorageProvider.AzureStorage)
        {
            silo.AddAzureTableGrainStorage(StorageNames.GrainState, options =>
            {
                options.TableServiceClient = new TableServiceClient(storage.ConnectionString);
                options.TableName = storage.TableName;
            });
            silo.UseAzureTableReminderService(options => options.TableServiceClient = new TableServiceClient(storage.ConnectionString));
            silo.Services.TryAddSingleton<IArtifactStore>(_ =>
                new BlobArtifactStore(new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(storage.ArtifactContainer)));
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageNames.GrainState);
            // In memory nothing outlives the process, so no stored format has to stay readable: Orleans' binary
            // serializer instead of the JSON default (JSON was ~20 % of an inference's CPU, issue 18's profile).
            // Azure Table storage keeps the JSON format its stored rows already have.
            silo.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.GrainState)
                .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            silo.UseInMemoryReminderService();
            silo.Services.TryAddSingleton<IArtifactStore, InMemoryArtifactStore>();
        }

        silo.Services.TryAddSingleton(TimeProvider.System);
        // Text classifiers' sentence embeddings (all-MiniLM-L6-v2 from its NuGet package; loaded on first use).
        silo.Services.TryAddSingleton<ITextEmbedder, MiniLmTextEmbedder>();
        // The ledger's own clock (pending transfers' timeouts), so tests can drive it without touching Orleans' clock.
        silo.Services.TryAddKeyedSingleton<TimeProvider>(LedgerOptions.ClockKey, (services, _) => services.GetRequiredService<TimeProvider>());
        silo.AddPlacementDirector<RowShardPlacement, RowShardPlacementDirector>();
        silo.AddIncomingGrainCallFilter<RejectionMetricsFilter>(); // openledger.rejections, once per client call
        // The trust boundary: internal interfaces answer only calls that silo code made (see InternalCallProof).
        silo.Services.AddOptions<InternalCallOptions>().Bind(configuration.GetSection(InternalCallOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.TryAddSingleton(sp => InternalCallProof.From(sp.GetRequiredService<IOptions<InternalCallOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        silo.AddOutgoingGrainCallFilter<InternalCallStampFilter>();
        silo.AddIncomingGrainCallFilter<InternalCallGuardFilter>();
        silo.Services.AddOptions<FeePolicyOptions>().Bind(configuration.GetSection(FeePolicyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddOptions<InferenceOptions>().Bind(configuration.GetSection(InferenceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddOptions<AttributionOptions>().Bind(configuration.GetSection(AttributionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddOptions<TextAttributionOptions>().Bind(configuration.GetSection(TextAttributionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddOptions<GovernanceOptions>().Bind(configuration.GetSection(GovernanceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddOptions<ExplorerOptions>().Bind(configuration.GetSection(ExplorerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.TryAddSingleton<ExplorerFeed>();
        silo.Services.TryAddSingleton<ClusterShutdown>();
        silo.Services.AddOptions<TransparencyOptions>().Bind(configuration.GetSection(TransparencyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.TryAddSingleton<TreeHeadSigner>();
        silo.Services.TryAddSingleton<ParameterSnapshots>(); // the silo's parameter snapshot (staking, Datanets, inferences read it)
        silo.Services.TryAddSingleton<IParameterSnapshots>(sp => sp.GetRequiredService<ParameterSnapshots>());
        silo.Services.TryAddSingleton<ParameterSnapshotServiceClient>();
        silo.AddGrainService<ParameterSnapshotService>(); // receives executed versions, pushed to every silo
        silo.Services.TryAddSingleton<PenaltySnapshots>(); // the silo's penalty counts (inferences' reward rates read it)
        silo.Services.TryAddSingleton<PenaltySnapshotServiceClient>();
        silo.AddGrainService<PenaltySnapshotService>(); // receives penalties, pushed to every silo
        silo.Services.AddOptions<LedgerOptions>().Bind(configuration.GetSection(LedgerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.TryAddSingleton(sp => new LedgerRouter(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IOptions<LedgerOptions>>())); // every caller's way to the ledger's partitions
        return silo;
    }
}
