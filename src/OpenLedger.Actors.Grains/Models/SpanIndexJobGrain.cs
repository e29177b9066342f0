using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Text.Rag;
using OpenLedger.Actors.Grains.Attribution;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Models;

/// <summary>
/// Builds a language model's span index — or a RAG model's retrieval index (<see cref="BuildRetrievalIndexAsync"/>: the
/// version's documents in BM25, <see cref="RetrievalIndexManifest"/>; loaded by <see cref="RagAttributionGrain"/>) — as a
/// durable job, as <see cref="TrainingJobGrain"/> trains: load the text
/// version (<see cref="TextVersionCorpus"/>), split it into shards of at most
/// <see cref="TextAttributionOptions.MaxStreamTokensPerShard"/> stream tokens and build each shard's suffix array
/// (SA-IS, on the thread pool) into a content-addressed artifact (<see cref="SuffixArrayIndexFormat"/>), write the
/// <see cref="SpanIndexManifest"/>, record the model with it, have the text attribution grain load it, mark the model
/// ready. Progress: <see cref="TrainingJobInfo.Step"/> of <see cref="TrainingJobInfo.Steps"/> shards. The record is
/// grain state written at every stage; a reminder (dropped when the job ends) and any status read restart an
/// unfinished job after a crash, from the start (the build is deterministic and its writes idempotent).
/// </summary>
public sealed class SpanIndexJobGrain(
    [PersistentState("span-index-job", StorageNames.GrainState)] IPersistentState<SpanIndexJobState> state,
    IArtifactStore artifacts,
    IOptions<TextAttributionOptions> options,
    ITextEmbedder embedder,
    TimeProvider clock,
    ILogger<SpanIndexJobGrain> logger) : Grain, ISpanIndexJobGrain, IRemindable
{
    private const string ResumeReminder = "resume-span-index";
    private static readonly TimeSpan ResumePeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LoadPollInterval = TimeSpan.FromMilliseconds(250);

    private Task? _run;
    private int _stepsDone;

    private string ModelId => this.GetPrimaryKeyString();
    private SpanIndexJobState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        EnsureRunning();
        return Task.CompletedTask;
    }

    public async Task<TrainingJobInfo> StartAsync(RegisterLanguageModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (S.Info is not null)
        {
            if (S.Request != request)
                throw OpenLedgerException.Conflict("model.exists", $"Model '{ModelId}' already has a span index job for a different registration; use a new model id.");
            EnsureRunning();
            return Current();
        }
        var now = clock.GetUtcNow();
        S.Request = request;
        S.Info = new TrainingJobInfo(ModelId, ModelId, TrainingJobStatus.Queued, TrainingStages.Queued, 0, 0, 0, null, null, now, null, now, null);
        await state.WriteOrReloadAsync(this);
        await this.RegisterOrUpdateReminder(ResumeReminder, ResumePeriod, ResumePeriod);
        logger.LogInformation("Span index job for language model {ModelId} queued ({DatanetId} v{Version})", ModelId, request.DatanetId, request.DatanetVersion);
        EnsureRunning();
        return Current();
    }

    public Task<TrainingJobInfo?> GetAsync() => Task.FromResult(S.Info is null ? null : Current());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder) return;
        if (S.Info is null or { IsFinished: true })
        {
            await DropReminderAsync();
            return;
        }
        EnsureRunning();
    }

    private void EnsureRunning()
    {
        if (S.Info is null or { IsFinished: true }) return;
        if (_run is { IsCompleted: false }) return;
        _run = RunAsync();
    }

    private TrainingJobInfo Current() =>
        _run is { IsCompleted: false } && S.Info!.Stage is TrainingStages.BuildingSpanIndex or TrainingStages.Embedding
            ? S.Info with { Step = Volatile.Read(ref _stepsDone), Silo = RuntimeIdentity }
            : S.Info!;

    private async Task RunAsync()
    {
        await Task.Yield(); // the request that started the job answers first
        var request = S.Request!;
        var started = Stopwatch.GetTimestamp();
        this.DelayDeactivation(TimeSpan.FromHours(2));
        try
        {
            var attempt = S.Info!.Attempt + 1;
            if (attempt > TrainingJobGrain.MaxAttempts)
            {
                await FailAsync("index.internal_error", $"The job did not complete in {TrainingJobGrain.MaxAttempts} attempts; see the silo logs.");
                return;
            }
            var now = clock.GetUtcNow();
            await SaveAsync(S.Info with { Status = TrainingJobStatus.Running, Stage = TrainingStages.Loading, Attempt = attempt, Step = 0,
                StartedAt = S.Info.StartedAt ?? now, UpdatedAt = now });

            var datanet = GrainFactory.GetGrain<IDatanetGrain>(request.DatanetId);
            var version = await datanet.GetVersionAsync(request.DatanetVersion);
            var datanetInfo = await datanet.GetInfoAsync();
            var corpus = TextVersionCorpus.Decode(await artifacts.GetAsync(version.ArtifactKey));
            if (corpus.RowCount == 0) throw OpenLedgerException.Validation("model.empty_corpus", $"{request.DatanetId} version {version.Version} holds no documents.");
            var rag = request.ModelKind == ModelKinds.Rag;
            var (manifestKey, steps) = rag ? await BuildRetrievalIndexAsync(corpus, version.ArtifactKey, request.RetrievalMode) : await BuildSpanIndexAsync(corpus, version.ArtifactKey);

            var info = new ModelInfo(ModelId, request.OwnerAccount, request.FeePerInference,
                new TrainingManifest(request.DatanetId, version.Version, corpus.RowCount, version.ArtifactKey),
                0, 0, 0, 0, 0, 0, 0, manifestKey, datanetInfo.Curators, clock.GetUtcNow(), request.ModelKind);
            var model = GrainFactory.GetGrain<IModelTrainingSink>(ModelId);
            await model.RecordTrainedAsync(info);

            await SaveAsync(S.Info with { Stage = TrainingStages.Indexing, UpdatedAt = clock.GetUtcNow() });
            Func<Task<bool>> prepare = rag ? GrainFactory.GetGrain<IRagAttributionGrain>(ModelId).PrepareIndexAsync : GrainFactory.GetGrain<ITextAttributionGrain>(ModelId).PrepareIndexAsync;
            while (!await prepare()) await Task.Delay(LoadPollInterval);
            await model.MarkReadyAsync();

            now = clock.GetUtcNow();
            await SaveAsync(S.Info with { Status = TrainingJobStatus.Succeeded, Stage = TrainingStages.Done, UpdatedAt = now, FinishedAt = now });
            logger.LogInformation("{Kind} index of model {ModelId} on {DatanetId} v{Version}: {Documents} documents, {Tokens} tokens, {Steps} steps, attempt {Attempt}, {Elapsed:F0} ms",
                rag ? "Retrieval" : "Span", ModelId, request.DatanetId, version.Version, corpus.RowCount, corpus.TokenCount, steps, S.Info.Attempt, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await DropReminderAsync();
        }
        catch (OpenLedgerException e) when (e.Kind is not ErrorKind.NotReady)
        {
            await FailAsync(e.ErrorCode, e.Message);
        }
        catch (InvalidDataException e)
        {
            await FailAsync("model.datanet_not_text", $"The version is not a text corpus: {e.Message}");
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Span index job for model {ModelId} stopped in stage {Stage} (attempt {Attempt}); the reminder retries it", ModelId, S.Info?.Stage, S.Info?.Attempt);
        }
        finally
        {
            this.DelayDeactivation(TimeSpan.Zero);
        }
    }

    /// <summary>A language model's span index: one suffix-array shard per step; answers the <see cref="SpanIndexManifest"/>'s key.</summary>
    private async Task<(string ManifestKey, int Steps)> BuildSpanIndexAsync(TextVersionCorpus corpus, string versionKey)
    {
        var shards = SpanIndexShards.Partition(corpus.Documents(), options.Value.MaxStreamTokensPerShard);
        Volatile.Write(ref _stepsDone, 0);
        await SaveAsync(S.Info! with { Stage = TrainingStages.BuildingSpanIndex, Step = 0, Steps = shards.Count, UpdatedAt = clock.GetUtcNow() });
        var keys = new string[shards.Count];
        for (var s = 0; s < shards.Count; s++)
        {
            var documents = shards[s];
            var bytes = await Task.Run(() => SuffixArrayIndexFormat.ToBytes(SuffixArrayIndex.Build(documents)).Bytes); // CPU-bound: off the grain's scheduler
            keys[s] = await artifacts.PutAsync(bytes);
            Volatile.Write(ref _stepsDone, s + 1);
        }
        await SaveAsync(S.Info! with { Stage = TrainingStages.Saving, Step = shards.Count, UpdatedAt = clock.GetUtcNow() });
        var manifest = new SpanIndexManifest(corpus.DatanetId, corpus.Version, versionKey, keys, corpus.TokenCount, corpus.RowCount);
        return (await artifacts.PutAsync(manifest.Encode()), shards.Count);
    }

    /// <summary>
    /// A RAG model's retrieval index: the documents decoded to text and indexed by BM25 (one step, on the thread pool);
    /// for <see cref="RagRetrievalModes.Hybrid"/> first the stage <see cref="TrainingStages.Embedding"/>, every passage
    /// (<see cref="RagAttributionGrain.Passages"/>) embedded once, one step each, into the dense index
    /// (<see cref="EmbeddingIndexFormat"/>). Answers the <see cref="RetrievalIndexManifest"/>'s key.
    /// </summary>
    private async Task<(string ManifestKey, int Steps)> BuildRetrievalIndexAsync(TextVersionCorpus corpus, string versionKey, string retrieval)
    {
        var documents = corpus.RetrievalDocuments();
        string? embeddingKey = null;
        var steps = 1;
        if (retrieval == RagRetrievalModes.Hybrid)
        {
            var passages = documents.Sum(d => PassageSplitter.Split(d.Text, RagAttributionGrain.Passages.MaxCharacters, RagAttributionGrain.Passages.PerDocument).Count);
            Volatile.Write(ref _stepsDone, 0);
            await SaveAsync(S.Info! with { Stage = TrainingStages.Embedding, Step = 0, Steps = passages, UpdatedAt = clock.GetUtcNow() });
            var dense = await Task.Run(() => EmbeddingSimilarityIndex.Build(embedder, documents, RagAttributionGrain.Passages,
                (done, _) => Volatile.Write(ref _stepsDone, done))); // CPU-bound: off the grain's scheduler
            embeddingKey = await artifacts.PutAsync(EmbeddingIndexFormat.ToBytes(dense));
            steps = passages + 1;
        }
        await SaveAsync(S.Info! with { Stage = TrainingStages.BuildingRetrievalIndex, Step = steps - 1, Steps = steps, UpdatedAt = clock.GetUtcNow() });
        var bytes = await Task.Run(() => Bm25IndexFormat.ToBytes(Bm25Index.Build(documents)));
        var bm25Key = await artifacts.PutAsync(bytes);
        await SaveAsync(S.Info! with { Stage = TrainingStages.Saving, Step = steps, UpdatedAt = clock.GetUtcNow() });
        var manifest = new RetrievalIndexManifest(corpus.DatanetId, corpus.Version, versionKey, bm25Key, corpus.TokenCount, corpus.RowCount, embeddingKey);
        return (await artifacts.PutAsync(manifest.Encode()), steps);
    }

    private async Task FailAsync(string code, string message)
    {
        try
        {
            var now = clock.GetUtcNow();
            await SaveAsync(S.Info! with { Status = TrainingJobStatus.Failed, FailureCode = code,
                FailureMessage = message.Length <= TrainingJobGrain.MaxFailureMessageLength ? message : message[..TrainingJobGrain.MaxFailureMessageLength],
                UpdatedAt = now, FinishedAt = now });
            logger.LogWarning("Span index job for model {ModelId} failed: {Code}: {Message}", ModelId, code, message);
            await DropReminderAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Span index job for model {ModelId} could not record its failure ({Code}); the reminder retries it", ModelId, code);
        }
    }

    private async Task SaveAsync(TrainingJobInfo info)
    {
        S.Info = info;
        await state.WriteOrReloadAsync(this);
    }

    private async Task DropReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Span index job for model {ModelId} left its reminder; its next tick finds the job over and drops it", ModelId);
        }
    }
}
