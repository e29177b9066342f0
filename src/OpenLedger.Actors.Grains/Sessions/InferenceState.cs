using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>
/// An inference's progress, one write per step: <see cref="Inputs"/> (before the fee is reserved), then
/// <see cref="Outcome"/> (after the scan, before the post), then <see cref="Result"/> (after the post: the receipt) with
/// its outbox — what the inference still owes the attribution totals and the explorer — then the outbox acknowledged.
/// </summary>
[GenerateSerializer]
public sealed class InferenceState
{
    /// <summary>Identifies the request body (features, label, session) the inference answers.</summary>
    [Id(0)] public string? RequestFingerprint { get; set; }
    [Id(1)] public InferenceResult? Result { get; set; }
    [Id(2)] public InferenceInputs? Inputs { get; set; }
    [Id(3)] public InferenceOutcome? Outcome { get; set; }
    /// <summary>The receipt's influences are still to be added to the model's totals.</summary>
    [Id(4)] public bool TotalsOwed { get; set; }
    /// <summary>The explorer is still to be told of the inference.</summary>
    [Id(5)] public bool ExplorerOwed { get; set; }

    /// <summary>The pools the transfer credited are still to pay their members (<see cref="InferenceOutcome.Settlements"/>).</summary>
    [Id(6)] public bool SettlementOwed { get; set; }

    /// <summary>The receipt is still to be appended to the transparency log (<see cref="Abstractions.Transparency.TransparencyLogs.Receipts"/>).</summary>
    [Id(7)] public bool TransparencyOwed { get; set; }

    /// <summary>The receipt's position in the transparency log, once appended (null before, or if a repeat could not tell).</summary>
    [Id(8)] public long? TransparencyIndex { get; set; }

    public bool Owes => TotalsOwed || ExplorerOwed || SettlementOwed || TransparencyOwed;
}
