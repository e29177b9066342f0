using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.IntegrationTests;

[Collection(InMemoryClusterCollection.Name)]
public sealed class IdempotencyAndErrorTests(InMemoryClusterFixture fixture)
{
    [Fact]
    public async Task A_retried_key_returns_the_original_result_and_never_charges_twice()
    {
        var scenario = new Scenario(fixture.Client, "retry");
        await scenario.SetUpAsync(deposit: 100_000);
        var request = new InferenceRequest("same-key", scenario.QueryFeatures(0));

        // Concurrent retries and sequential ones: one charge.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => scenario.Session.InferAsync(request)));
        var later = await scenario.Session.InferAsync(request);

        Assert.All(concurrent, r => Assert.Equal(concurrent[0], r, InferenceResultComparer.Instance));
        Assert.Equal(concurrent[0], later, InferenceResultComparer.Instance);
        Assert.Equal(100_000 - scenario.Fee, await scenario.Ledger.GetBalanceAsync(scenario.Payer));
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_a_typed_conflict_that_changes_nothing()
    {
        var scenario = new Scenario(fixture.Client, "conflict");
        await scenario.SetUpAsync(deposit: 100_000);
        var original = await scenario.Session.InferAsync(new InferenceRequest("k", scenario.QueryFeatures(0)));

        var error = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Session.InferAsync(new InferenceRequest("k", scenario.QueryFeatures(1))));
        var labelled = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Session.InferAsync(new InferenceRequest("k", scenario.QueryFeatures(0), 1)));

