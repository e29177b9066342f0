using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Contracts;
using OpenLedger.Actors.Http.Errors;
using OpenLedger.Actors.Http.Paging;
using OpenLedger.Actors.Http.Quotas;

namespace OpenLedger.Actors.Http.Endpoints;

/// <summary>
/// Models. Reads are public (id, owner, fee, manifest, training figures, training job). Training or registering needs
/// the model-owner role and makes the caller's account the owner that earns the model's share of each fee. Training is
/// a job: POST answers 202 with its Location at once, GET there follows it; the model answers 503 <c>model.not_ready</c>
/// until the job has succeeded.
/// </summary>
internal static class ModelEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models/{modelId}").WithTags("Models");

        models.MapPost("/training", async Task<Accepted<TrainingJobInfo>> (string modelId, TrainModelBody body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var version = body.DatanetVersion ?? await LatestVersionAsync(grains, body.DatanetId);
            var request = new TrainModelRequest(caller.Account, body.DatanetId, version, body.FeePerInference, body.Lambda ?? 0.01);
            var job = await Model(grains, modelId).StartTrainingAsync(request);
            return TypedResults.Accepted(JobLocation(job.ModelId), job);
        }).Mutating(ApiRoles.ModelOwner).CreationQuota(CreationKinds.Models).WithName("TrainModel")
          .WithSummary("Start training the built-in model: 202 with the training job's Location; the model is usable once the job has succeeded.");

        models.MapGet("/training", async Task<Ok<TrainingJobInfo>> (string modelId, IGrainFactory grains) =>
            TypedResults.Ok(await Model(grains, modelId).GetTrainingJobAsync())).WithName("GetTrainingJob")
          .WithSummary("The model's training job: status (queued, running, succeeded, failed), stage, Newton step, failure code.");

        models.MapPut("/external", async Task<Ok<ModelInfo>> (string modelId, RegisterExternalModelBody body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var request = new RegisterExternalModelRequest(caller.Account, body.DatanetId, body.DatanetVersion, body.FeePerInference,
                body.RowIds, body.EmbeddingSize, body.Embeddings);
            return TypedResults.Ok(await Model(grains, modelId).RegisterExternalAsync(request));
        }).Mutating(ApiRoles.ModelOwner).CreationQuota(CreationKinds.Models).WithName("RegisterExternalModel");

        models.MapPut("/language-model", (string modelId, RegisterLanguageModelBody body, HttpContext http, IGrainFactory grains) =>
            RegisterOnTextVersionAsync(modelId, new RegisterLanguageModelRequest(Caller.Required(http).Account, body.DatanetId, body.DatanetVersion, body.FeePerInference), grains)).Mutating(ApiRoles.ModelOwner).CreationQuota(CreationKinds.Models).WithName("RegisterLanguageModel")
          .WithSummary("Register an external language model on a text Datanet version: 202 with the span index job's Location (the training job's); usable once it has succeeded.");

        models.MapPut("/rag", (string modelId, RegisterRagModelBody body, HttpContext http, IGrainFactory grains) =>
            RegisterOnTextVersionAsync(modelId, new RegisterLanguageModelRequest(Caller.Required(http).Account, body.DatanetId, body.DatanetVersion, body.FeePerInference)
                { Kind = ModelKinds.Rag, Retrieval = body.Retrieval }, grains)).Mutating(ApiRoles.ModelOwner).CreationQuota(CreationKinds.Models).WithName("RegisterRagModel")
          .WithSummary("Register a retrieval-augmented generator on a text Datanet version: 202 with the retrieval index job's Location (the training job's); usable once it has succeeded.");

        models.MapGet("", async Task<Ok<ModelInfo>> (string modelId, IGrainFactory grains) =>
            TypedResults.Ok(await Model(grains, modelId).GetInfoAsync())).WithName("GetModel");

        models.MapGet("/training-rows", async Task<Ok<Page<long>>> (string modelId, string? cursor, int? limit, IGrainFactory grains) =>
        {
            var page = PageRequest.Parse(cursor, limit);
            return TypedResults.Ok(page.Slice(await Model(grains, modelId).GetTrainingRowIdsAsync()));
        }).WithName("ListModelTrainingRows");
    }

    /// <summary>Training without a version trains on the latest published one (as the CLI does).</summary>
    private static async Task<int> LatestVersionAsync(IGrainFactory grains, string datanetId)
    {
        var info = await grains.GetGrain<IDatanetGrain>(RouteIds.Id(datanetId, "Datanet id")).GetInfoAsync();
        return info.Versions.Count > 0 ? info.Versions[^1].Version
            : throw new ApiProblemException(StatusCodes.Status404NotFound, "version.not_found", $"Datanet '{datanetId}' has no published version yet; publish one (POST .../versions) first.");
    }

    /// <summary>Where a model's training job is read (the job id is the model id).</summary>
    public static string JobLocation(string modelId) => $"{OpenLedgerApiExtensions.BasePath}/models/{Uri.EscapeDataString(modelId)}/training";

    private static IModelGrain Model(IGrainFactory grains, string modelId) => grains.GetGrain<IModelGrain>(RouteIds.Id(modelId, "model id"));

    /// <summary>A language model or a RAG model, owned by the caller, on a text Datanet version: 202 with its index job.</summary>
    private static async Task<Accepted<TrainingJobInfo>> RegisterOnTextVersionAsync(string modelId, RegisterLanguageModelRequest request, IGrainFactory grains)
    {
        var job = await Model(grains, modelId).RegisterLanguageModelAsync(request);
        return TypedResults.Accepted(JobLocation(job.ModelId), job);
    }
}
