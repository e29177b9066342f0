using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Operators;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Builds the value trail through the grain API: a Datanet with several contributors, an approved and
/// published version, a trained model and a funded session. Ids are unique per scenario.
/// </summary>
internal sealed class Scenario(IGrainFactory grains, string name)
{
    public string DatanetId { get; } = $"dn-{name}";
    public string ModelId { get; } = $"model-{name}";
    public string SessionId { get; } = $"session-{name}";
    public string Owner { get; } = $"owner-{name}";
    public string ModelOwner { get; } = $"modeller-{name}";
    public string Payer { get; } = $"agent-{name}";
    public string[] Contributors { get; init; } = Enumerable.Range(1, 5).Select(i => $"contrib-{name}-{i}").ToArray();
    public LabeledDataset Data { get; } = TestData.BreastCancer;
    public int TrainingRows { get; init; } = 400;
    public long Fee { get; init; } = 1_000;

    public IDatanetGrain Datanet => grains.GetGrain<IDatanetGrain>(DatanetId);
    public IModelGrain Model => grains.GetGrain<IModelGrain>(ModelId);
    public IInferenceSessionGrain Session => grains.GetGrain<IInferenceSessionGrain>(SessionId);
    public ILedgerGrain Ledger => grains.GetGrain<ILedgerGrain>(LedgerIds.Main);

    public static DatanetMetadata Metadata(int dimension, int classes) =>
        new("Breast cancer", "Cell-nucleus measurements", "UCI Breast Cancer Wisconsin (Diagnostic)", ["medical", "tabular"], "tabular", dimension, classes);

    public double[] QueryFeatures(int i) => Data.Row(TrainingRows + i % (Data.RowCount - TrainingRows)).ToArray();

    public int QueryLabel(int i) => Data.Labels[TrainingRows + i % (Data.RowCount - TrainingRows)];

    public async Task<DatanetVersionInfo> PublishAsync()
    {
        await Datanet.CreateAsync(Owner, Metadata(Data.Dimension, Data.ClassCount));
        var rowIds = new List<long>();
        var perContributor = TrainingRows / Contributors.Length;
        for (var c = 0; c < Contributors.Length; c++)
        {
            var rows = Enumerable.Range(c * perContributor, perContributor)
                .Select(i => new ContributionRow(Data.Row(i).ToArray(), Data.Labels[i])).ToList();
            var receipt = await Datanet.SubmitAsync($"sub-{c}", Contributors[c], rows);
            rowIds.AddRange(receipt.Rows.Select(r => r.RowId));
        }
        await Datanet.ReviewAsync(Owner, rowIds, approve: true);
        return await Datanet.PublishVersionAsync(Owner);
    }

    public async Task<ModelInfo> TrainAsync(int version = 1) =>
        await Model.TrainAndWaitAsync(new TrainModelRequest(ModelOwner, DatanetId, version, Fee, 0.01));

    public async Task<SessionInfo> OpenFundedSessionAsync(long deposit)
    {
        // Through the operator interface, as a certificate-holding client may (the ledger's DepositAsync is internal).
        await grains.GetGrain<IOperatorGrain>(OperatorIds.Main).DepositAsync($"fund-{Payer}", Payer, deposit);
        return await Session.OpenAsync(Payer, ModelId, topK: 10);
    }

    public async Task SetUpAsync(long deposit = 10_000_000)
    {
        await PublishAsync();
        await TrainAsync();
        await OpenFundedSessionAsync(deposit);
    }
}