        Assert.Equal((ErrorKind.Conflict, "inference.key_conflict"), (error.Kind, error.ErrorCode));
        Assert.Equal("inference.key_conflict", labelled.ErrorCode);
        Assert.Equal(100_000 - scenario.Fee, await scenario.Ledger.GetBalanceAsync(scenario.Payer));
        Assert.Equal(original, await scenario.Session.InferAsync(new InferenceRequest("k", scenario.QueryFeatures(0))), InferenceResultComparer.Instance);
    }

    [Fact]
    public async Task Calling_an_inference_grain_directly_charges_only_its_own_sessions_payer()
    {
        var scenario = new Scenario(fixture.Client, "direct");
        await scenario.SetUpAsync(deposit: 10_000);
        var inference = fixture.Client.GetGrain<IInferenceGrain>($"{scenario.SessionId}|k1");

        var mismatch = await Assert.ThrowsAsync<OpenLedgerException>(() => inference.ExecuteAsync(new InferenceRequest("other-key", scenario.QueryFeatures(0))));
        var result = await inference.ExecuteAsync(new InferenceRequest("k1", scenario.QueryFeatures(0)));
        var unknownSession = await Assert.ThrowsAsync<OpenLedgerException>(() =>
            fixture.Client.GetGrain<IInferenceGrain>("no-such-session|k1").ExecuteAsync(new InferenceRequest("k1", scenario.QueryFeatures(0))));

        var otherSession = await Assert.ThrowsAsync<OpenLedgerException>(() => inference.ExecuteAsync(
            new SessionInfo("another-session", "someone-else", scenario.ModelId, 10, DateTimeOffset.UnixEpoch), new InferenceRequest("k1", scenario.QueryFeatures(0))));

        Assert.Equal("inference.key_mismatch", mismatch.ErrorCode);
        Assert.Equal("session.not_found", unknownSession.ErrorCode);
        Assert.Equal("inference.session_mismatch", otherSession.ErrorCode);
        Assert.All(result.Receipt.Postings, p => Assert.Equal(scenario.Payer, p.DebitAccount));
        Assert.Equal(10_000 - scenario.Fee, await scenario.Ledger.GetBalanceAsync(scenario.Payer));
        Assert.Equal(result, await scenario.Session.InferAsync(new InferenceRequest("k1", scenario.QueryFeatures(0))), InferenceResultComparer.Instance);
    }

    [Fact]
    public async Task Concurrent_opens_of_one_session_agree_on_a_single_payer()
    {
        var scenario = new Scenario(fixture.Client, "open-race");
        await scenario.PublishAsync();
        await scenario.TrainAsync();
        var session = fixture.Client.GetGrain<IInferenceSessionGrain>("open-race-session");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                return (await session.OpenAsync($"payer-{i % 2}", scenario.ModelId)).PayerAccount;
            }
            catch (OpenLedgerException e) when (e.ErrorCode == "session.exists")
            {
                return null;
            }
        }));

        var payer = (await session.GetInfoAsync()).PayerAccount;
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(payer, o));
        Assert.Equal(3, outcomes.Count(o => o is null));
    }

    [Fact]
    public async Task A_payer_that_cannot_cover_the_fee_is_refused_and_not_charged()
    {
        var scenario = new Scenario(fixture.Client, "poor");
        await scenario.SetUpAsync(deposit: scenario.Fee + 1);
        await scenario.Session.InferAsync(new InferenceRequest("a", scenario.QueryFeatures(0)));

        var error = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Session.InferAsync(new InferenceRequest("b", scenario.QueryFeatures(1))));

        Assert.Equal(ErrorKind.InsufficientFunds, error.Kind);
        Assert.Equal(1, await scenario.Ledger.GetBalanceAsync(scenario.Payer));
        await scenario.Ledger.DepositAsync("top-up", scenario.Payer, scenario.Fee);
        await scenario.Session.InferAsync(new InferenceRequest("b", scenario.QueryFeatures(1))); // the key was not burnt
        Assert.Equal(1, await scenario.Ledger.GetBalanceAsync(scenario.Payer));
    }

    [Fact]
    public async Task Bad_contributions_get_typed_errors_and_change_nothing()
    {
        var scenario = new Scenario(fixture.Client, "bad-rows");
        await scenario.Datanet.CreateAsync(scenario.Owner, Scenario.Metadata(3, 2));
        var cases = new (IReadOnlyList<ContributionRow> Rows, string Code)[]
        {
            ([new ContributionRow([1, 2], 0)], "row.dimension"),
            ([new ContributionRow([1, double.NaN, 2], 0)], "row.not_finite"),
            ([new ContributionRow([1, 2, double.NegativeInfinity], 0)], "row.not_finite"),
            ([new ContributionRow([1, 2, 3], 2)], "row.label"),
            ([new ContributionRow([1, 2, 3], 0), new ContributionRow([1, 2, 3, 4], 0)], "row.dimension"),
            ([], "submission.empty"),
        };
        foreach (var (rows, code) in cases)
        {
            var error = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Datanet.SubmitAsync("s", "alice", rows));
            Assert.Equal((ErrorKind.Validation, code), (error.Kind, error.ErrorCode));
        }
        var reserved = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Datanet.SubmitAsync("s", "protocol:treasury", [new ContributionRow([1, 2, 3], 0)]));
        Assert.Equal("account.reserved", reserved.ErrorCode);
        var info = await scenario.Datanet.GetInfoAsync();
        Assert.Equal(0, info.PendingCount + info.ApprovedCount + info.RejectedCount);
    }

    [Fact]
    public async Task Datanet_metadata_is_validated_and_creation_is_idempotent()
    {
        var good = Scenario.Metadata(3, 2) with { Description = "Line one.\nLine two." };
        var datanet = fixture.Client.GetGrain<IDatanetGrain>("meta-check");
        var cases = new (DatanetMetadata Metadata, string Code)[]
        {
            (good with { Name = "" }, "text.missing"),
            (good with { Name = "bad\u0007name" }, "text.control_characters"),
            (good with { Name = new string('n', 201) }, "text.too_long"),
            (good with { Tags = Enumerable.Range(0, 17).Select(i => $"t{i}").ToArray() }, "metadata.tags"),
            (good with { Dimension = 0 }, "schema.dimension"),
            (good with { ClassCount = 1 }, "schema.class_count"),
        };
        foreach (var (metadata, code) in cases)
            Assert.Equal(code, (await Assert.ThrowsAsync<OpenLedgerException>(() => datanet.CreateAsync("owner", metadata))).ErrorCode);
        await Assert.ThrowsAsync<OpenLedgerException>(datanet.GetInfoAsync); // nothing was created

        var created = await datanet.CreateAsync("owner", good);
        Assert.Equal(created, await datanet.CreateAsync("owner", good), DatanetInfoComparer.Instance);
        var conflict = await Assert.ThrowsAsync<OpenLedgerException>(() => datanet.CreateAsync("someone-else", good));
        Assert.Equal((ErrorKind.Conflict, "datanet.exists"), (conflict.Kind, conflict.ErrorCode));
    }

    [Fact]
    public async Task Only_the_owner_curates_and_unknown_things_are_not_found()
    {
        var scenario = new Scenario(fixture.Client, "authz");
        await scenario.Datanet.CreateAsync(scenario.Owner, Scenario.Metadata(3, 2));
        var receipt = await scenario.Datanet.SubmitAsync("s", "alice", [new ContributionRow([1, 2, 3], 1)]);

        var notCurator = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Datanet.ReviewAsync("alice", [receipt.Rows[0].RowId], true));
        var notOwner = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Datanet.PublishVersionAsync("alice"));
        var noVersion = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Model.StartTrainingAsync(new TrainModelRequest("bob", scenario.DatanetId, 7, 10)));
        var noModel = await Assert.ThrowsAsync<OpenLedgerException>(() => fixture.Client.GetGrain<IInferenceSessionGrain>("s-x").OpenAsync("bob", "no-such-model"));
        var noSession = await Assert.ThrowsAsync<OpenLedgerException>(() => fixture.Client.GetGrain<IInferenceSessionGrain>("never-opened").InferAsync(new InferenceRequest("k", [1, 2, 3])));

        Assert.Equal((ErrorKind.Forbidden, "datanet.not_curator"), (notCurator.Kind, notCurator.ErrorCode));
        Assert.Equal((ErrorKind.Forbidden, "datanet.not_owner"), (notOwner.Kind, notOwner.ErrorCode));
        Assert.Equal((ErrorKind.NotFound, "version.not_found"), (noVersion.Kind, noVersion.ErrorCode));
        Assert.Equal((ErrorKind.NotFound, "model.not_found"), (noModel.Kind, noModel.ErrorCode));
        Assert.Equal((ErrorKind.NotFound, "session.not_found"), (noSession.Kind, noSession.ErrorCode));
        Assert.Equal(1, (await scenario.Datanet.GetInfoAsync()).PendingCount);
    }

    [Fact]
    public async Task Bad_queries_are_refused_before_any_charge()
    {
        var scenario = new Scenario(fixture.Client, "bad-query");
        await scenario.SetUpAsync(deposit: 50_000);
        var wrongDimension = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Session.InferAsync(new InferenceRequest("a", [1, 2])));
        var notFinite = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Session.InferAsync(new InferenceRequest("b", Enumerable.Repeat(double.NaN, 30).ToArray())));
        var badLabel = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Session.InferAsync(new InferenceRequest("c", scenario.QueryFeatures(0), 5)));
        var badKey = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Session.InferAsync(new InferenceRequest("a/b", scenario.QueryFeatures(0))));

        Assert.Equal("query.dimension", wrongDimension.ErrorCode);
        Assert.Equal("query.not_finite", notFinite.ErrorCode);
        Assert.Equal("row.label", badLabel.ErrorCode);
        Assert.Equal("id.invalid", badKey.ErrorCode);
        Assert.Equal(50_000, await scenario.Ledger.GetBalanceAsync(scenario.Payer));
    }

    [Fact]
    public async Task Ledger_answers_expected_outcomes_with_codes()
    {
        var ledger = fixture.Client.GetGrain<ILedgerGrain>(LedgerIds.Main);
        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("codes-1", "codes-a", 10));
        Assert.Equal(TransferResultCode.Exists, await ledger.DepositAsync("codes-1", "codes-a", 10));
        Assert.Equal(TransferResultCode.ExistsWithDifferentPostings, await ledger.DepositAsync("codes-1", "codes-a", 11));
        Assert.Equal(TransferResultCode.InsufficientFunds, await ledger.PostAsync(new TransferRequest("codes-2", [new TransferPosting("codes-a", "codes-b", 11, "move")])));
        Assert.Equal(TransferResultCode.Ok, await ledger.PostAsync(new TransferRequest("codes-3", [new TransferPosting("codes-a", "codes-b", 10, "move")])));
        Assert.Equal((0L, 10L), (await ledger.GetBalanceAsync("codes-a"), await ledger.GetBalanceAsync("codes-b")));
        var summary = await ledger.GetSummaryAsync();
        Assert.Equal(0, summary.BalanceSum);
    }
}

