using Microsoft.AspNetCore.Http;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Http.Problems;

/// <summary>One stable error code: the HTTP status it usually answers with and what it means for the caller.</summary>
public sealed record ProblemCode(string Code, int Status, string Meaning);

/// <summary>
/// Every error code the API answers with, in one place: the grain API's codes (they pass through unchanged) and the
/// edge's own. The problem <c>type</c> URI of a response is <c>/problems/{code}</c> on the silo, whose page is rendered
/// from this catalogue, as is <c>/problems</c> (the whole list). A test scans the source for code literals and fails
/// when one is missing here: a new code gets its meaning written down where users will read it. Codes composed at run
/// time (<c>quota.{kind}</c>, <c>ledger.{result}</c>, <c>row.</c>/<c>query.</c> feature checks) are listed by hand or derived.
/// </summary>
public static class ProblemCatalogue
{
    private const int B = StatusCodes.Status400BadRequest, U = StatusCodes.Status401Unauthorized, P = StatusCodes.Status402PaymentRequired,
        F = StatusCodes.Status403Forbidden, N = StatusCodes.Status404NotFound, C = StatusCodes.Status409Conflict, L = StatusCodes.Status413PayloadTooLarge,
        Q = StatusCodes.Status429TooManyRequests, S = StatusCodes.Status503ServiceUnavailable;

