using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenLedger.Actors.Abstractions.Transparency;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Endpoints;

/// <summary>
/// The transparency log (issue 19): signed tree heads, inclusion and consistency proofs, and the entries an auditor walks.
/// Any valid API key reads them (the log holds hashes only: blinded ids and content hashes). The receipt-specific proof
/// (<c>GET /receipts/{inferenceId}/inclusion</c>) is with the receipts, under their visibility rules.
/// </summary>
internal static class TransparencyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var logs = api.MapGroup("/transparency").WithTags("Transparency").RequireAuthorization();

        logs.MapGet("/logs/{logId}/head", async Task<Ok<PublishedTreeHead>> (string logId, IGrainFactory grains) =>
            TypedResults.Ok(await Log(grains, logId).GetHeadAsync())).WithName("GetTreeHead");

        logs.MapGet("/logs/{logId}/inclusion", async Task<Ok<InclusionProof>> (string logId, long index, long treeSize, IGrainFactory grains) =>
            TypedResults.Ok(await Log(grains, logId).GetInclusionProofAsync(index, treeSize))).WithName("GetInclusionProof");

        logs.MapGet("/logs/{logId}/consistency", async Task<Ok<ConsistencyProof>> (string logId, long from, long to, IGrainFactory grains) =>
            TypedResults.Ok(await Log(grains, logId).GetConsistencyProofAsync(from, to))).WithName("GetConsistencyProof");

        logs.MapGet("/logs/{logId}/entries", async Task<Ok<IReadOnlyList<LoggedEntry>>> (string logId, long start, int? count, IGrainFactory grains) =>
            TypedResults.Ok(await Log(grains, logId).GetEntriesAsync(start, count ?? 256))).WithName("GetLogEntries");

        logs.MapGet("/logs/{logId}/key", async Task<Ok<TreeHeadKeyInfo>> (string logId, IGrainFactory grains) =>
            TypedResults.Ok(await Log(grains, logId).GetSigningKeyAsync())).WithName("GetTreeHeadKey");
    }

    /// <summary>Only the logs that exist: an unknown id is a 404, not a new empty log.</summary>
    private static ITransparencyLogGrain Log(IGrainFactory grains, string logId) => logId == TransparencyLogs.Receipts
        ? grains.GetGrain<ITransparencyLogGrain>(logId)
        : throw new ApiProblemException(StatusCodes.Status404NotFound, "transparency.log_not_found", $"There is no transparency log '{logId}'; the log is '{TransparencyLogs.Receipts}'.");
}
