using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Operators;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Text;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Issue 16, part 4 end to end on a cluster with real MiniLM embeddings: a labelled text Datanet (linux-doc, four
/// subsystems as labels, three contributors) is versioned; a text classifier trains on it through the job (stage
/// <c>embedding</c>, then Newton, then the exact influence index), held-out documents go in as text inferences whose
/// receipts pay the documents' contributors through the ledger and feed the totals, and the held-out accuracy is well
/// above chance. A second model on the same version reuses the stored matrix (no document embedded again). Label and
/// inference refusals change nothing.
/// </summary>
public sealed class TextClassifierClusterTests(ITestOutputHelper output)
{
    private const long Fee = 100_000;

    [Fact]
    public async Task A_labelled_text_Datanet_trains_a_classifier_whose_inferences_pay_contributors()
    {
        var embedder = new CountingTextEmbedder(new MiniLmTextEmbedder());
        var artifacts = new InMemoryArtifactStore();
        await using var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            ArtifactStore = artifacts,
            ConfigureSilo = silo => silo.Services.AddSingleton<ITextEmbedder>(embedder),
        });
        var grains = cluster.Client;
        const string owner = "owner-cls", modeller = "modeller-cls", payer = "agent-cls";
        string[] contributors = ["contrib-cls-1", "contrib-cls-2", "contrib-cls-3"];
        var train = LabelledTextCorpus.Train;
        var heldOut = LabelledTextCorpus.HeldOut;
        var classes = LabelledTextCorpus.Labels.Length;

        var datanet = grains.GetGrain<IDatanetGrain>("dn-cls");
        var text = grains.GetGrain<ITextDatanetGrain>("dn-cls");
        await datanet.CreateAsync(owner, new DatanetMetadata("Kernel docs by subsystem", "Support routing", "linux-doc, labelled by subsystem", ["text"], DatanetModalities.Text, 0, classes));
        async Task<string> Refused(Func<Task> call) => (await Assert.ThrowsAsync<OpenLedgerException>(call)).ErrorCode;

        // Labels are checked like row labels; a wrong one records nothing.
        Assert.Equal("row.label", await Refused(() => text.SubmitLabelledTextAsync("bad", contributors[0], [train[0].Text], [classes])));
        Assert.Equal("text.labels_count", await Refused(() => text.SubmitLabelledTextAsync("bad", contributors[0], [train[0].Text], [0, 1])));
        // Documents round-robin over three contributors, one submission each.
        var rows = new List<long>();
        var contributorOf = new Dictionary<long, string>();
        for (var c = 0; c < contributors.Length; c++)
        {
            var mine = train.Where((_, i) => i % contributors.Length == c).ToList();
            var receipt = await text.SubmitLabelledTextAsync($"docs-{c}", contributors[c], mine.Select(d => d.Text).ToList(), mine.Select(d => d.Label).ToList());
            Assert.Equal(mine.Select(d => d.Label), receipt.Rows.Select(r => r.Label));
            rows.AddRange(receipt.Rows.Select(r => r.RowId));
            foreach (var row in receipt.Rows) contributorOf[row.RowId] = contributors[c];
        }
        Assert.Equal(train.Count, (await datanet.GetInfoAsync()).PendingCount);
        await datanet.ReviewAsync(owner, rows, approve: true);
        var version = await datanet.PublishVersionAsync(owner);

        // Train through the job: embedding (each document once), Newton, the influence index.
        var model = grains.GetGrain<IModelGrain>("cls-text");
        var request = new TrainModelRequest(modeller, "dn-cls", version.Version, Fee, Lambda: 0.01);
        var started = Stopwatch.GetTimestamp();
        var stages = new HashSet<string>();
        var job = await model.StartTrainingAsync(request);
        var finished = await model.WaitForTrainingAsync(job, progress: j => stages.Add(j.Stage), timeout: TimeSpan.FromMinutes(5));
        Assert.Equal(TrainingJobStatus.Succeeded, finished.Status);
        var info = await model.GetInfoAsync();
        output.WriteLine($"trained in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s ({string.Join(" → ", stages)}): {info.Iterations} Newton steps, ‖∇J‖ {info.GradientNorm:E1}, training accuracy {info.TrainingAccuracy:P1}");
        Assert.Equal((ModelKinds.TextClassifier, 384, classes, train.Count), (info.Kind, info.Dimension, info.ClassCount, info.Manifest.RowCount));
        Assert.Equal(train.Count, embedder.Texts);
        var matrixKey = await grains.GetGrain<IVersionEmbeddingGrain>(IVersionEmbeddingGrain.KeyOf("dn-cls", version.Version, embedder.Name)).GetAsync();
        Assert.Equal(info.Manifest.VersionArtifactKey, matrixKey);
        var matrix = VersionMatrix.Decode(await artifacts.GetAsync(matrixKey!));
        Assert.Equal(rows.Order(), matrix.RowIds);
        Assert.Equal(rows.Order(), (await model.GetTrainingRowIdsAsync()).Order());

        // Held-out documents as text inferences: predictions, receipts, fees paid to the documents' contributors.
        await grains.GetGrain<IOperatorGrain>(OperatorIds.Main).DepositAsync("fund-cls", payer, (heldOut.Count + 5) * Fee);
        var session = grains.GetGrain<IInferenceSessionGrain>("session-cls");
        await session.OpenAsync(payer, info.Id);
        var correct = 0;
        var paid = new Dictionary<string, long>(StringComparer.Ordinal);
        var embeddedBefore = embedder.Texts;
        InferenceResult? first = null;
        for (var i = 0; i < heldOut.Count; i++)
        {
            var result = await session.InferAsync(new InferenceRequest($"q{i}", []) { Text = heldOut[i].Text });
            first ??= result;
            if (result.PredictedClass == heldOut[i].Label) correct++;
            var receipt = result.Receipt;
            Assert.Equal(OpenLedger.Actors.Grains.Attribution.AttributionGrain.ExactInfluenceMethod, receipt.Method);
            Assert.Equal(Fee, receipt.Postings.Sum(p => p.Amount));
            Assert.NotEmpty(receipt.Influences);
            Assert.All(receipt.Influences, e => Assert.Equal(contributorOf[e.RowId], e.Contributor));
            foreach (var p in receipt.Postings.Where(p => p.Code == "fee.contributor")) paid[p.CreditAccount] = paid.GetValueOrDefault(p.CreditAccount) + p.Amount;
        }
        Assert.Equal(embeddedBefore + heldOut.Count, embedder.Texts); // one embedding per inference
        var accuracy = (double)correct / heldOut.Count;
        output.WriteLine($"held-out accuracy {accuracy:P1} ({correct}/{heldOut.Count}; chance {1.0 / classes:P0}, majority class {heldOut.Count(d => d.Label == 0) / (double)heldOut.Count:P0})");
        foreach (var (account, amount) in paid.OrderBy(p => p.Key)) output.WriteLine($"paid {account}: {amount}");
        Assert.True(accuracy >= 0.6, $"held-out accuracy {accuracy:P1}");
        Assert.Equal(contributors, paid.Keys.Order());
        var ledger = grains.GetGrain<ILedgerGrain>(LedgerIds.Main);
        Assert.Equal(5 * Fee, await ledger.GetBalanceAsync(payer));
        foreach (var (account, amount) in paid) Assert.Equal(amount, await ledger.GetBalanceAsync(account));

        // A replay is the stored receipt; the totals hold the influences the receipts paid.
        Assert.Equivalent(first, await session.InferAsync(new InferenceRequest("q0", []) { Text = heldOut[0].Text }), strict: true);
        Assert.Equal(5 * Fee, await ledger.GetBalanceAsync(payer));
        Assert.NotEmpty(await grains.GetGrain<IAttributionGrain>(info.Id).GetTopTotalsAsync(10));

        // With the true label the loss is taken against it; refusals charge nothing.
        var labelled = await session.InferAsync(new InferenceRequest("labelled", [], Label: heldOut[0].Label) { Text = heldOut[0].Text });
        Assert.Equal(heldOut[0].Label, labelled.Receipt.LossLabel);
        Assert.Equal("inference.text_missing", await Refused(() => session.InferAsync(new InferenceRequest("r1", []))));
        Assert.Equal("inference.features_unexpected", await Refused(() => session.InferAsync(new InferenceRequest("r2", [1.0]) { Text = "x" })));
        Assert.Equal("inference.prompt_unexpected", await Refused(() => session.InferAsync(new InferenceRequest("r3", []) { Text = "x", Prompt = "p" })));
        Assert.Equal("row.label", await Refused(() => session.InferAsync(new InferenceRequest("r4", [], Label: classes) { Text = "x" })));
        Assert.Equal(4 * Fee, await ledger.GetBalanceAsync(payer));

        // A second model on the same version reuses the stored matrix: no document is embedded again.
        var embeddedBeforeSecond = embedder.Texts;
        var second = grains.GetGrain<IModelGrain>("cls-text-2");
        var secondInfo = await second.TrainAndWaitAsync(request with { Lambda = 0.1 }, timeout: TimeSpan.FromMinutes(5));
        Assert.Equal(embeddedBeforeSecond, embedder.Texts);
        Assert.Equal(matrixKey, secondInfo.Manifest.VersionArtifactKey);

        // A text Datanet without classes trains no classifier; a version with an unlabelled document fails its job.
        var plain = grains.GetGrain<IDatanetGrain>("dn-plain");
        await plain.CreateAsync(owner, new DatanetMetadata("Plain", "", "", [], DatanetModalities.Text, 0, 0));
        Assert.Equal("text.labels_unexpected", await Refused(() => grains.GetGrain<ITextDatanetGrain>("dn-plain").SubmitLabelledTextAsync("s", contributors[0], ["some text"], [0])));
        var mixed = grains.GetGrain<IDatanetGrain>("dn-mixed");
        await mixed.CreateAsync(owner, new DatanetMetadata("Mixed", "", "", [], DatanetModalities.Text, 0, 2));
        var mixedText = grains.GetGrain<ITextDatanetGrain>("dn-mixed");
        var a = await mixedText.SubmitLabelledTextAsync("a", contributors[0], [train[0].Text], [1]);
        var b = await mixedText.SubmitTextAsync("b", contributors[1], [train[1].Text]);
        await mixed.ReviewAsync(owner, [a.Rows[0].RowId, b.Rows[0].RowId], approve: true);
        var mixedVersion = await mixed.PublishVersionAsync(owner);
        Assert.Equal("training.labels_missing", await Refused(() =>
            grains.GetGrain<IModelGrain>("cls-mixed").TrainAndWaitAsync(new TrainModelRequest(modeller, "dn-mixed", mixedVersion.Version, Fee), timeout: TimeSpan.FromMinutes(1))));
        Assert.Equal("model.datanet_unlabelled", await Refused(() =>
            grains.GetGrain<IModelGrain>("cls-plain").StartTrainingAsync(new TrainModelRequest(modeller, "dn-plain", 1, Fee))));
    }
}