internal sealed class DatanetInfoComparer : IEqualityComparer<DatanetInfo>
{
    public static readonly DatanetInfoComparer Instance = new();

    public bool Equals(DatanetInfo? x, DatanetInfo? y) =>
        x is not null && y is not null && x.Id == y.Id && x.Owner == y.Owner && x.CreatedAt == y.CreatedAt
        && x.Metadata.Name == y.Metadata.Name && x.Metadata.Tags.SequenceEqual(y.Metadata.Tags) && x.Curators.SequenceEqual(y.Curators);

    public int GetHashCode(DatanetInfo obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
}

/// <summary>Compares results by value, including the arrays and lists inside them.</summary>
internal sealed class InferenceResultComparer : IEqualityComparer<InferenceResult>
{
    public static readonly InferenceResultComparer Instance = new();

    public bool Equals(InferenceResult? x, InferenceResult? y) =>
        x is not null && y is not null
        && x.InferenceId == y.InferenceId && x.PredictedClass == y.PredictedClass && x.CompletedAt == y.CompletedAt
        && x.Probabilities.SequenceEqual(y.Probabilities)
        && x.Receipt.Influences.SequenceEqual(y.Receipt.Influences)
        && x.Receipt.Postings.SequenceEqual(y.Receipt.Postings)
        && x.Receipt.LedgerTransferId == y.Receipt.LedgerTransferId;

    public int GetHashCode(InferenceResult obj) => obj.InferenceId.GetHashCode(StringComparison.Ordinal);
}