    private static readonly ProblemCode[] Listed =
    [
        // Requests, routes and the service
        new("request.invalid", B, "The request could not be bound: a route or query value has the wrong form."),
        new("request.malformed_json", B, "The body is not well-formed JSON (the detail gives the line and position)."),
        new("request.invalid_fields", B, "The body is JSON but some fields are missing, null, unknown or of the wrong type; `errors` names each field and what is wrong."),
        new("request.missing", B, "The request object itself is missing."),
        new("request.null_item", B, "A list in the body holds a null element; the detail names the field and index."),
        new("request.refused", B, "The request was refused (a status without a more specific code)."),
        new("request.timeout", StatusCodes.Status408RequestTimeout, "The body arrived too slowly."),
        new("request.length_required", StatusCodes.Status411LengthRequired, "The request needs a Content-Length."),
        new("request.too_large", L, "The body is larger than the server accepts (OpenLedger:Api:MaxRequestBodyBytes)."),
        new("request.unsupported_media_type", StatusCodes.Status415UnsupportedMediaType, "The body must be sent as application/json."),
        new("route.not_found", N, "No endpoint answers this path."),
        new("route.method_not_allowed", StatusCodes.Status405MethodNotAllowed, "The path exists but not with this HTTP method."),
        new("rate.limited", Q, "The API key (or client address) used its requests for the current window; wait for Retry-After seconds."),
        new("service.unavailable", S, "The service cannot answer now; retry after Retry-After seconds."),
        new("server.error", StatusCodes.Status500InternalServerError, "An unexpected error; the traceId identifies it in the silo's logs."),
        new("call.internal_interface", F, "A grain interface meant for grain-to-grain calls was called from outside the cluster."),
        new("page.cursor_invalid", B, "The cursor is not one this API returned; start again without a cursor."),
        new("page.invalid", B, "The page number or page size is out of range."),
        new("page.limit", B, "The page limit is out of range."),
        new("search.query", B, "An explorer search is 1 to 100 characters of a Datanet or model id."),
        new("leaderboard.role", B, "A leaderboard role is a fee posting code such as fee.contributor."),
        new("export.limit", B, "Ask for between 1 and 1000 entries."),
        new("export.partition", B, "Ask for the claimables of a partition the ledger has: 0 to the summary's partitions − 1."),
        new("statement.after_line", B, "A statement position cannot be negative."),
        new("statement.limit", B, "A statement page holds between 1 and the maximum number of lines."),
        new("accounts.count", B, "Ask for between 0 and 1000 accounts."),

        // Authentication and authorisation
        new("auth.key_missing", U, "The operation needs an API key in the X-Api-Key header."),
        new("auth.key_malformed", U, "The API key is not in the form olk_{keyId}_{secret}."),
        new("auth.key_invalid", U, "The API key is unknown, revoked or wrong."),
        new("auth.too_many_failures", Q, "Too many failed authentications from this address; wait for Retry-After seconds."),
        new("auth.role_required", F, "The API key lacks the role the operation needs; `requiredRoles` and `keyRoles` say which."),
        new("auth.forbidden", F, "The API key may not do this."),
        new("auth.not_account_owner", F, "A key acts only for its own account; this request names another account."),
        new("api_key.roles", B, "Give one or more roles of: operator, platform, contributor, curator, model-owner."),
        new("api_key.not_found", N, "No API key with this id was issued."),
        new("api_key.exists", C, "The API key id is taken."),

        // Idempotency
        new("idempotency.key_missing", B, "The operation needs an Idempotency-Key header (an inference's key is its identity)."),
        new("idempotency.key_invalid", B, "The Idempotency-Key header is not a valid key (letters, digits and ': . _ -', bounded length)."),
        new("idempotency.key_reused", StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used before with a different request; use a new key."),
        new("idempotency.in_flight", C, "A request with this Idempotency-Key is still being processed; retry after Retry-After seconds."),

        // Ids, accounts, addresses, text
        new("id.missing", B, "An id is required."),
        new("id.invalid", B, "An id may hold only ASCII letters, digits and ': . _ -'."),
        new("id.too_long", B, "The id is longer than allowed."),
        new("account.missing", B, "An account id is required."),
        new("account.invalid", B, "An account id may hold only ASCII letters, digits and ': . _ -'."),
        new("account.too_long", B, "The account id is longer than allowed."),
        new("account.reserved", B, "The account id is reserved for the system (protocol:, external:, escrow accounts)."),
        new("account.not_found", N, "The account does not exist or is not visible to this API key."),
        new("account.kind", B, "Register an account as Contributor, ModelOwner, Curator or Payer."),
        new("account.credit_limit", B, "A credit limit cannot be negative."),
        new("account.credit_limit_forbidden", F, "Only an operator may grant a credit limit."),
        new("account.registration_missing", B, "An account registration is required."),
        new("address.missing", B, "An Ethereum address is required."),
        new("address.invalid", B, "An address is 0x followed by 40 hexadecimal digits."),
        new("address.checksum", B, "The address has mixed case but not a valid EIP-55 checksum."),
        new("text.missing", B, "A text field is required."),
        new("text.empty", B, "The text is empty or only whitespace."),
        new("text.too_long", B, "The text is longer than allowed."),
        new("text.too_large", L, "The text is larger than allowed after normalisation."),
        new("text.documents_missing", B, "A document submission holds at least one document."),
        new("text.duplicate", C, "A document has the same content (after normalisation) as a row already in the Datanet; the detail names the row."),
        new("text.near_duplicate", C, "A document nearly repeats a row already in the Datanet (MinHash similarity at or above the threshold); the detail names the row and the similarity."),
        new("text.labels_unexpected", B, "Labels were sent to a text Datanet without classes (class count 0): send documents without labels."),
        new("text.labels_count", B, "A labelled document submission sends one label per document."),
        new("datanet.modality_mismatch", B, "Rows were sent to a text Datanet, or documents to a tabular one: send what the Datanet holds."),
        new("metadata.text_schema", B, "A text Datanet has no features: dimension 0, class count 0 (no labels) or 2 or more (labelled documents)."),
        new("model.datanet_not_text", B, "A language model is registered on a text Datanet's version; this one holds rows."),
        new("model.datanet_unlabelled", B, "A text classifier trains on a text Datanet with classes (class count 2 or more); this one has none."),
        new("training.labels_missing", B, "A text classifier trains on a version whose documents all carry labels; the detail counts those without."),
        new("inference.prompt_unexpected", B, "A text classifier's inference sends the text to classify (and optionally its label), a RAG model's the question and answer: no prompt."),
        new("model.empty_corpus", B, "The text Datanet version holds no documents to index."),
        new("model.not_language_model", B, "The model is attributed from features, not from generated text."),
        new("index.internal_error", StatusCodes.Status500InternalServerError, "The span index job did not complete after its retries; the silo logs say why."),
        new("inference.features_unexpected", B, "A language model's inference sends the generated text (and prompt), a text classifier's the text to classify, a RAG model's the question and answer: not features."),
        // RAG models (issue 16, part 3)
        new("model.kind_invalid", B, "A model registered on a text Datanet version is a 'language-model' or a 'rag' model."),
        new("model.retrieval_invalid", B, "A RAG model retrieves by 'bm25' (the default) or 'hybrid'."),
        new("model.retrieval_unexpected", B, "Only a RAG model retrieves: a language model's registration names no retrieval."),
        new("model.not_rag", B, "The model is not a RAG model: its inferences are not attributed by context attribution."),
        new("inference.question_missing", B, "A RAG model's inference sends the question the answer replies to."),
        new("inference.question_too_large", B, "The question is larger than 2 KiB of UTF-8."),
        new("inference.question_unexpected", B, "The model is not a RAG model: send no question, rows or retrieve count."),
        new("inference.answer_too_long", B, "A RAG answer is attributed up to 1,024 GPT-2 tokens; this one is longer."),
        new("inference.rows_empty", B, "The list of retrieved rows is empty; leave it out to have the model retrieve."),
        new("inference.rows_too_many", B, "At most 16 retrieved rows are attributed per RAG answer."),
        new("inference.rows_duplicate", B, "The retrieved rows list a row more than once."),
        new("inference.row_not_found", B, "A retrieved row is not a document of the RAG model's Datanet version."),
        new("inference.retrieve_invalid", B, "A RAG model retrieves between 1 and 16 documents."),
        new("inference.retrieve_unexpected", B, "Send either the rows the answer was generated from or how many documents to retrieve, not both."),
        new("inference.nothing_retrieved", B, "No document of the version shares a word with the question; send the rows the answer was generated from. Nothing was charged."),
        new("inference.text_unexpected", B, "The model reads features, not text (it is neither a language model nor a text classifier)."),
        new("inference.prompt_too_large", L, "The prompt is larger than the generated-text limit (8 KiB of UTF-8)."),
        new("credit.missing", B, "An owed cross-partition credit is required (internal ledger call)."),
        new("credit.not_partitioned", B, "This ledger has one partition: no credit is owed to it (internal ledger call)."),
        new("credit.from_partition", B, "The sending partition cannot owe this one anything (internal ledger call)."),
        new("credit.batch_size", B, "A delivery of owed credits holds between 1 and the most one call may carry (internal ledger call)."),
        new("credit.no_postings", B, "An owed credit holds postings (internal ledger call)."),
        new("credit.wrong_partition", B, "An owed credit names an account another partition holds (internal ledger call)."),
        new("transfer.debits_span_partitions", B, "All of a transfer's debited accounts must be held by one ledger partition."),
        new("text.binary", B, "The text holds a NUL character: binary data is not text."),
        new("text.control_characters", B, "The text must not contain control characters."),
        new("text.bidi_control", B, "The text must not contain bidirectional control characters."),
        new("text.invisible_characters", B, "The text must not contain invisible characters."),
        new("text.invalid_unicode", B, "The text holds an unpaired surrogate."),
        new("text.invalid_utf16", B, "The text holds an unpaired surrogate."),
        new("text.invalid_utf8", B, "The text is not valid UTF-8."),
        new("text.normalization_unavailable", S, "The text needs Unicode normalisation and the server has no ICU library."),

        // Datanets and curation
        new("datanet.not_found", N, "The Datanet does not exist."),
        new("datanet.exists", C, "A Datanet with this id exists with a different owner or metadata; choose another id."),
        new("datanet.not_curator", F, "The caller's account does not curate this Datanet."),
        new("datanet.not_owner", F, "Only the Datanet's owner may do this."),
        new("datanet.full", C, "The Datanet holds as many rows as it may."),
        new("datanet.too_many_curators", C, "The Datanet has as many curators and invitations as it may."),
        new("datanet.too_many_invitations", C, "The Datanet has as many open curator invitations as it may."),
        new("datanet.too_many_versions", C, "The Datanet has published as many versions as it may."),
        new("metadata.missing", B, "Datanet metadata is required."),
        new("metadata.tags", B, "Too many tags."),
        new("schema.dimension", B, "The feature dimension is out of range."),
        new("schema.class_count", B, "The class count is out of range (at least 2)."),
        new("contribution.missing", B, "The contributed rows are required."),
        new("contribution.not_found", N, "The Datanet holds no such submission."),
        new("contribution.range", B, "A contribution starts at row 1 or later and holds at least one row."),
        new("submission.empty", B, "A submission needs at least one row."),
        new("submission.too_large", L, "A submission holds too many rows; split it."),
        new("submission.key_conflict", C, "The submission id was used before with different content; use a new id."),
        new("row.label", B, "A row's label is outside [0, class count)."),
        new("row.dimension", B, "A row's feature count differs from the Datanet's dimension."),
        new("row.not_finite", B, "A row holds a NaN or infinite feature."),
        new("row.features_missing", B, "A row has no features."),
        new("row.out_of_range", B, "A row's feature exceeds the largest magnitude accepted."),
        new("query.dimension", B, "The query's feature count differs from the model's dimension."),
        new("query.not_finite", B, "A query feature is NaN or infinite."),
        new("query.out_of_range", B, "A query feature exceeds the largest magnitude accepted."),
        new("row.not_found", N, "The Datanet has no such row."),
        new("quota.rows", Q, "The submission would exceed today's row quota for this contributor."),
        new("quota.bytes", Q, "The submission would exceed today's byte quota for this contributor."),
        new("quota.contributors", Q, "The Datanet has as many contributors today as it may take."),
        new("quota.datanets", Q, "This API key created as many Datanets as it may in the current window (OpenLedger:Api:CreationQuotas)."),
        new("quota.models", Q, "This API key created as many models as it may in the current window (OpenLedger:Api:CreationQuotas)."),
        new("quota.sessions", Q, "This API key opened as many sessions as it may in the current window (OpenLedger:Api:CreationQuotas)."),
        new("quota.api_keys", Q, "This API key issued as many API keys as it may in the current window (OpenLedger:Api:CreationQuotas)."),
        new("curation.backlog", Q, "Too many rows wait for review; curators must review before more are taken."),
        new("review.empty", B, "Name at least one row to review."),
        new("review.reason_on_approval", B, "A reason goes with a rejection only: approve without one."),
        new("review.too_large", L, "Review fewer rows per call."),
        new("review.counts", B, "Reviewed row counts cannot be negative."),
        new("review.too_many_contributors", B, "One review call touches too many contributors; split it."),
        new("review.too_many_submissions", B, "One review call touches too many submissions; split it."),
        new("curator.not_invited", F, "The account was not invited to curate this Datanet."),
        new("curator.not_accepted", F, "The account was invited but has not accepted the curator invitation."),
        new("version.empty", C, "There are no approved rows to publish."),
        new("version.not_found", N, "The Datanet has no such version (or none is published yet: publish one first)."),
        new("stake.required", F, "The operation needs the account to hold at least the governed minimum stake."),

        // Models and training
        new("model.not_found", N, "The model does not exist (it has no training job)."),
        new("model.exists", C, "The model id is taken by a different request; use a new model id."),
        new("model.not_ready", S, "The model has not finished training; poll its training job and retry after Retry-After seconds."),
        new("model.training_failed", C, "The model's training failed; train under a new model id."),
        new("model.not_converged", C, "Training did not converge."),
        new("model.fee", B, "The fee per inference is out of range."),
        new("model.lambda", B, "λ must be a finite number in (0, 10⁶]."),
        new("model.version", B, "The Datanet version must be 1 or more."),
        new("model.one_class", B, "The version's rows hold a single class; at least two are needed to train."),
        new("model.rows_missing", B, "The training manifest must name at least one row."),
        new("model.row_repeated", B, "A row id appears more than once in the training manifest."),
        new("model.row_not_in_version", B, "A manifest row is not in the named Datanet version."),
        new("model.embedding_size", B, "The embedding size is out of range."),
        new("model.embeddings_shape", B, "The embeddings must hold rows × embedding size values."),
        new("model.embeddings_not_finite", B, "An embedding value is NaN or infinite."),
        new("model.embeddings_too_large", L, "Too many embedding values in one registration."),
        new("training.failed", C, "The training job failed."),
        new("training.internal_error", C, "The training job did not complete in its attempts; see the silo logs."),
        new("training.numerical_failure", C, "Training failed numerically (singular Hessian or similar)."),
        new("training.lambda_out_of_range", B, "λ is outside the governed range."),
        new("training.too_many_parameters", B, "The model would have more parameters than governance allows."),

        // Sessions, inferences and attribution
        new("session.not_found", N, "The session does not exist or is not visible to this API key."),
        new("session.exists", C, "The session id is taken; choose another."),
        new("session.top_k", B, "top-k is out of range."),
        new("inference.not_found", N, "The inference does not exist or is not visible to this API key."),
        new("inference.id", B, "An inference id is '{sessionId}|{idempotencyKey}'."),
        new("inference.key_conflict", C, "The idempotency key was used for a different inference in this session; use a new key."),
        new("inference.key_mismatch", B, "The request's idempotency key does not match this inference."),
        new("inference.expired", StatusCodes.Status410Gone, "The inference's fee reservation timed out and was voided; nothing was charged; retry under a new key."),
        new("inference.label_required", B, "An external model's inference sends the class the model answered as its label."),
        new("inference.representation_required", B, "An external model's inference sends the query representation."),
        new("inference.representation_unexpected", B, "A built-in model's inference sends features, not a representation."),
        new("receipt.id_invalid", B, "A receipt id is '{sessionId}|{idempotencyKey}', as statement references show it."),
        new("query.features_missing", B, "The features are required (empty for an external model, which sends a representation)."),
        new("query.representation_size", B, "The query representation has the wrong number of values."),
        new("query.representation_not_finite", B, "A representation value is NaN or infinite."),
        new("attribution.top_k", B, "top-k is out of range."),
        new("attribution.features_required", B, "The model is built-in: inferences supply features, not a representation."),
        new("attribution.representation_required", B, "The model is external: each inference supplies the query representation."),
        new("attribution.index_building", S, "The model's attribution index is being built; retry in a few seconds."),
        new("attribution.inference_not_found", N, "The model has no stored inference with these influences."),
        new("attribution.influences", B, "The influences are required and may not hold null entries."),
        new("shard.scan_empty", B, "At least one scan vector is needed."),
        new("shard.scan_vector_size", B, "A scan vector has the wrong number of values."),

        // Transparency log
        new("transparency.log_not_found", N, "There is no transparency log with this id; the receipts' log is 'receipts'."),
        new("transparency.pending", S, "The receipt is not in the transparency log yet (the inference's outbox appends it shortly); retry."),
        new("transparency.head_pending", S, "No signed tree head covers the receipt yet (heads are signed every few seconds); retry."),
        new("transparency.restarting", S, "The transparency log is restarting after a storage failure; retry."),
        new("transparency.index_out_of_range", B, "The entry index is not in a tree of the given size."),
        new("transparency.size_out_of_range", B, "A consistency proof needs 0 ≤ old size ≤ new size ≤ the log's size."),
        new("transparency.count_out_of_range", B, "Read between 1 and the maximum number of entries at a time."),
        new("transparency.entry_missing", B, "A log entry is required."),
        new("transparency.entry_invalid", B, "A log entry's kind and id are required and bounded in length."),
        new("explorer.catching_up", S, "The explorer is catching up with what it owes the models, feed pages, leaderboard buckets and earnings histories (an internal delivery); the sender retries."),

        // Ledger, payers and claims
        new("payer.not_found", N, "The paying account is not registered in the ledger."),
        new("payer.insufficient_funds", P, "The payer's balance does not cover the inference fee; deposit more."),
        new("deposit.amount", B, "A deposit is a positive number of micro-units."),
        new("claim.missing", B, "A claim is required."),
        new("claim.amount", B, "A claim is a positive number of micro-units."),
        new("claim.no_owner", C, "The account has no registered owner address, so no claim on it can be authorised."),
        new("claim.signature_invalid", F, "The signature is not the account owner's EIP-712 signature of this exact claim."),
        new("transfer.missing", B, "A transfer is required."),
        new("transfer.posting_missing", B, "A posting is null."),
        new("transfer.reference", B, "A transfer reference follows the transfer id rules."),
        new("ledger.unavailable", S, "The ledger could not confirm the write; retry with the same ids."),
        new("ledger.integrity", S, "The ledger's journal failed verification; it refuses to serve until an operator restores it."),

        // Staking and governance
        new("stake.amount", B, "A stake is a positive number of micro-units."),
        new("stake.exists", C, "The stake id was used before with a different amount."),
        new("stake.insufficient_funds", P, "The account's balance does not cover the stake."),
        new("stake.refused", C, "The ledger refused the stake."),
        new("proposal.not_found", N, "There is no such proposal."),
        new("proposal.exists", C, "The proposal id exists with a different proposer or parameters."),
        new("proposal.no_stake", F, "Only a staker can make a proposal."),
        new("proposal.parameters_missing", B, "The proposed parameters are required."),
        new("proposal.stale", C, "The proposal amends a parameter version that is no longer in force."),
        new("proposal.timelocked", C, "The proposal passed but its timelock is not over yet."),
        new("proposal.not_succeeded", C, "The proposal has not passed (or its vote is not over)."),
        new("vote.not_open", C, "The proposal does not take votes now."),
        new("vote.no_stake", F, "The voter held no stake when the proposal was made."),
        new("vote.already_cast", C, "The account already voted on this proposal."),
        new("parameters.version_not_found", N, "There is no such parameter version."),
        new("parameters.fee_shares", B, "Fee shares must be non-negative and sum to 10,000 basis points."),
        new("parameters.top_k", B, "Top-k must be between 1 and 100."),
        new("parameters.row_quota", B, "The daily row quota is out of range."),
        new("parameters.byte_quota", B, "The daily byte quota is out of range."),
        new("parameters.duplicate_cutoff", B, "The duplicate cosine cutoff must be in (0, 1]."),
        new("parameters.influence_floor", B, "The influence floor must be a finite number ≥ 0."),
        new("parameters.penalty_threshold", B, "The penalty threshold must be a finite number ≥ 0."),
        new("parameters.penalized_reward", B, "The penalized reward must be 0–10,000 basis points."),
        new("parameters.slashing", B, "The slashing fraction must be 0–10,000 basis points."),
        new("parameters.minimum_stake", B, "The minimum stake is out of range."),
        new("parameters.lambda_range", B, "The λ range is out of bounds or inverted."),
        new("parameters.max_model_parameters", B, "The maximum model parameter count is out of range."),
        new("parameters.max_recipients", B, "The recipients per transfer are out of range."),
    ];

    private static readonly Dictionary<string, ProblemCode> ByCode = Listed.Concat(LedgerCodes()).Concat(GeneratedTextCodes()).ToDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>All codes, sorted.</summary>
    public static IReadOnlyList<ProblemCode> All { get; } = ByCode.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();

    public static ProblemCode? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>A language model's generated text refused by the normaliser: <c>inference.text_{x}</c> for each <c>text.{x}</c>.</summary>
    private static IEnumerable<ProblemCode> GeneratedTextCodes() =>
        Listed.Where(c => c.Code.StartsWith("text.", StringComparison.Ordinal) && c.Code is not ("text.documents_missing" or "text.duplicate" or "text.near_duplicate" or "text.labels_unexpected" or "text.labels_count"))
            .Select(c => c with { Code = Domain.Text.TextInferenceRules.InferenceCodeOf(c.Code), Meaning = $"The generated text: {c.Meaning}" });

    /// <summary>The ledger's refusals, <c>ledger.{snake_case}</c> of each <see cref="TransferResultCode"/> (see <see cref="Errors.ApiProblems.FromTransferResult"/>).</summary>
    private static IEnumerable<ProblemCode> LedgerCodes() =>
        Enum.GetValues<TransferResultCode>().Where(c => c is not (TransferResultCode.Ok or TransferResultCode.Exists))
            .Select(c => Errors.ApiProblems.FromTransferResult(c))
            .Select(p => new ProblemCode(p.Code, p.Status, $"The ledger refused the write: {p.Code["ledger.".Length..].Replace('_', ' ')}."));
}
