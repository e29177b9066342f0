namespace OpenLedger.Actors.Sdk.Requests;

/// <summary>The transparency logs there are (one today: every inference's receipt).</summary>
public static class TransparencyLogs
{
    public const string Receipts = "receipts";
}

/// <summary>The audit path of entry <see cref="Index"/> in the log's tree of <see cref="TreeSize"/> entries (a signed head's size).</summary>
public sealed record InclusionProofRequest(long Index, long TreeSize, string LogId = TransparencyLogs.Receipts);

/// <summary>The proof that the tree of <see cref="ToSize"/> entries extends the one of <see cref="FromSize"/> (two signed heads' sizes).</summary>
public sealed record ConsistencyProofRequest(long FromSize, long ToSize, string LogId = TransparencyLogs.Receipts);

/// <summary>The log's entries from <see cref="Start"/> up to <see cref="End"/> (exclusive; a signed head's size), or to the log's end when null.</summary>
public sealed record LogEntriesRequest(long Start = 0, long? End = null, string LogId = TransparencyLogs.Receipts);
