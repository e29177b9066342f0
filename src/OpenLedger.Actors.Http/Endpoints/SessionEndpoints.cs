using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Abstractions.Transparency;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Contracts;
using OpenLedger.Actors.Http.Errors;
using OpenLedger.Actors.Http.Idempotency;
using OpenLedger.Actors.Http.Quotas;

namespace OpenLedger.Actors.Http.Endpoints;

/// <summary>
/// Sessions, inferences and their attribution receipts. All private: a session, its inferences and receipts are
/// visible to the paying account's keys and to operators only; anyone else gets 404, as if they did not exist — with
/// the same code and text whether or not it exists. A receipt is also visible to every account its fee postings credit
/// (contributors, curators, the model owner), so a statement line can be traced to the inference that paid it.
/// Only the payer's own keys run inferences in a session: operators administer (read), they do not spend.
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var sessions = api.MapGroup("/sessions/{sessionId}").WithTags("Sessions");

        sessions.MapPut("", async Task<Ok<SessionInfo>> (string sessionId, OpenSessionRequest body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var session = Session(grains, sessionId);
            await RequireOwnIfOpenAsync(session, caller);
            return TypedResults.Ok(await session.OpenAsync(caller.Account, body.ModelId, body.TopK ?? 10));
        }).Mutating(ApiRoles.Platform).CreationQuota(CreationKinds.Sessions).WithName("OpenSession");

        sessions.MapGet("", async Task<Ok<SessionInfo>> (string sessionId, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            return TypedResults.Ok(await VisibleSessionAsync(Session(grains, sessionId), caller));
        }).RequireAuthorization().WithName("GetSession");

        sessions.MapPost("/inferences", async Task<Ok<InferenceResult>> (string sessionId, InferBody body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var key = http.Request.Headers[IdempotencyKeyFilter.HeaderName].ToString();
            if (string.IsNullOrEmpty(key))
                throw new ApiProblemException(StatusCodes.Status400BadRequest, "idempotency.key_missing", "An inference needs an Idempotency-Key header (it is the inference's key).");
            var session = Session(grains, sessionId);
            await PayersSessionAsync(session, caller);
            var features = body.Features ?? (body.Text is not null || body.Question is not null ? [] : null!); // a text or RAG model's inference sends text, no features
            return TypedResults.Ok(await session.InferAsync(new InferenceRequest(key, features, body.Label, body.Representation)
                { Text = body.Text, Prompt = body.Prompt, Question = body.Question, RowIds = body.RowIds, Retrieve = body.Retrieve }));
        }).Mutating(ApiRoles.Platform, idempotencyKeyRequired: true).WithName("Infer");

        sessions.MapGet("/inferences/{key}", async Task<Ok<InferenceResult>> (string sessionId, string key, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            return TypedResults.Ok(await VisibleResultAsync(grains, sessionId, key, caller, receiptReader: false));
        }).RequireAuthorization().WithName("GetInference");

        api.MapGet("/receipts/{inferenceId}", async Task<Ok<AttributionReceipt>> (string inferenceId, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            if (!InferenceId.TryParseTransferOrId(inferenceId, out var id))
                throw new ApiProblemException(StatusCodes.Status400BadRequest, "receipt.id_invalid", "An inference id is '{sessionId}|{idempotencyKey}' (as statement references show it).");
            var result = await VisibleResultAsync(grains, id.SessionId, id.IdempotencyKey, caller, receiptReader: true);
            return TypedResults.Ok(result.Receipt);
        }).RequireAuthorization().WithTags("Sessions").WithName("GetReceipt");

        api.MapGet("/receipts/{inferenceId}/inclusion", async Task<Ok<ReceiptInclusion>> (string inferenceId, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            if (!InferenceId.TryParseTransferOrId(inferenceId, out var id))
                throw new ApiProblemException(StatusCodes.Status400BadRequest, "receipt.id_invalid", "An inference id is '{sessionId}|{idempotencyKey}' (as statement references show it).");
            var result = await VisibleResultAsync(grains, id.SessionId, id.IdempotencyKey, caller, receiptReader: true);
            var index = await grains.GetGrain<IInferenceGrain>(id.ToString()).GetTransparencyIndexAsync()
                ?? throw OpenLedgerException.NotReady("transparency.pending", "The receipt is not in the transparency log yet (its outbox appends it shortly); retry.");
            var log = grains.GetGrain<ITransparencyLogGrain>(TransparencyLogs.Receipts);
            var head = await log.GetHeadAsync();
            if (head.Size <= index)
                throw OpenLedgerException.NotReady("transparency.head_pending", "No signed tree head covers the receipt yet (heads are signed every few seconds); retry.");
            return TypedResults.Ok(new ReceiptInclusion(ReceiptDigest.EntryOf(result.InferenceId, result.Receipt), head, await log.GetInclusionProofAsync(index, head.Size)));
        }).RequireAuthorization().WithTags("Sessions", "Transparency").WithName("GetReceiptInclusion");
    }

    private static IInferenceSessionGrain Session(IGrainFactory grains, string sessionId) =>
        grains.GetGrain<IInferenceSessionGrain>(RouteIds.Id(sessionId, "session id"));

    /// <summary>Re-opening someone else's session id must not reveal that it exists.</summary>
    private static async Task RequireOwnIfOpenAsync(IInferenceSessionGrain session, Caller caller)
    {
        try
        {
            var info = await session.GetInfoAsync();
            if (info.PayerAccount != caller.Account)
                throw new ApiProblemException(StatusCodes.Status409Conflict, "session.exists", "This session id is taken; choose another.");
        }
        catch (OpenLedgerException e) when (e.Kind == ErrorKind.NotFound)
        {
        }
    }

    private static ApiProblemException SessionNotFound() =>
        new(StatusCodes.Status404NotFound, "session.not_found", "The session does not exist or is not visible to this API key.");

    private static ApiProblemException InferenceNotFound() =>
        new(StatusCodes.Status404NotFound, "inference.not_found", "The inference does not exist or is not visible to this API key.");

    /// <summary>The session as its payer or an operator sees it; anyone else, and a session that does not exist, get the same 404.</summary>
    private static async Task<SessionInfo> VisibleSessionAsync(IInferenceSessionGrain session, Caller caller)
    {
        var info = await InfoOrNullAsync(session);
        if (info is null || !(caller.IsOperator || info.PayerAccount == caller.Account)) throw SessionNotFound();
        return info;
    }

    /// <summary>Spending: only the payer's own keys. An operator key (even with the platform role) gets the same 404 as anyone.</summary>
    private static async Task PayersSessionAsync(IInferenceSessionGrain session, Caller caller)
    {
        var info = await InfoOrNullAsync(session);
        if (info is null || info.PayerAccount != caller.Account) throw SessionNotFound();
    }

    private static async Task<SessionInfo?> InfoOrNullAsync(IInferenceSessionGrain session)
    {
        try
        {
            return await session.GetInfoAsync();
        }
        catch (OpenLedgerException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static async Task<InferenceResult> VisibleResultAsync(IGrainFactory grains, string sessionId, string key, Caller caller, bool receiptReader)
    {
        var session = await InfoOrNullAsync(Session(grains, sessionId)) ?? throw InferenceNotFound();
        var result = await grains.GetGrain<IInferenceGrain>(new InferenceId(sessionId, RouteIds.Id(key, "idempotency key")).ToString()).GetResultAsync();
        var visible = result is not null && (caller.IsOperator || session.PayerAccount == caller.Account
            || (receiptReader && result.Receipt.Postings.Any(p => p.CreditAccount == caller.Account)));
        if (!visible) throw InferenceNotFound();
        return result!;
    }
}
