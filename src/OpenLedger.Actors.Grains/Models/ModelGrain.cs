using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Training;
using OpenLedger.Actors.Grains.Explorer;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;

namespace OpenLedger.Actors.Grains.Models;

/// <summary>
/// A model trained once by the built-in trainer on a published Datanet version. Its parameters are an
/// artifact; its state keeps owner, fee, manifest, λ and training figures.
/// </summary>
public sealed class ModelGrain(
    [PersistentState("model", StorageNames.GrainState)] IPersistentState<ModelState> state,
    IArtifactStore artifacts,
    TimeProvider clock,
    ExplorerFeed explorer,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    public const long MaxFeePerInference = 1_000_000_000_000; // one million units of 10⁶ micro-units

    private string Id => this.GetPrimaryKeyString();

    public async Task<ModelInfo> TrainAsync(TrainModelRequest request)
    {
        Validate(request);
        if (state.State.Info is { } trained)
        {
            if (state.State.Request == request && trained.Kind == ModelKinds.BuiltIn) return trained;
            throw OpenLedgerException.Conflict("model.exists", $"Model '{Id}' was already trained from a different request; use a new model id.");
        }
        var datanet = GrainFactory.GetGrain<IDatanetGrain>(request.DatanetId);
        var version = await datanet.GetVersionAsync(request.DatanetVersion);
        var datanetInfo = await datanet.GetInfoAsync();
        var matrix = VersionMatrix.Decode(await artifacts.GetAsync(version.ArtifactKey));
        var data = matrix.ToDataset();
        if (data.Labels.Distinct().Count() < 2)
            throw OpenLedgerException.Validation("model.one_class", "The version's rows hold a single class; at least two are needed to train.");

        using var activity = OpenLedgerTelemetry.ActivitySource.StartActivity("model.train");
        var started = Stopwatch.GetTimestamp();
        TrainingResult result;
        try
        {
            // CPU-bound: run off the grain's scheduler so the silo stays responsive.
            result = await Task.Run(() => LogisticRegressionTrainer.Train(data, new TrainerOptions { Lambda = request.Lambda }));
        }
        catch (TrainingDidNotConvergeException e)
        {
            throw OpenLedgerException.Validation("model.not_converged", e.Message);
        }
        var artifactKey = await artifacts.PutAsync(ModelArtifact.Encode(result.Model));
        var info = new ModelInfo(Id, request.OwnerAccount, request.FeePerInference,
            new TrainingManifest(request.DatanetId, version.Version, matrix.RowCount, version.ArtifactKey),
            request.Lambda, result.MeanCrossEntropy, result.Accuracy, result.GradientNorm, result.Iterations,
            matrix.Dimension, matrix.ClassCount, artifactKey, datanetInfo.Curators, clock.GetUtcNow());
        state.State.Request = request;
        state.State.Info = info;
        await state.WriteOrReloadAsync(this);
        await explorer.ModelRegisteredAsync(info);
        logger.LogInformation("Trained model {ModelId} on {DatanetId} v{Version}: {Rows} rows, {Iterations} Newton steps, ‖∇J‖={GradientNorm:E2}, accuracy {Accuracy:P2}, {Elapsed:F0} ms",
            Id, request.DatanetId, version.Version, matrix.RowCount, result.Iterations, result.GradientNorm, result.Accuracy, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return info;
    }

    public const int MaxEmbeddingSize = 4_096;
    public const long MaxEmbeddingValues = 16_000_000; // 64 MB of floats per registration call

    public async Task<ModelInfo> RegisterExternalAsync(RegisterExternalModelRequest request)
    {
        ValidateExternal(request);
        var artifact = new ExternalModelArtifact(request.RowIds, request.EmbeddingSize, request.Embeddings);
        var encoded = artifact.Encode();
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(encoded)) +
            $"|{request.OwnerAccount}|{request.DatanetId}|{request.DatanetVersion}|{request.FeePerInference}";
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

    public Task<ModelInfo> GetInfoAsync() =>
        Task.FromResult(state.State.Info ?? throw OpenLedgerException.NotFound("model.not_found", $"Model '{Id}' does not exist (it has not been trained)."));

    public async Task<IReadOnlyList<long>> GetTrainingRowIdsAsync()
    {
        var info = await GetInfoAsync();
        if (info.Kind == ModelKinds.ExternalEmbedding) return ExternalModelArtifact.Decode(await artifacts.GetAsync(info.ArtifactKey)).RowIds;
        return VersionMatrix.Decode(await artifacts.GetAsync(info.Manifest.VersionArtifactKey)).RowIds;
    }

    private void ValidateExternal(RegisterExternalModelRequest? request)
    {
        if (request is null) throw OpenLedgerException.Validation("request.missing", "A registration request is required.");
        Guard.Identifier(Id, "model id");
        Guard.Account(request.OwnerAccount, "owner account");
        Guard.Identifier(request.DatanetId, "Datanet id");
        if (request.DatanetVersion < 1) throw OpenLedgerException.Validation("model.version", "The Datanet version must be 1 or more.");
        if (request.FeePerInference < 0 || request.FeePerInference > MaxFeePerInference)
            throw OpenLedgerException.Validation("model.fee", $"The fee per inference must be between 0 and {MaxFeePerInference} micro-units.");
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

    private void Validate(TrainModelRequest? request)
    {
        if (request is null) throw OpenLedgerException.Validation("request.missing", "A training request is required.");
        Guard.Identifier(Id, "model id");
        Guard.Account(request.OwnerAccount, "owner account");
        Guard.Identifier(request.DatanetId, "Datanet id");
        if (request.DatanetVersion < 1) throw OpenLedgerException.Validation("model.version", "The Datanet version must be 1 or more.");
        if (request.FeePerInference < 0 || request.FeePerInference > MaxFeePerInference)
            throw OpenLedgerException.Validation("model.fee", $"The fee per inference must be between 0 and {MaxFeePerInference} micro-units.");
        if (!double.IsFinite(request.Lambda) || request.Lambda <= 0 || request.Lambda > 1e6)
            throw OpenLedgerException.Validation("model.lambda", "λ must be a finite number in (0, 10⁶].");
    }
}
