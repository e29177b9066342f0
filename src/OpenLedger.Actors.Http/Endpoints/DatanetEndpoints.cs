using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Contracts;
using OpenLedger.Actors.Http.Paging;
using OpenLedger.Actors.Http.Quotas;

namespace OpenLedger.Actors.Http.Endpoints;

/// <summary>
/// Datanets, their contributions and versions. Reads are public (a Datanet is a community dataset; rows' features
/// are not served, only their records). Creating needs the curator role and makes the caller the owner; submitting
/// needs the contributor role and submits as the caller; reviewing and publishing need the caller to curate or own
/// the Datanet (checked by the Datanet grain against the caller's account).
/// </summary>
internal static class DatanetEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var datanets = api.MapGroup("/datanets/{datanetId}").WithTags("Datanets");

        datanets.MapPut("", async Task<Ok<DatanetInfo>> (string datanetId, CreateDatanetRequest body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var metadata = new DatanetMetadata(body.Name, body.Summary, body.Description, BodyChecks.NoNullItems(body.Tags, "tags"), body.Modality, body.Dimension, body.ClassCount);
            return TypedResults.Ok(await grains.GetGrain<IDatanetGrain>(RouteIds.Id(datanetId, "Datanet id")).CreateAsync(caller.Account, metadata));
        }).Mutating(ApiRoles.Curator).CreationQuota(CreationKinds.Datanets).WithName("CreateDatanet");

        datanets.MapGet("", async Task<Ok<DatanetInfo>> (string datanetId, IGrainFactory grains) =>
            TypedResults.Ok(await Datanet(grains, datanetId).GetInfoAsync())).WithName("GetDatanet");

        datanets.MapPost("/submissions", async Task<Ok<SubmissionReceipt>> (string datanetId, SubmitContributionsRequest body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var rows = BodyChecks.NoNullItems(body.Rows, "rows").Select(r => new ContributionRow(r.Features, r.Label)).ToArray();
            return TypedResults.Ok(await Datanet(grains, datanetId).SubmitAsync(body.SubmissionId, caller.Account, rows));
        }).Mutating(ApiRoles.Contributor).WithName("SubmitContributions");

        datanets.MapPost("/documents", async Task<Ok<SubmissionReceipt>> (string datanetId, SubmitDocumentsRequest body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var documents = BodyChecks.NoNullItems(body.Documents, "documents");
            return TypedResults.Ok(await grains.GetGrain<ITextDatanetGrain>(RouteIds.Id(datanetId, "Datanet id")).SubmitLabelledTextAsync(body.SubmissionId, caller.Account, documents, body.Labels));
        }).Mutating(ApiRoles.Contributor).WithName("SubmitDocuments")
          .WithSummary("Submit documents to a text Datanet: normalised, hashed, tokenised; duplicates (text.duplicate) and near-duplicates (text.near_duplicate) are refused; optional labels (one per document) for a Datanet with classes.");

        datanets.MapGet("/documents/{rowId:long}", async Task<Ok<TextDocumentInfo>> (string datanetId, long rowId, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ITextDatanetGrain>(RouteIds.Id(datanetId, "Datanet id")).GetDocumentAsync(rowId)))
          .RequireAuthorization().WithName("GetDocument")
          .WithSummary("A text Datanet's document (normalised text, hash, token count), to check a receipt's spans against; any API key.");

        datanets.MapGet("/contributions", async Task<Ok<Page<ContributionRecord>>> (string datanetId, string? cursor, int? limit, IGrainFactory grains) =>
        {
            var page = PageRequest.Parse(cursor, limit);
            var fetched = await Datanet(grains, datanetId).ListContributionsAsync(page.IntOffset, page.Limit + 1);
            return TypedResults.Ok(page.FromOverfetch(fetched));
        }).WithName("ListContributions");

        datanets.MapPost("/reviews", async Task<Ok<ReviewResult>> (string datanetId, ReviewRequest body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var changed = await Datanet(grains, datanetId).ReviewAsync(caller.Account, body.RowIds, body.Approve, body.Reason);
            return TypedResults.Ok(new ReviewResult(datanetId, changed));
        }).Mutating(ApiRoles.Curator).WithName("ReviewContributions");

        datanets.MapGet("/rejections", async Task<Ok<Page<RejectedRows>>> (string datanetId, string? cursor, int? limit, IGrainFactory grains) =>
        {
            // Newest first; the cursor is the sequence number of the last entry shown, so appends never shift a later page.
            var page = PageRequest.Parse(cursor, limit);
            var fetched = await Datanet(grains, datanetId).ListRejectionsAsync(page.Position is null ? null : page.Offset, page.Limit + 1);
            var items = fetched.Take(page.Limit).ToArray();
            return TypedResults.Ok(new Page<RejectedRows>(items, fetched.Count > page.Limit ? PageRequest.Encode(items[^1].Sequence) : null));
        }).WithName("ListRejections");

        datanets.MapPost("/versions", async Task<Ok<DatanetVersionInfo>> (string datanetId, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            return TypedResults.Ok(await Datanet(grains, datanetId).PublishVersionAsync(caller.Account));
        }).Mutating(ApiRoles.Curator).WithName("PublishVersion");

        datanets.MapGet("/versions", async Task<Ok<Page<DatanetVersionInfo>>> (string datanetId, string? cursor, int? limit, IGrainFactory grains) =>
        {
            var page = PageRequest.Parse(cursor, limit);
            var fetched = await Datanet(grains, datanetId).ListVersionsAsync(page.IntOffset, page.Limit + 1);
            return TypedResults.Ok(page.FromOverfetch(fetched));
        }).WithName("ListVersions");

        datanets.MapGet("/versions/{version:int}", async Task<Ok<DatanetVersionInfo>> (string datanetId, int version, IGrainFactory grains) =>
            TypedResults.Ok(await Datanet(grains, datanetId).GetVersionAsync(version))).WithName("GetVersion");
    }

    private static IDatanetGrain Datanet(IGrainFactory grains, string datanetId) =>
        grains.GetGrain<IDatanetGrain>(RouteIds.Id(datanetId, "Datanet id"));
}
