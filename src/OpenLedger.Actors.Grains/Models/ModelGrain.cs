using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Training;
using OpenLedger.Actors.Grains.Explorer;
using OpenLedger.Actors.Grains.Governance;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;

namespace OpenLedger.Actors.Grains.Models;

/// <summary>
/// A model trained once by the built-in trainer on a published Datanet version, or registered as external. Its
/// parameters are an artifact; its state keeps owner, fee, manifest, λ and training figures. Training is a durable job
/// (<see cref="TrainingJobGrain"/>, same key): <see cref="StartTrainingAsync"/> checks the request and the governed
/// limits, records the request and starts the job; the job records the trained model here and, once the attribution
/// index is built, marks it ready. Until then the model answers <c>model.not_ready</c>.
/// </summary>
public sealed partial class ModelGrain(
    [PersistentState("model", StorageNames.GrainState)] IPersistentState<ModelState> state,
    IArtifactStore artifacts,
    ITextEmbedder embedder,
    TimeProvider clock,
    ExplorerFeed explorer,
    IParameterSnapshots parameters,
    ILogger<ModelGrain> logger) : Grain, IModelGrain, IModelTrainingSink
{
    public const long MaxFeePerInference = 1_000_000_000_000; // one million units of 10⁶ micro-units

    private string Id => this.GetPrimaryKeyString();

    public async Task<TrainingJobInfo> StartTrainingAsync(TrainModelRequest request)
    {
        Validate(request);
        if (state.State.Request is { } requested)
        {
            if (requested == request) return await GetTrainingJobAsync(); // the same job (started now if a crash lost the start)
            throw ModelExists();
        }
        if (state.State.Info is not null || state.State.LanguageModel is not null) throw ModelExists(); // an external model under this id

        // The governed limits, before anything is recorded: P = (D + 1)·C and λ.
        var datanet = GrainFactory.GetGrain<IDatanetGrain>(request.DatanetId);
        var schema = (await datanet.GetInfoAsync()).Metadata; // throws datanet.not_found
        var dimension = schema.Dimension;
        if (DatanetModalities.IsText(schema.Modality)) // a text classifier: the features are the documents' embeddings
        {
            if (schema.ClassCount < 2)
                throw OpenLedgerException.Validation("model.datanet_unlabelled", $"Text Datanet '{request.DatanetId}' has no classes: a text classifier needs labelled documents.");
            dimension = embedder.Dimension;
        }
        var limits = (await parameters.CurrentAsync()).Parameters.TrainingLimits();
        Guard.Valid(limits.Check(dimension, schema.ClassCount, request.Lambda));
        await datanet.GetVersionAsync(request.DatanetVersion); // throws version.not_found

        state.State.Request = request;
        await state.WriteOrReloadAsync(this);
        return await Job.StartAsync(request);
    }

    public async Task<TrainingJobInfo> GetTrainingJobAsync()
    {
        if (state.State.LanguageModel is { } languageModel) return await SpanIndexJobAsync(languageModel);
        if (state.State.Request is not { } request)
            throw OpenLedgerException.NotFound("model.not_found", $"Model '{Id}' has no training job.");
        if (await Job.GetAsync() is { } job) return job;
        if (state.State is { Info: { } trained, TrainingPending: false }) // trained before training jobs existed
            return new TrainingJobInfo(Id, Id, TrainingJobStatus.Succeeded, TrainingStages.Done, trained.Iterations, trained.Iterations, 1, null, null,
                trained.TrainedAt, trained.TrainedAt, trained.TrainedAt, trained.TrainedAt);
        return await Job.StartAsync(request); // a crash between recording the request and starting the job: start it now
    }

    public async Task RecordTrainedAsync(ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (state.State.Info is not null && !state.State.TrainingPending) return; // already ready: a late attempt changes nothing
        state.State.Info = info;
        state.State.TrainingPending = true;
        await state.WriteOrReloadAsync(this);
    }

    public async Task MarkReadyAsync()
    {
        var info = state.State.Info ?? throw OpenLedgerException.NotReady("model.not_ready", $"Model '{Id}' has not been trained yet.");
        if (state.State.TrainingPending)
        {
            state.State.TrainingPending = false;
            await state.WriteOrReloadAsync(this);
        }
        await explorer.ModelRegisteredAsync(info);
    }

    public Task<ModelInfo> GetTrainedAsync() =>
        Task.FromResult(state.State.Info ?? throw OpenLedgerException.NotReady("model.not_ready", $"Model '{Id}' is still training."));

    private ITrainingJobGrain Job => GrainFactory.GetGrain<ITrainingJobGrain>(Id);

    private OpenLedgerException ModelExists() =>
        OpenLedgerException.Conflict("model.exists", $"Model '{Id}' was already trained or registered from a different request; use a new model id.");

    public const int MaxEmbeddingSize = 4_096;
    public const long MaxEmbeddingValues = 16_000_000; // 64 MB of floats per registration call

    public async Task<ModelInfo> RegisterExternalAsync(RegisterExternalModelRequest request)
    {
        ValidateExternal(request);
        var artifact = new ExternalModelArtifact(request.RowIds, request.EmbeddingSize, request.Embeddings);
        var encoded = artifact.Encode();
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(encoded)) +
            $"|{request.OwnerAccount}|{request.DatanetId}|{request.DatanetVersion}|{request.FeePerInference}";
        if (state.State.Request is not null || state.State.LanguageModel is not null) throw ModelExists(); // a built-in or language model under this id
        if (state.State.Info is { } existing)
        {
            if (state.State.ExternalRequestFingerprint == fingerprint) return existing;
            throw OpenLedgerException.Conflict("model.exists", $"Model '{Id}' already exists with a different definition; use a new model id.");
        }
        var datanet = GrainFactory.GetGrain<IDatanetGrain>(request.DatanetId);
        var version = await datanet.GetVersionAsync(request.DatanetVersion);
        var datanetInfo = await datanet.GetInfoAsync();
        var matrix = VersionMatrix.Decode(await artifacts.GetAsync(version.ArtifactKey));
        var inVersion = matrix.RowIds.ToHashSet();
        var missing = request.RowIds.FirstOrDefault(id => !inVersion.Contains(id), -1);
        if (missing != -1 || request.RowIds.Any(id => id < 0))
            throw OpenLedgerException.Validation("model.row_not_in_version", $"Row {missing} is not in {request.DatanetId} version {version.Version}.");

        var artifactKey = await artifacts.PutAsync(encoded);
        var info = new ModelInfo(Id, request.OwnerAccount, request.FeePerInference,
            new TrainingManifest(request.DatanetId, version.Version, request.RowIds.Length, version.ArtifactKey),
            0, 0, 0, 0, 0, matrix.Dimension, matrix.ClassCount, artifactKey, datanetInfo.Curators, clock.GetUtcNow(),
            ModelKinds.ExternalEmbedding, request.EmbeddingSize);
        state.State.ExternalRequestFingerprint = fingerprint;
        state.State.Info = info;
        await state.WriteOrReloadAsync(this);
        await explorer.ModelRegisteredAsync(info);
        logger.LogInformation("Registered external model {ModelId} on {DatanetId} v{Version}: {Rows} rows, embedding size {Size}",
            Id, request.DatanetId, version.Version, request.RowIds.Length, request.EmbeddingSize);
        return info;
    }

    public async Task<ModelInfo> GetInfoAsync()
    {
        if (state.State is { Info: { } info, TrainingPending: false }) return info;
        if (state.State.Request is null && state.State.LanguageModel is null)
            throw OpenLedgerException.NotFound("model.not_found", $"Model '{Id}' does not exist (it has not been trained).");
        var job = await GetTrainingJobAsync();
        if (job.Status == TrainingJobStatus.Failed)
            throw OpenLedgerException.Conflict("model.training_failed", $"Model '{Id}' failed to train ({job.FailureCode}: {job.FailureMessage}); train under a new model id.");
        throw OpenLedgerException.NotReady("model.not_ready",
            $"Model '{Id}' is not ready: its training job is {job.Status.ToString().ToLowerInvariant()} ({job.Stage}); poll the job and retry when it has succeeded.");
    }

    public async Task<IReadOnlyList<long>> GetTrainingRowIdsAsync()
    {
        var info = await GetInfoAsync();
        if (info.Kind is ModelKinds.LanguageModel or ModelKinds.Rag) return TextVersionCorpus.Decode(await artifacts.GetAsync(info.Manifest.VersionArtifactKey)).RowIds;
        if (info.Kind == ModelKinds.ExternalEmbedding) return ExternalModelArtifact.Decode(await artifacts.GetAsync(info.ArtifactKey)).RowIds;
        return VersionMatrix.Decode(await artifacts.GetAsync(info.Manifest.VersionArtifactKey)).RowIds;
    }

    private void ValidateExternal(RegisterExternalModelRequest? request)
    {
        if (request is null) throw OpenLedgerException.Validation("request.missing", "A registration request is required.");
        ValidateSource(request.OwnerAccount, request.DatanetId, request.DatanetVersion, request.FeePerInference);
        if (request.EmbeddingSize < 1 || request.EmbeddingSize > MaxEmbeddingSize)
            throw OpenLedgerException.Validation("model.embedding_size", $"The embedding size must be between 1 and {MaxEmbeddingSize}.");
        if (request.RowIds is null || request.RowIds.Length == 0)
            throw OpenLedgerException.Validation("model.rows_missing", "The training manifest must name at least one row.");
        if (request.RowIds.Distinct().Count() != request.RowIds.Length)
            throw OpenLedgerException.Validation("model.row_repeated", "A row id appears more than once in the training manifest.");
        if (request.Embeddings is null || (long)request.RowIds.Length * request.EmbeddingSize != request.Embeddings.Length)
            throw OpenLedgerException.Validation("model.embeddings_shape", $"Expected {request.RowIds.Length}×{request.EmbeddingSize} embedding values.");
        if (request.Embeddings.Length > MaxEmbeddingValues)
            throw OpenLedgerException.Validation("model.embeddings_too_large", $"At most {MaxEmbeddingValues} embedding values per registration.");
        if (Array.FindIndex(request.Embeddings, v => !float.IsFinite(v)) is var bad and >= 0)
            throw OpenLedgerException.Validation("model.embeddings_not_finite", $"Embedding value {bad} is not a finite number.");
    }

    /// <summary>What every way of making a model checks: the model id, the owner, the Datanet version and the fee.</summary>
    private void ValidateSource(string ownerAccount, string datanetId, int datanetVersion, long feePerInference)
    {
        Guard.Identifier(Id, "model id");
        Guard.Account(ownerAccount, "owner account");
        Guard.Identifier(datanetId, "Datanet id");
        if (datanetVersion < 1) throw OpenLedgerException.Validation("model.version", "The Datanet version must be 1 or more.");
        if (feePerInference < 0 || feePerInference > MaxFeePerInference)
            throw OpenLedgerException.Validation("model.fee", $"The fee per inference must be between 0 and {MaxFeePerInference} micro-units.");
    }

    private void Validate(TrainModelRequest? request)
    {
        if (request is null) throw OpenLedgerException.Validation("request.missing", "A training request is required.");
        ValidateSource(request.OwnerAccount, request.DatanetId, request.DatanetVersion, request.FeePerInference);
        if (!double.IsFinite(request.Lambda) || request.Lambda <= 0 || request.Lambda > 1e6)
            throw OpenLedgerException.Validation("model.lambda", "λ must be a finite number in (0, 10⁶].");
    }
}
