using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Curation;
using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Governance;
using OpenLedger.Actors.Grains.Explorer;
using OpenLedger.Actors.Grains.Staking;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>
/// One inference (key <c>{session}|{idempotency key}</c>), followed from request to ledger:
/// <list type="number">
/// <item>a stored result answers a replay of the same request; a different request under the key is a conflict;</item>
/// <item>the model's attribution grain predicts and attributes (read-only);</item>
/// <item>the fee is split (<see cref="FeeSplitter"/>) under the governed parameters in force — positive influence at or
/// above the floor only, penalised contributors' parts reduced (<see cref="ContributorRewards"/>) — and posted to the ledger as one transfer whose id is
/// derived from the key, and the call waits until the ledger batch holding it is durable;</item>
/// <item>the result is stored, then the influences are added to the attribution totals.</item>
/// </list>
/// A crash between 3 and 4 is safe: the retry recomputes the same (deterministic) transfer and the ledger
/// answers <c>exists</c>, so nothing is charged twice (unless a new parameter version or penalty took effect in
/// between: then the retry is a conflict, still charged once). The grain is not reentrant, so calls for one key queue.
/// </summary>
public sealed class InferenceGrain(
    [PersistentState("inference", StorageNames.GrainState)] IPersistentState<InferenceState> state,
    ExplorerFeed explorer,
    IParameterSnapshots parameterSnapshots,
    TimeProvider clock) : Grain, IInferenceGrain
{
    public async Task<InferenceResult> ExecuteAsync(InferenceRequest request)
    {
        var (sessionId, key) = InferenceSessionGrain.ParseInferenceKey(this.GetPrimaryKeyString());
        if (request is null || request.IdempotencyKey != key)
            throw OpenLedgerException.Validation("inference.key_mismatch", "The request's idempotency key does not match this inference.");
        if (request.Features is null)
            throw OpenLedgerException.Validation("query.features_missing", "The features are required (empty for an external model, which sends a representation).");
        var session = await GrainFactory.GetGrain<IInferenceSessionGrain>(sessionId).GetInfoAsync(); // the payer comes from the session, not the caller
        var fingerprint = InferenceFingerprint.Of(session, request);
        if (state.State.Result is { } stored)
        {
            if (state.State.RequestFingerprint != fingerprint)
                throw Conflict(request.IdempotencyKey);
            OpenLedgerTelemetry.InferenceReplays.Add(1);
            await RecordInfluenceAsync(stored);
            return stored;
        }

        using var activity = OpenLedgerTelemetry.ActivitySource.StartActivity("inference.execute");
        activity?.SetTag("openledger.session", session.SessionId);
        activity?.SetTag("openledger.model", session.ModelId);
        var model = await GrainFactory.GetGrain<IModelGrain>(session.ModelId).GetInfoAsync();
        var governed = await parameterSnapshots.CurrentAsync();
        var topK = Math.Min(session.TopK, governed.Parameters.TopK);
        var attribution = await AttributeAsync(model, request, topK);

        var inferenceId = this.GetPrimaryKeyString();
        var transferId = $"inference:{inferenceId}";
        var postings = await SplitFeeAsync(model, session.PayerAccount, attribution.Influences, governed.Parameters);
        if (postings.Count > 0)
        {
            var code = await GrainFactory.GetGrain<ILedgerGrain>(LedgerIds.Main).PostAsync(
                new TransferRequest(transferId, postings, inferenceId));
            switch (code)
            {
                case TransferResultCode.Ok or TransferResultCode.Exists:
                    break;
                case TransferResultCode.InsufficientFunds:
                    throw OpenLedgerException.InsufficientFunds("payer.insufficient_funds",
                        $"Payer '{session.PayerAccount}' cannot cover the fee of {model.FeePerInference} micro-units.");
                case TransferResultCode.AccountNotFound:
                    throw OpenLedgerException.NotFound("payer.not_found",
                        $"Payer '{session.PayerAccount}' has no ledger account yet: deposit into it before running inferences.");
                case TransferResultCode.ExistsWithDifferentPostings:
                    throw Conflict(request.IdempotencyKey);
                default:
                    throw new InvalidOperationException($"The ledger refused inference {inferenceId}'s transfer: {code}.");
            }
        }

        var receipt = new AttributionReceipt(model.Id, model.Manifest.DatanetId, model.Manifest.DatanetVersion, attribution.Method,
            attribution.LossLabel, attribution.QueryLoss, topK, attribution.Influences, model.FeePerInference, postings,
            postings.Count > 0 ? transferId : "", governed.Version);
        var result = new InferenceResult(inferenceId, session.SessionId, attribution.PredictedClass, attribution.Probabilities, receipt, clock.GetUtcNow());
        // The explorer hears of the inference once its transfer is durable and before its result is stored: a failed
        // store is retried by the caller and the catalog recognises the repeat, while a replay of a stored result
        // (already told) tells it nothing.
        await explorer.InferenceRecordedAsync(result);
        state.State.RequestFingerprint = fingerprint;
        state.State.Result = result;
        await state.WriteOrReloadAsync(this); // on failure the ledger transfer stays applied; the retry finds it ('exists') and charges nothing more
        OpenLedgerTelemetry.Inferences.Add(1);
        OpenLedgerTelemetry.FeesCharged.Add(postings.Sum(p => p.Amount));
        foreach (var posting in postings) OpenLedgerTelemetry.RewardsPaid.Add(posting.Amount, new KeyValuePair<string, object?>("role", posting.Code["fee.".Length..]));
        await RecordInfluenceAsync(result);
        return result;
    }

    /// <summary>Built-in models are attributed from the features, external ones from the representation they supply.</summary>
    private Task<AttributionResult> AttributeAsync(ModelInfo model, InferenceRequest request, int topK)
    {
        var attribution = GrainFactory.GetGrain<IAttributionGrain>(model.Id);
        if (model.Kind != ModelKinds.ExternalEmbedding)
        {
            if (request.Representation is not null)
                throw OpenLedgerException.Validation("inference.representation_unexpected", $"Model '{model.Id}' is built-in: send features, not a representation.");
            return attribution.AttributeAsync(request.Features, request.Label, topK);
        }
        if (request.Representation is null)
            throw OpenLedgerException.Validation("inference.representation_required", $"Model '{model.Id}' is external: send the query representation.");
        if (request.Label is not { } answered)
            throw OpenLedgerException.Validation("inference.label_required", $"Model '{model.Id}' is external: send the class the model answered as the label.");
        return attribution.AttributeRepresentationAsync(request.Representation, answered, topK);
    }

    public Task<InferenceResult?> GetResultAsync() => Task.FromResult(state.State.Result);

    private async Task<IReadOnlyList<TransferPosting>> SplitFeeAsync(ModelInfo model, string payer, IReadOnlyList<InfluenceEntry> influences, GovernanceParameters governed)
    {
        var payable = ContributorRewards.PayableInfluence(influences.Select(e => (e.Contributor, e.Score)), governed.InfluenceFloor);
        var parts = FeeSplitter.Split(model.FeePerInference, governed.FeeShares(), AccountId.Protocol, model.Owner, model.Curators, payable);
        if (payable.Count > 0)
        {
            var reduced = await RewardRates.ReducedAsync(GrainFactory, payable.Keys, governed);
            if (reduced.Count > 0) parts = ContributorRewards.ApplyRewardRates(parts, reduced, AccountId.Protocol);
        }
        return parts
            .Where(p => p.Account != payer) // paying yourself moves nothing; the payer keeps that part
            .Select(p => new TransferPosting(payer, p.Account, p.Amount, RoleName(p.Role)))
            .ToList();
    }

    private static string RoleName(FeeRecipientRole role) => role switch
    {
        FeeRecipientRole.Protocol => "fee.protocol",
        FeeRecipientRole.ModelOwner => "fee.model_owner",
        FeeRecipientRole.Curator => "fee.curator",
        FeeRecipientRole.Contributor => "fee.contributor",
        FeeRecipientRole.UnattributedContributorShare => "fee.unattributed",
        FeeRecipientRole.WithheldContributorReward => "fee.withheld",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    private Task RecordInfluenceAsync(InferenceResult result) =>
        GrainFactory.GetGrain<IAttributionGrain>(result.Receipt.ModelId).RecordAsync(result.InferenceId, result.Receipt.Influences);

    private static OpenLedgerException Conflict(string key) =>
        OpenLedgerException.Conflict("inference.key_conflict", $"Idempotency key '{key}' was already used for a different request in this session.");
}
