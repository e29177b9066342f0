using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Grains.Attribution;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// A model trained elsewhere registers its manifest (Datanet version + row ids) and row embeddings; each
/// inference supplies the query embedding and the answered class, and goes through the same session,
/// inference, attribution and ledger grains, with the same receipts.
/// </summary>
[Collection(InMemoryClusterCollection.Name)]
public sealed class ExternalModelTests(InMemoryClusterFixture fixture)
{
    private const int EmbeddingSize = 6;

    /// <summary>A stand-in for an external model's representation: a fixed random projection of scaled features.</summary>
    private static float[] Embed(ReadOnlySpan<double> features)
    {
        var random = new Random(42);
        var e = new float[EmbeddingSize];
        for (var j = 0; j < EmbeddingSize; j++)
        {
            double sum = 0;
            for (var k = 0; k < features.Length; k++) sum += (random.NextDouble() - 0.5) * Math.Log(1 + Math.Abs(features[k]));
            e[j] = (float)sum;
        }
        return e;
    }

    [Fact]
    public async Task An_external_model_is_attributed_by_representation_through_the_same_grains_and_receipts()
    {
        var scenario = new Scenario(fixture.Client, "external");
        await scenario.SetUpAsync(deposit: 1_000_000); // publishes v1 and trains the built-in model on it
        var versionRows = await scenario.Model.GetTrainingRowIdsAsync(); // version rows, in data order
        var manifestRows = versionRows.Take(300).ToArray();
        var rowData = versionRows.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var embeddings = manifestRows.SelectMany(id => Embed(scenario.Data.Row(rowData[id]))).ToArray();
        var external = fixture.Client.GetGrain<IModelGrain>("model-external-emb");
        var request = new RegisterExternalModelRequest("modeller-external", scenario.DatanetId, 1, 2_000, manifestRows, EmbeddingSize, embeddings);

        var info = await external.RegisterExternalAsync(request);
        Assert.Equal((ModelKinds.ExternalEmbedding, 300, EmbeddingSize), (info.Kind, info.Manifest.RowCount, info.EmbeddingSize));
        Assert.Equal(info with { Curators = [] }, (await external.RegisterExternalAsync(request with { Embeddings = [.. embeddings] })) with { Curators = [] }); // same content: same model
        var conflict = await Assert.ThrowsAsync<OpenLedgerException>(() => external.RegisterExternalAsync(request with { FeePerInference = 1 }));
        Assert.Equal((ErrorKind.Conflict, "model.exists"), (conflict.Kind, conflict.ErrorCode));
        Assert.Equal(manifestRows, await external.GetTrainingRowIdsAsync());

        var session = fixture.Client.GetGrain<IInferenceSessionGrain>("session-external-emb");
        await session.OpenAsync(scenario.Payer, info.Id, topK: 5);
        var balanceBefore = await scenario.Ledger.GetBalanceAsync(scenario.Payer);
        var results = new List<InferenceResult>();
        for (var q = 0; q < 12; q++)
        {
            var query = scenario.QueryFeatures(q);
            var answered = scenario.QueryLabel(q);
            var result = await session.InferAsync(new InferenceRequest($"x{q}", [], answered, Embed(query)));
            results.Add(result);
            var receipt = result.Receipt;
            Assert.Equal(AttributionGrain.RepresentationSimilarityMethod, receipt.Method);
            Assert.Equal(answered, result.PredictedClass);
            Assert.InRange(receipt.Influences.Count, 1, 5);
            Assert.Equal(1.0, receipt.Influences.Sum(e => e.Weight), 9);
            Assert.Equal(2_000, receipt.Postings.Sum(p => p.Amount));
            // Only manifest rows of the answered class with a positive cosine can be credited; the first is the nearest.
            Assert.All(receipt.Influences, e => Assert.Contains(e.RowId, manifestRows));
            Assert.All(receipt.Influences, e => Assert.Equal(answered, scenario.Data.Labels[rowData[e.RowId]]));
            var nearest = manifestRows.Where(id => scenario.Data.Labels[rowData[id]] == answered)
                .MaxBy(id => Cosine(Embed(query), Embed(scenario.Data.Row(rowData[id]))));
            Assert.Equal(nearest, receipt.Influences[0].RowId);
        }
        Assert.Equal(balanceBefore - 12 * 2_000, await scenario.Ledger.GetBalanceAsync(scenario.Payer));
        var totals = await fixture.Client.GetGrain<IAttributionGrain>(info.Id).GetTopTotalsAsync(1_000);
        Assert.Equal(results.SelectMany(r => r.Receipt.Influences).Select(e => e.RowId).Distinct().Count(), totals.Count);
        Assert.Equal(results.Sum(r => r.Receipt.Influences.Sum(e => e.Score)), totals.Sum(t => t.TotalScore), 9);

        // Bad input is refused with a typed error and charges nothing.
        async Task<string> Refused(IInferenceSessionGrain s, InferenceRequest r) => (await Assert.ThrowsAsync<OpenLedgerException>(() => s.InferAsync(r))).ErrorCode;
        Assert.Equal("inference.representation_required", await Refused(session, new InferenceRequest("bad1", scenario.QueryFeatures(0), 1)));
        Assert.Equal("inference.label_required", await Refused(session, new InferenceRequest("bad2", [], null, Embed(scenario.QueryFeatures(0)))));
        Assert.Equal("query.representation_size", await Refused(session, new InferenceRequest("bad3", [], 1, new float[EmbeddingSize + 1])));
        Assert.Equal("query.representation_not_finite", await Refused(session, new InferenceRequest("bad4", [], 1, [float.NaN, 0, 0, 0, 0, 0])));
        Assert.Equal("inference.representation_unexpected", await Refused(scenario.Session, new InferenceRequest("bad5", scenario.QueryFeatures(0), null, new float[EmbeddingSize])));
        Assert.Equal(balanceBefore - 12 * 2_000, await scenario.Ledger.GetBalanceAsync(scenario.Payer));
    }

    [Fact]
    public async Task Registrations_that_do_not_match_the_version_are_refused()
    {
        var scenario = new Scenario(fixture.Client, "external-bad") { TrainingRows = 100 };
        await scenario.PublishAsync();
        await scenario.TrainAsync();
        var rows = (await scenario.Model.GetTrainingRowIdsAsync()).Take(10).ToArray();
        var model = fixture.Client.GetGrain<IModelGrain>("model-external-bad-emb");
        var good = new RegisterExternalModelRequest("modeller-x", scenario.DatanetId, 1, 10, rows, 2, new float[20]);

        async Task<string> Refused(RegisterExternalModelRequest r) => (await Assert.ThrowsAsync<OpenLedgerException>(() => model.RegisterExternalAsync(r))).ErrorCode;
        Assert.Equal("model.row_not_in_version", await Refused(good with { RowIds = [.. rows[..9], 987_654_321] }));
        Assert.Equal("model.row_repeated", await Refused(good with { RowIds = [.. rows[..9], rows[0]] }));
        Assert.Equal("model.embeddings_shape", await Refused(good with { Embeddings = new float[19] }));
        Assert.Equal("model.embeddings_not_finite", await Refused(good with { Embeddings = [.. new float[19], float.PositiveInfinity] }));
        Assert.Equal("model.embedding_size", await Refused(good with { EmbeddingSize = 0 }));
        await Assert.ThrowsAsync<OpenLedgerException>(() => model.GetInfoAsync()); // nothing was registered
        Assert.Equal(ModelKinds.ExternalEmbedding, (await model.RegisterExternalAsync(good)).Kind);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return dot / Math.Sqrt(na * nb);
    }
}
