using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpenLedger.Actors.Grains.Telemetry;

/// <summary>The project's activity source and meter, and the instruments the grains record.</summary>
public static class OpenLedgerTelemetry
{
    public const string Name = "OpenLedger.Actors";

    public static readonly ActivitySource ActivitySource = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Inferences = Meter.CreateCounter<long>("openledger.inferences", description: "Inferences charged (first executions, not replays).");
    public static readonly Counter<long> InferenceReplays = Meter.CreateCounter<long>("openledger.inference.replays", description: "Inference calls answered from a stored result.");
    public static readonly Counter<long> FeesCharged = Meter.CreateCounter<long>("openledger.fees.charged", unit: "micro-units", description: "Inference fees charged to payers.");
    public static readonly Histogram<double> AttributionLatency = Meter.CreateHistogram<double>("openledger.attribution.duration", unit: "ms", description: "Time to predict and attribute one query.");
    public static readonly Counter<long> RowsScanned = Meter.CreateCounter<long>("openledger.attribution.rows_scanned", description: "Training rows scanned by influence queries.");
    public static readonly Histogram<long> LedgerBatchSize = Meter.CreateHistogram<long>("openledger.ledger.batch.transfers", description: "Transfers per group-committed ledger batch.");
    public static readonly Counter<long> ClaimsPaid = Meter.CreateCounter<long>("openledger.claims.paid", unit: "micro-units", description: "Balances paid out by authorised claims.");
    public static readonly Counter<long> ClaimsRefused = Meter.CreateCounter<long>("openledger.claims.refused", description: "Claims refused for a signature that is not the owner's.");
    public static readonly Counter<long> Penalties = Meter.CreateCounter<long>("openledger.curation.penalties", description: "Penalties recorded against contributors (duplicate or adversarial submissions).");
    public static readonly Counter<long> SubmissionsRefused = Meter.CreateCounter<long>("openledger.curation.refused", description: "Submissions refused by validation, quota or stake rules.");
    public static readonly Counter<long> DuplicateRows = Meter.CreateCounter<long>("openledger.curation.duplicates", description: "Submitted rows flagged as near-duplicates of existing rows.");
    public static readonly Histogram<double> LedgerFlushLatency = Meter.CreateHistogram<double>("openledger.ledger.batch.flush.duration", unit: "ms", description: "Time to write one ledger batch durably.");
    public static readonly Histogram<double> ScanRate = Meter.CreateHistogram<double>("openledger.attribution.scan.rate", unit: "{row}/s", description: "Training rows per second of one attribution (prediction and influence scan).");
    public static readonly Counter<long> RewardsPaid = Meter.CreateCounter<long>("openledger.rewards.paid", unit: "micro-units", description: "Inference fee parts credited, by recipient role (tag role: protocol, model_owner, curator, contributor, unattributed, withheld).");
    public static readonly Counter<long> Rejections = Meter.CreateCounter<long>("openledger.rejections", description: "Client calls refused with a typed error (tags kind and code, e.g. Validation / row.dimension).");

    /// <summary>Stake slashed from contributors. No producer yet: the curation rules (<c>Domain/Curation</c>) are not wired into grains.</summary>
    public static readonly Counter<long> StakeSlashed = Meter.CreateCounter<long>("openledger.stake.slashed", unit: "micro-units", description: "Contributor stake slashed to the protocol treasury for duplicate or adversarial submissions.");

    /// <summary>One attribution: its latency, the rows it scanned and the scan rate they make.</summary>
    public static void RecordAttribution(TimeSpan elapsed, int rows)
    {
        AttributionLatency.Record(elapsed.TotalMilliseconds);
        RowsScanned.Add(rows);
        if (elapsed > TimeSpan.Zero) ScanRate.Record(rows / elapsed.TotalSeconds);
    }
}
