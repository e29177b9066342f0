using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Models;

/// <summary>
/// Language models (<see cref="ModelKinds.LanguageModel"/>) and RAG models (<see cref="ModelKinds.Rag"/>): the
/// registration is checked (a published version of a text Datanet), recorded, and the index job
/// (<see cref="SpanIndexJobGrain"/>, same key) started; the job records the model here (its artifact: the span index
/// manifest, or a RAG model's retrieval index manifest) and marks it ready once the index is loaded, as training does.
/// </summary>
public sealed partial class ModelGrain
{
    public async Task<TrainingJobInfo> RegisterLanguageModelAsync(RegisterLanguageModelRequest request)
    {
        ValidateLanguageModel(request);
        if (state.State.LanguageModel is { } registered)
        {
            if (registered == request) return await SpanIndexJobAsync(request);
            throw ModelExists();
        }
        if (state.State.Request is not null || state.State.Info is not null) throw ModelExists();

        var datanet = GrainFactory.GetGrain<IDatanetGrain>(request.DatanetId);
        var metadata = (await datanet.GetInfoAsync()).Metadata; // throws datanet.not_found
        if (!DatanetModalities.IsText(metadata.Modality))
            throw OpenLedgerException.Validation("model.datanet_not_text", $"Datanet '{request.DatanetId}' holds {metadata.Modality} rows; a language model is registered on a text Datanet.");
        await datanet.GetVersionAsync(request.DatanetVersion); // throws version.not_found

        state.State.LanguageModel = request;
        await state.WriteOrReloadAsync(this);
        return await SpanIndexJobAsync(request);
    }

    /// <summary>The job (started now when a crash lost the start, or when it was never read since the registration).</summary>
    private async Task<TrainingJobInfo> SpanIndexJobAsync(RegisterLanguageModelRequest request)
    {
        var job = GrainFactory.GetGrain<ISpanIndexJobGrain>(Id);
        return await job.GetAsync() ?? await job.StartAsync(request);
    }

    private void ValidateLanguageModel(RegisterLanguageModelRequest? request)
    {
        if (request is null) throw OpenLedgerException.Validation("request.missing", "A registration request is required.");
        if (request.ModelKind is not (ModelKinds.LanguageModel or ModelKinds.Rag))
            throw OpenLedgerException.Validation("model.kind_invalid", $"A model registered on a text Datanet version is a '{ModelKinds.LanguageModel}' or a '{ModelKinds.Rag}' model, not '{request.ModelKind}'.");
        if (request.Retrieval is not null && request.ModelKind != ModelKinds.Rag)
            throw OpenLedgerException.Validation("model.retrieval_unexpected", "Only a RAG model retrieves: leave 'retrieval' out when registering a language model.");
        if (request.Retrieval is not null && !RagRetrievalModes.IsKnown(request.Retrieval))
            throw OpenLedgerException.Validation("model.retrieval_invalid", $"A RAG model retrieves by '{RagRetrievalModes.Bm25}' (the default) or '{RagRetrievalModes.Hybrid}', not '{request.Retrieval}'.");
        ValidateSource(request.OwnerAccount, request.DatanetId, request.DatanetVersion, request.FeePerInference);
    }
}
