using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Contracts;
using OpenLedger.Actors.Http.Paging;
using OpenLedger.Actors.Http.Quotas;

namespace OpenLedger.Actors.Http.Endpoints;

/// <summary>
/// Models. Reads are public (id, owner, fee, manifest, training figures). Training or registering needs the
/// model-owner role and makes the caller's account the owner that earns the model's share of each fee.
/// </summary>
internal static class ModelEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models/{modelId}").WithTags("Models");

        models.MapPut("", async Task<Ok<ModelInfo>> (string modelId, TrainModelBody body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var request = new TrainModelRequest(caller.Account, body.DatanetId, body.DatanetVersion, body.FeePerInference, body.Lambda ?? 0.01);
            return TypedResults.Ok(await Model(grains, modelId).TrainAsync(request));
        }).Mutating(ApiRoles.ModelOwner).CreationQuota(CreationKinds.Models).WithName("TrainModel");

        models.MapPut("/external", async Task<Ok<ModelInfo>> (string modelId, RegisterExternalModelBody body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var request = new RegisterExternalModelRequest(caller.Account, body.DatanetId, body.DatanetVersion, body.FeePerInference,
                body.RowIds, body.EmbeddingSize, body.Embeddings);
            return TypedResults.Ok(await Model(grains, modelId).RegisterExternalAsync(request));
        }).Mutating(ApiRoles.ModelOwner).CreationQuota(CreationKinds.Models).WithName("RegisterExternalModel");

        models.MapGet("", async Task<Ok<ModelInfo>> (string modelId, IGrainFactory grains) =>
            TypedResults.Ok(await Model(grains, modelId).GetInfoAsync())).WithName("GetModel");

        models.MapGet("/training-rows", async Task<Ok<Page<long>>> (string modelId, string? cursor, int? limit, IGrainFactory grains) =>
        {
            var page = PageRequest.Parse(cursor, limit);
            return TypedResults.Ok(page.Slice(await Model(grains, modelId).GetTrainingRowIdsAsync()));
        }).WithName("ListModelTrainingRows");
    }

    private static IModelGrain Model(IGrainFactory grains, string modelId) => grains.GetGrain<IModelGrain>(RouteIds.Id(modelId, "model id"));
}
