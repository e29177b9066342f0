namespace OpenLedger.Actors.Domain.Curation;

/// <summary>Why a submission does not fit the day's quota (null when it fits).</summary>
public sealed record QuotaExceeded(string Code, string Message);

/// <summary>
/// One contributor's use of one Datanet's daily quota (UTC days). A submission fits entirely or not at all:
/// exceeding a quota is a clear refusal, never a silent truncation. A new day starts from zero.
/// </summary>
public sealed class ContributionQuota
{
    public DateOnly Day { get; private set; }
    public int RowsUsed { get; private set; }
    public long BytesUsed { get; private set; }

    /// <summary>A quota as stored.</summary>
    public static ContributionQuota Restore(DateOnly day, int rowsUsed, long bytesUsed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowsUsed);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesUsed);
        return new ContributionQuota { Day = day, RowsUsed = rowsUsed, BytesUsed = bytesUsed };
    }

    /// <summary>Counts the submission against the quota of <paramref name="now"/>'s UTC day, or explains why it does not fit.</summary>
    public QuotaExceeded? TryConsume(DateTimeOffset now, int rows, long bytes, int dailyRowQuota, long dailyByteQuota)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var (rowsUsed, bytesUsed) = day == Day ? (RowsUsed, BytesUsed) : (0, 0L);
        if ((long)rowsUsed + rows > dailyRowQuota)
            return new("quota.rows", $"This submission of {rows} rows would exceed today's quota of {dailyRowQuota} rows ({rowsUsed} used).");
        if (bytesUsed + bytes > dailyByteQuota)
            return new("quota.bytes", $"This submission of {bytes} bytes would exceed today's quota of {dailyByteQuota} bytes ({bytesUsed} used).");
        (Day, RowsUsed, BytesUsed) = (day, rowsUsed + rows, bytesUsed + bytes);
        return null;
    }
}
