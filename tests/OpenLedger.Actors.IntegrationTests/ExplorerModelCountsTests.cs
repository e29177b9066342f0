using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The explorer's per-model entries (one grain per model, so the catalog's state does not grow with models) get their
/// counts from the catalog's outbox: owed in the same write as the inference ids they count, sent in numbered batches
/// once that write is durable, applied once. A model entry's write that fails before or after reaching storage
/// neither loses nor doubles a count, and the explorer shows the owed counts meanwhile.
/// </summary>
public sealed class ExplorerModelCountsTests
{
    private const string ModelState = "explorer-model";

    [Fact]
    public async Task Model_counts_are_applied_once_whatever_the_model_entries_writes_do()
    {
        var faults = new ScriptedFaults();
        await using var cluster = await ScriptedFaults.StartClusterAsync(faults,
            new Dictionary<string, string?> { ["OpenLedger:Explorer:FlushInterval"] = "01:00:00" }, silos: 1); // only the test flushes
        var catalog = cluster.Client.GetGrain<IExplorerCatalogGrain>($"model-counts-{Guid.NewGuid():N}");
        await catalog.ModelRegisteredAsync(Model("m"));
        var sequence = 0;
        async Task RecordAsync(int count)
        {
            for (var i = 0; i < count; i++) await catalog.InferenceRecordedAsync(Inference(++sequence, "m"));
        }

        await RecordAsync(3);
        faults.Arm(ModelState, FaultKind.AfterWrite, skip: 1); // the info is written; the counts reach storage but the reply is lost
        await catalog.FlushAsync();
        Assert.Equal(1, faults.Fired);
        await AssertCountsAsync(catalog, "m", 3);

        await RecordAsync(2);
        await catalog.FlushAsync(); // resends batch 1 (ignored: applied) and sends batch 2
        await AssertCountsAsync(catalog, "m", 5);

        faults.Arm(ModelState, FaultKind.BeforeWrite);
        await RecordAsync(1);
        await catalog.FlushAsync(); // batch 3 never reaches the entry: still owed, and shown
        Assert.Equal(2, faults.Fired);
        await AssertCountsAsync(catalog, "m", 6);

        await catalog.InferenceRecordedAsync(Inference(1, "m")); // a repeat changes nothing
        await catalog.FlushAsync();
        await AssertCountsAsync(catalog, "m", 6);
        var overview = await catalog.GetOverviewAsync(1, 1, 10);
        Assert.Equal(1, overview.ModelCount);
        Assert.Equal(6, Assert.Single(overview.Models).InferenceCount);
    }

    [Fact]
    public async Task Models_registered_past_the_old_single_state_limit_are_all_listed_in_pages()
    {
        await using var cluster = await ScriptedFaults.StartClusterAsync(new ScriptedFaults(), silos: 1);
        var catalog = cluster.Client.GetGrain<IExplorerCatalogGrain>($"many-models-{Guid.NewGuid():N}");
        const int models = 1_200; // about 900 filled the catalog's single state before
        await Parallel.ForEachAsync(Enumerable.Range(0, models), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await catalog.ModelRegisteredAsync(Model($"model-{i:D5}-{new string('m', 100)}")));
        await catalog.InferenceRecordedAsync(Inference(1, $"model-{models - 1:D5}-{new string('m', 100)}"));
        await catalog.FlushAsync();

        var last = await catalog.GetOverviewAsync(1, models / 100, 100);
        Assert.Equal(models, last.ModelCount);
        Assert.Equal(100, last.Models.Count);
        Assert.Equal(1, last.Models[^1].InferenceCount);
        Assert.All(last.Models.SkipLast(1), m => Assert.Equal(0, m.InferenceCount));
        Assert.Equal($"model-{models - 100:D5}-{new string('m', 100)}", last.Models[0].Info.Id);
        Assert.Empty((await catalog.GetOverviewAsync(1, models / 100 + 1, 100)).Models);
    }

    private static async Task AssertCountsAsync(IExplorerCatalogGrain catalog, string modelId, int inferences)
    {
        var entry = await catalog.GetModelAsync(modelId);
        Assert.NotNull(entry);
        Assert.Equal(inferences, entry.InferenceCount);
        Assert.Equal(inferences * 100L, entry.FeesCharged);
    }

    private static ModelInfo Model(string id) => new(id, "owner-m", 100, new TrainingManifest("dn-m", 1, 10, "artifact"),
        0.01, 0.1, 0.9, 1e-9, 5, 4, 2, "artifact", [], DateTimeOffset.UnixEpoch);

    private static InferenceRecorded Inference(int i, string modelId) => new($"inf-{i}", modelId, "dn-m", 0, 100, 1,
        [new TransferPosting("payer-m", "contributor-m", 60, "fee.contributor"), new TransferPosting("payer-m", "owner-m", 40, "fee.model_owner")],
        DateTimeOffset.UtcNow);
}
