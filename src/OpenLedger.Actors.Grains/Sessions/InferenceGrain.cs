using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Abstractions.Transparency;
using OpenLedger.Actors.Domain.Curation;
using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Text.Rag;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Governance;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Explorer;
using OpenLedger.Actors.Grains.Staking;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>
/// One inference (key: its <see cref="InferenceId"/>), followed from request to ledger. A charge always has its receipt:
/// <list type="number">
/// <item>a stored result answers a replay of the same request; a different request under the key is a conflict;</item>
/// <item><b>inputs</b>: the first attempt validates the request against the model and records its fixed inputs
/// (<see cref="InferenceInputs"/>: fee, parameter version, top-k) — written before anything else happens;</item>
/// <item><b>reserve</b>: a pending ledger transfer reserves the fee on the payer (<see cref="InferenceId.ReservationId"/>).
/// No funds, no scan: an unfunded payer is refused here, before any attribution work;</item>
/// <item><b>scan</b>: the model's attribution grain predicts and attributes (read-only); the fee is split
/// (<see cref="FeeSplitter"/>) under the recorded parameter version — positive influence at or above the floor only,
/// penalised contributors' parts reduced (<see cref="ContributorRewards"/>) — and the scan and the postings are
/// recorded in one write (<see cref="InferenceOutcome"/>);</item>
/// <item><b>post</b>: the reservation is posted with the recorded postings (<see cref="InferenceId.TransferId"/>);</item>
/// <item><b>receipt</b>: the result is stored with its outbox — the model's totals, the explorer and the transparency log
/// (<see cref="ReceiptDigest"/>) are owed the inference — in one write;</item>
/// <item><b>deliver</b>: pools the split paid through (more recipients than a transfer may hold) pay their members by their
/// own transfers (ids derived from the inference's, so the ledger makes them once), and both are told (each acknowledges once its record is durable, and recognises a repeat exactly by
/// the inference id), then the outbox is cleared in one more write. A reminder is registered <i>before</i> the receipt
/// write and dropped once everything is acknowledged, so a silo crash between the receipt write and the deliveries
/// still delivers (the reminder activates the grain again), whether or not the client retries; a delivery that fails
/// stays owed and the reminder delivers again until all acknowledge; a replay of the request delivers what is still owed too.</item>
/// </list>
/// Each step is idempotent and reads only what earlier steps recorded, so a retry after a failure at any point completes
/// the same transfer with the same postings and answers the same receipt, whatever changed meanwhile. A scan that
/// refuses the query voids the reservation; an attempt that is never retried leaves it to the ledger's timeout. Either
/// way nothing is charged, and a later retry answers <c>inference.expired</c>. The grain is not reentrant, so calls for
/// one key queue.
/// </summary>
public sealed class InferenceGrain(
    [PersistentState("inference", StorageNames.GrainState)] IPersistentState<InferenceState> state,
    ExplorerFeed explorer,
    LedgerRouter ledger,
    IParameterSnapshots parameterSnapshots,
    PenaltySnapshots penaltySnapshots,
    ITextEmbedder embedder,
    IOptions<InferenceOptions> options,
    TimeProvider clock,
    ILogger<InferenceGrain> logger) : Grain, IInferenceGrain, IRemindable
{
    private const string DeliveryReminder = "deliver-owed";
    private bool _reminderKept;
    private IGrainReminder? _registered;

    private InferenceId Id => InferenceId.TryParse(this.GetPrimaryKeyString(), out var id)
        ? id
        : throw OpenLedgerException.Validation("inference.id", "An inference's key is '{session}|{idempotency key}'.");


    public async Task<InferenceResult> ExecuteAsync(InferenceRequest request)
    {
        CheckRequest(request);
        var session = await GrainFactory.GetGrain<IInferenceSessionGrain>(Id.SessionId).GetInfoAsync(); // the payer comes from the session, not the caller
        return await RunAsync(session, request);
    }

    public Task<InferenceResult> ExecuteAsync(SessionInfo session, InferenceRequest request)
    {
        CheckRequest(request);
        if (session is null || session.SessionId != Id.SessionId)
            throw OpenLedgerException.Validation("inference.session_mismatch", "The session passed is not the one this inference belongs to.");
        return RunAsync(session, request);
    }

    private void CheckRequest(InferenceRequest request)
    {
        if (request is null || request.IdempotencyKey != Id.IdempotencyKey)
            throw OpenLedgerException.Validation("inference.key_mismatch", "The request's idempotency key does not match this inference.");
        if (request.Features is null)
            throw OpenLedgerException.Validation("query.features_missing", "The features are required (empty for an external model, which sends a representation).");
    }

    private async Task<InferenceResult> RunAsync(SessionInfo session, InferenceRequest request)
    {
        var id = Id;
        var fingerprint = InferenceFingerprint.Of(session, request);
        if (state.State.RequestFingerprint is { } recorded && recorded != fingerprint)
            throw Conflict(request.IdempotencyKey);
        if (state.State.Result is { } stored)
        {
            OpenLedgerTelemetry.InferenceReplays.Add(1);
            await DeliverOwedAsync();
            return stored;
        }

        using var activity = OpenLedgerTelemetry.ActivitySource.StartActivity("inference.execute");
        activity?.SetTag("openledger.session", session.SessionId);
        activity?.SetTag("openledger.model", session.ModelId);
        var inputs = state.State.Inputs ?? await RecordInputsAsync(session, request, fingerprint);
        await ReserveAsync(id, inputs);
        var outcome = state.State.Outcome ?? await ScanAsync(id, inputs, request);
        // From here the recorded postings are owed to the payer's request: the reminder comes first, so a crash anywhere
        // later (before the post, between the post and the receipt write, or before the deliveries) is finished by it,
        // whether or not the client retries.
        await KeepReminderAsync();
        return await CompleteAsync(id, inputs, outcome);
    }

    /// <summary>Steps 4–6 (post, receipt with its outbox, deliveries) from the recorded inputs and outcome.</summary>
    private async Task<InferenceResult> CompleteAsync(InferenceId id, InferenceInputs inputs, InferenceOutcome outcome)
    {
        string transferId;
        try
        {
            transferId = await PostAsync(id, inputs, outcome);
        }
        catch (OpenLedgerException e) when (e.ErrorCode == "inference.expired")
        {
            await DropReminderAsync(); // voided: nothing was charged, nothing is owed
            throw;
        }

        var attribution = outcome.Attribution;
        var model = inputs.Model;
        var receipt = new AttributionReceipt(model.Id, model.Manifest.DatanetId, model.Manifest.DatanetVersion, attribution.Method,
            attribution.LossLabel, attribution.QueryLoss, inputs.TopK, attribution.Influences, inputs.Fee, outcome.Postings,
            transferId, inputs.Governed.Version) { Text = attribution.Text, Rag = attribution.Rag };
        var result = new InferenceResult(id.ToString(), inputs.Session.SessionId, attribution.PredictedClass, attribution.Probabilities, receipt, clock.GetUtcNow());
        // The receipt and what it owes the totals and the explorer are stored in one write (the outbox); the reminder is
        // already registered, so a crash after the write but before the deliveries leaves a reminder that delivers them.
        state.State.Result = result;
        state.State.TotalsOwed = true;
        state.State.ExplorerOwed = true;
        state.State.SettlementOwed = outcome.Settlements is { Count: > 0 };
        state.State.TransparencyOwed = true;
        await state.WriteOrReloadAsync(this); // on failure the retry (or the reminder) posts again ('exists': nothing more is charged) and stores this receipt
        OpenLedgerTelemetry.Inferences.Add(1);
        OpenLedgerTelemetry.FeesCharged.Add(outcome.Postings.Sum(p => p.Amount));
        foreach (var posting in outcome.Postings) OpenLedgerTelemetry.RewardsPaid.Add(posting.Amount, new KeyValuePair<string, object?>("role", posting.Code["fee.".Length..]));
        await DeliverOwedAsync();
        return result;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeliveryReminder) return;
        _reminderKept = true;
        if (state.State.Result is null)
        {
            // Registered once the postings were recorded, but the receipt write never landed (a crash or a storage failure
            // before, at or after the post): finish as the client's retry would — post (the ledger answers 'exists' if it
            // was), store the receipt, deliver — so a charge has its receipt even when the client never comes back.
            if (state.State is { Inputs: { } inputs, Outcome: { } outcome }) await CompleteAsync(Id, inputs, outcome);
            else await DropReminderAsync(); // nothing recorded to finish (not reached by this version's order)
            return;
        }
        await DeliverOwedAsync();
    }

    /// <summary>
    /// Step 6: delivers what the outbox still owes (both receivers at once), then clears what they acknowledged. Never
    /// throws: the receipt is already the answer; what failed stays owed, with a reminder that tries again.
    /// </summary>
    private async Task DeliverOwedAsync()
    {
        if (state.State.Result is not { } result) return;
        if (state.State.Owes)
        {
            var totals = state.State.TotalsOwed ? DeliverAsync(() => RecordInfluenceAsync(result), "totals") : Task.FromResult(false);
            var explorerTold = state.State.ExplorerOwed ? DeliverAsync(() => explorer.InferenceRecordedAsync(result), "explorer") : Task.FromResult(false);
            var settled = state.State.SettlementOwed ? DeliverAsync(SettlePoolsAsync, "pools") : Task.FromResult(false);
            long? logIndex = null;
            var logged = state.State.TransparencyOwed
                ? DeliverAsync(async () => logIndex = await GrainFactory.GetGrain<ITransparencyLogGrain>(TransparencyLogs.Receipts).AppendAsync(ReceiptDigest.EntryOf(result.InferenceId, result.Receipt), result.CompletedAt), "transparency log")
                : Task.FromResult(false);
            var (totalsDone, explorerDone, settlementDone, loggedDone) = (await totals, await explorerTold, await settled, await logged);
            if (totalsDone || explorerDone || settlementDone || loggedDone)
            {
                try
                {
                    await state.ChangeAndWriteAsync(this, s =>
                    {
                        if (totalsDone) s.TotalsOwed = false;
                        if (explorerDone) s.ExplorerOwed = false;
                        if (settlementDone) s.SettlementOwed = false;
                        if (loggedDone) (s.TransparencyOwed, s.TransparencyIndex) = (false, logIndex ?? s.TransparencyIndex);
                    });
                }
                catch (Exception e)
                {
                    // Still owed as far as storage knows: delivered again later, and the receivers recognise the repeat.
                    logger.LogWarning(e, "Inference {InferenceId}: the acknowledged deliveries were not recorded", result.InferenceId);
                }
            }
        }
        try
        {
            if (state.State.Owes) await KeepReminderAsync();
            else await DropReminderAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Inference {InferenceId}: the delivery reminder could not be updated", result.InferenceId);
        }
    }

    /// <summary>
    /// Each pool pays its members what the recorded split owes them, in transfers of at most the recorded recipient cap;
    /// the ids (<c>inference-settle:{id}:{pool}:{part}</c>) make a repeat a no-op at the ledger.
    /// </summary>
    private async Task SettlePoolsAsync()
    {
        var inputs = state.State.Inputs!;
        var settlements = state.State.Outcome?.Settlements ?? [];
        var cap = inputs.Governed.Parameters.RecipientCap();
        var pools = settlements.GroupBy(s => s.DebitAccount, StringComparer.Ordinal).ToList();
        for (var pool = 0; pool < pools.Count; pool++)
        {
            var chunks = pools[pool].Chunk(cap).ToList();
            for (var part = 0; part < chunks.Count; part++)
            {
                var transferId = $"inference-settle:{Id}:{pool}:{part}";
                var code = await ledger.PostAsync(new TransferRequest(transferId, chunks[part], Id.ToString()));
                if (code is not (TransferResultCode.Ok or TransferResultCode.Exists))
                    throw new InvalidOperationException($"The ledger refused settlement {transferId}: {code}.");
            }
        }
    }

    private async Task<bool> DeliverAsync(Func<Task> delivery, string receiver)
    {
        try
        {
            await delivery();
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Inference {InferenceId} was not delivered to the {Receiver}; delivered again later", this.GetPrimaryKeyString(), receiver);
            return false;
        }
    }

    private async Task KeepReminderAsync()
    {
        if (_reminderKept) return;
        var every = options.Value.DeliveryRetryInterval;
        _registered = await this.RegisterOrUpdateReminder(DeliveryReminder, every, every);
        _reminderKept = true;
    }

    private async Task DropReminderAsync()
    {
        if (!_reminderKept) return;
        // The handle registration returned saves reading the reminder back; it is used once (if unregistering fails,
        // the next attempt reads the reminder afresh). After a reactivation (the reminder fired) it is read.
        var reminder = _registered ?? await this.GetReminder(DeliveryReminder);
        _registered = null;
        if (reminder is not null) await this.UnregisterReminder(reminder);
        _reminderKept = false;
    }

    public Task<InferenceResult?> GetResultAsync() => Task.FromResult(state.State.Result);

    public Task<long?> GetTransparencyIndexAsync() => Task.FromResult(state.State.TransparencyIndex);

    /// <summary>Step 1: checks the request against the model (so the scan cannot refuse it later) and fixes the inputs.</summary>
    private async Task<InferenceInputs> RecordInputsAsync(SessionInfo session, InferenceRequest request, string fingerprint)
    {
        var model = await GrainFactory.GetGrain<IModelGrain>(session.ModelId).GetInfoAsync();
        ValidateQuery(model, request);
        if (model.Kind == ModelKinds.Rag && request.RowIds is { } rows)
            await GrainFactory.GetGrain<IRagAttributionGrain>(model.Id).CheckRowsAsync(rows); // rows of the version, before the fee is reserved
        var governed = await parameterSnapshots.CurrentAsync();
        var inputs = new InferenceInputs(session, model, governed, Math.Min(session.TopK, governed.Parameters.TopK), options.Value.ReservationTimeout);
        state.State.RequestFingerprint = fingerprint;
        state.State.Inputs = inputs;
        await state.WriteOrReloadAsync(this);
        return inputs;
    }

    /// <summary>Step 2: reserves the fee on the payer, or finds the reservation an earlier attempt made still open.</summary>
    private async Task ReserveAsync(InferenceId id, InferenceInputs inputs)
    {
        if (inputs.Fee == 0) return; // nothing to charge, nothing to reserve
        var payer = inputs.Session.PayerAccount;
        var code = await ledger.CreatePendingAsync(new PendingTransferRequest(id.ReservationId,
            [new TransferPosting(payer, InferenceId.ReservationAccount, inputs.Fee, "fee.reserved")], inputs.ReservationTimeout, id.ToString()));
        switch (code)
        {
            case TransferResultCode.Ok:
                return;
            case TransferResultCode.Exists:
                // Made by an earlier attempt: it may have ended since (voided, expired) — or been posted, when only the receipt is missing.
                var pending = await ledger.GetPendingAsync(payer, id.ReservationId);
                if (pending?.Status is PendingTransferStatus.Pending or PendingTransferStatus.Posted) return;
                throw Expired(id);
            case TransferResultCode.InsufficientFunds:
                throw OpenLedgerException.InsufficientFunds("payer.insufficient_funds",
                    $"Payer '{payer}' cannot cover the fee of {inputs.Fee} micro-units.");
            case TransferResultCode.AccountNotFound:
                throw OpenLedgerException.NotFound("payer.not_found",
                    $"Payer '{payer}' has no ledger account yet: deposit into it before running inferences.");
            default:
                throw new InvalidOperationException($"The ledger refused inference {id}'s fee reservation: {code}.");
        }
    }

    /// <summary>Step 3: attributes, splits the fee under the recorded parameters and records both in one write.</summary>
    private async Task<InferenceOutcome> ScanAsync(InferenceId id, InferenceInputs inputs, InferenceRequest request)
    {
        AttributionResult attribution;
        try
        {
            attribution = await AttributeAsync(id, inputs.Model, request, inputs.TopK);
        }
        catch (OpenLedgerException refused) when (refused.Kind == ErrorKind.Validation)
        {
            // The model refused the query: this inference cannot complete, so its reservation is released now.
            await VoidAsync(id, inputs);
            throw;
        }
        var (postings, settlements) = await SplitFeeAsync(id, inputs.Model, inputs.Session.PayerAccount, attribution, inputs.Governed.Parameters);
        var outcome = new InferenceOutcome(attribution, postings, settlements);
        state.State.Outcome = outcome;
        await state.WriteOrReloadAsync(this);
        return outcome;
    }

    /// <summary>Step 4: posts the reservation with the recorded postings; the answer is the transfer id ("" when none).</summary>
    private async Task<string> PostAsync(InferenceId id, InferenceInputs inputs, InferenceOutcome outcome)
    {
        if (outcome.Postings.Count == 0)
        {
            await VoidAsync(id, inputs); // the payer would only pay itself: release the reservation
            return "";
        }
        var code = await ledger.PostPendingAsync(inputs.Session.PayerAccount, new PostPendingRequest(id.TransferId, id.ReservationId, outcome.Postings, id.ToString()));
        return code switch
        {
            TransferResultCode.Ok or TransferResultCode.Exists => id.TransferId,
            TransferResultCode.PendingExpired or TransferResultCode.PendingAlreadyVoided => throw Expired(id),
            _ => throw new InvalidOperationException($"The ledger refused inference {id}'s transfer: {code}."),
        };
    }

    private async Task VoidAsync(InferenceId id, InferenceInputs inputs)
    {
        if (inputs.Fee == 0) return;
        var code = await ledger.VoidPendingAsync(inputs.Session.PayerAccount, new VoidPendingRequest(id.VoidId, id.ReservationId));
        if (code is not (TransferResultCode.Ok or TransferResultCode.Exists or TransferResultCode.PendingExpired or TransferResultCode.PendingAlreadyVoided))
            throw new InvalidOperationException($"The ledger refused to void inference {id}'s reservation: {code}.");
    }

    /// <summary>The checks the attribution grain would make, made before the fee is reserved.</summary>
    private static void ValidateQuery(ModelInfo model, InferenceRequest request)
    {
        if (model.Kind == ModelKinds.LanguageModel)
        {
            TextInference.Validate(model, request);
            return;
        }
        if (model.Kind == ModelKinds.Rag)
        {
            TextInference.ValidateRag(model, request);
            return;
        }
        if (model.Kind == ModelKinds.TextClassifier)
        {
            TextInference.ValidateClassifier(model, request);
            return;
        }
        if (request.Text is not null || request.Prompt is not null || TextInference.SendsRagFields(request))
            throw OpenLedgerException.Validation("inference.text_unexpected", $"Model '{model.Id}' is not a language model: send features, not text.");
        var schema = new FeatureSchema(model.Dimension, model.ClassCount);
        if (model.Kind != ModelKinds.ExternalEmbedding)
        {
            if (request.Representation is not null)
                throw OpenLedgerException.Validation("inference.representation_unexpected", $"Model '{model.Id}' is built-in: send features, not a representation.");
            Guard.Valid(ContributionValidator.ValidateQuery(model.Dimension, request.Features));
            if (request.Label is { } label) Guard.Valid(ContributionValidator.ValidateLabel(schema, label));
            return;
        }
        if (request.Representation is null)
            throw OpenLedgerException.Validation("inference.representation_required", $"Model '{model.Id}' is external: send the query representation.");
        if (request.Label is not { } answered)
            throw OpenLedgerException.Validation("inference.label_required", $"Model '{model.Id}' is external: send the class the model answered as the label.");
        if (model.EmbeddingSize > 0 && request.Representation.Length != model.EmbeddingSize)
            throw OpenLedgerException.Validation("query.representation_size", $"The query representation must hold {model.EmbeddingSize} values.");
        Guard.Valid(ContributionValidator.ValidateLabel(schema, answered));
    }

    /// <summary>
    /// Built-in models are attributed from the features, text classifiers from the embedding of the text (computed here, on
    /// the thread pool, with the embedder the model's matrix was made with), external ones from the representation they supply.
    /// </summary>
    private async Task<AttributionResult> AttributeAsync(InferenceId id, ModelInfo model, InferenceRequest request, int topK)
    {
        if (model.Kind == ModelKinds.LanguageModel)
            return await GrainFactory.GetGrain<ITextAttributionGrain>(model.Id).AttributeTextAsync(request.Text!, request.Prompt);
        if (model.Kind == ModelKinds.Rag)
            return await GrainFactory.GetGrain<IRagAttributionGrain>(model.Id).AttributeAnswerAsync(
                new RagQuery(id.ToString(), request.Question!, request.Text!, request.RowIds, request.Retrieve ?? RagInferenceRules.DefaultRetrieve));
        var attribution = GrainFactory.GetGrain<IAttributionGrain>(model.Id);
        if (model.Kind == ModelKinds.TextClassifier)
        {
            var text = TextInferenceRules.Check(request.Text, null).Output!;
            var features = await Task.Run(() => TextEmbeddingFeatures.OfQuery(embedder, text));
            return await attribution.AttributeAsync(features, request.Label, topK);
        }
        return model.Kind == ModelKinds.ExternalEmbedding
            ? await attribution.AttributeRepresentationAsync(request.Representation!, request.Label!.Value, topK)
            : await attribution.AttributeAsync(request.Features, request.Label, topK);
    }

    /// <summary>
    /// The fee's split as postings from the payer, at most the governed recipient cap of them: parts beyond it go to the
    /// Datanet's curator pool and the receipt's contributor pool (<see cref="RecipientCap"/>), whose payments to their
    /// members are returned as the settlements (each from its pool).
    /// </summary>
    private async Task<(IReadOnlyList<TransferPosting> Postings, IReadOnlyList<TransferPosting> Settlements)> SplitFeeAsync(
        InferenceId id, ModelInfo model, string payer, AttributionResult attribution, GovernanceParameters governed)
    {
        var influences = attribution.Influences;
        IReadOnlyDictionary<string, double> payable;
        IReadOnlyList<FeeAllocation> parts;
        if ((attribution.Text?.UnattributedWeight ?? attribution.Rag?.UnattributedUnits) is { } unattributed)
        {
            // a language model (span weights) or a RAG model (context units): the unattributed part explicit (TextFeeSplit)
            var weights = TextFeeSplit.ContributorWeights(influences.Select(e => (e.Contributor, (long)e.Score)));
            payable = weights.ToDictionary(w => w.Key, w => (double)w.Value, StringComparer.Ordinal);
            parts = TextFeeSplit.Split(model.FeePerInference, governed.FeeShares(), AccountId.Protocol, model.Owner, model.Curators, weights, unattributed);
        }
        else
        {
            payable = ContributorRewards.PayableInfluence(influences.Select(e => (e.Contributor, e.Score)), governed.InfluenceFloor);
            parts = FeeSplitter.Split(model.FeePerInference, governed.FeeShares(), AccountId.Protocol, model.Owner, model.Curators, payable);
        }
        if (payable.Count > 0)
        {
            var reduced = await RewardRates.ReducedAsync(penaltySnapshots, payable.Keys, governed);
            if (reduced.Count > 0) parts = ContributorRewards.ApplyRewardRates(parts, reduced, AccountId.Protocol);
        }
        var paid = parts.Where(p => p.Account != payer).ToList(); // paying yourself moves nothing; the payer keeps that part
        var capped = RecipientCap.Apply(paid, governed.RecipientCap(),
            RecipientCap.CuratorPoolAccount(model.Manifest.DatanetId), RecipientCap.ContributorPoolAccount(id.ToString()));
        return (capped.Direct.Select(p => new TransferPosting(payer, p.Account, p.Amount, RoleName(p.Role))).ToList(),
            capped.Pooled.Select(s => new TransferPosting(s.Pool, s.Account, s.Amount, RoleName(s.Role))).ToList());
    }

    private static string RoleName(FeeRecipientRole role) => role switch
    {
        FeeRecipientRole.Protocol => "fee.protocol",
        FeeRecipientRole.ModelOwner => "fee.model_owner",
        FeeRecipientRole.Curator => "fee.curator",
        FeeRecipientRole.Contributor => "fee.contributor",
        FeeRecipientRole.UnattributedContributorShare => "fee.unattributed",
        FeeRecipientRole.WithheldContributorReward => "fee.withheld",
        FeeRecipientRole.CuratorPool => "fee.curator_pool",
        FeeRecipientRole.ContributorPool => "fee.contributor_pool",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    private Task RecordInfluenceAsync(InferenceResult result) =>
        GrainFactory.GetGrain<IAttributionGrain>(result.Receipt.ModelId).RecordAsync(result.InferenceId, result.Receipt.Influences);

    private static OpenLedgerException Conflict(string key) =>
        OpenLedgerException.Conflict("inference.key_conflict", $"Idempotency key '{key}' was already used for a different request in this session.");

    private static OpenLedgerException Expired(InferenceId id) =>
        OpenLedgerException.Conflict("inference.expired",
            $"Inference '{id}' did not complete before its fee reservation ended (expired or released); nothing was charged. Send it again under a new idempotency key.");
}
