using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Domain.Ledger.Journal;
using Orleans.Storage;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// The ledger journal's storage, through the grain-state provider: records <c>journal-{n}</c> (inserted once, never
/// rewritten) and the head witness <c>journal-head</c>. A write whose outcome is unknown (an error, a timeout, a lost
/// reply) is settled by reading back what storage holds: the same bytes mean it landed; nothing means it is written
/// again, the same bytes under the same number (an insert, so a late first attempt and the retry cannot both land);
/// anything else means another activation wrote there, and the caller must stop and reload.
/// </summary>
internal sealed class LedgerJournal(IGrainStorage storage, GrainId grainId, LedgerOptions options, ILogger logger)
{
    private GrainState<JournalHead> _head = new();

    /// <summary>The newest checkpoint the stored witness names (null: none yet); every witness write carries it on.</summary>
    public CheckpointPointer? Checkpoint => _head.State is { CheckpointKey: { } key } head ? new CheckpointPointer(key, head.CheckpointPosition) : null;

    public async Task<JournalSegment?> ReadRecordAsync(long sequence)
    {
        var record = new GrainState<JournalSegment>();
        try
        {
            await storage.ReadStateAsync(JournalSegment.StateName(sequence), grainId, record);
        }
        catch (Exception e) when (!IsTransient(e))
        {
            throw new JournalIntegrityException($"Journal record {sequence} cannot be read: {e.GetType().Name}: {e.Message}", e);
        }
        if (!record.RecordExists || record.State is null) return null;
        if (record.State.Sequence != sequence) throw new JournalIntegrityException($"Journal record {sequence} is stored as record {record.State.Sequence}.");
        return record.State;
    }

    /// <summary>The witness as stored (null when there is none), remembered with its ETag for the next write.</summary>
    public async Task<JournalWitness?> ReadWitnessAsync()
    {
        var head = new GrainState<JournalHead>();
        try
        {
            await storage.ReadStateAsync(JournalHead.StateName, grainId, head);
        }
        catch (Exception e) when (!IsTransient(e))
        {
            throw new JournalIntegrityException($"The journal's head witness cannot be read: {e.GetType().Name}: {e.Message}", e);
        }
        _head = head;
        return head.RecordExists && head.State is not null ? new JournalWitness(head.State.Sequence, head.State.Hash) : null;
    }

    public async Task WriteRecordAsync(JournalSegment segment)
    {
        var name = JournalSegment.StateName(segment.Sequence);
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            try
            {
                await storage.WriteStateAsync(name, grainId, new GrainState<JournalSegment>(segment));
                return;
            }
            catch (Exception e)
            {
                failure = e;
            }
            var stored = await ReadRecordAsync(segment.Sequence);
            if (stored is not null)
            {
                if (string.Equals(stored.Hash, segment.Hash, StringComparison.Ordinal))
                {
                    logger.LogInformation("Journal record {Sequence} of {Ledger} is stored although its write reported {Error}", segment.Sequence, grainId, failure.Message);
                    return;
                }
                throw new InvalidOperationException($"Journal record {segment.Sequence} was written by another activation of {grainId}.", failure);
            }
            if (attempt >= options.WriteAttempts) throw failure;
            logger.LogWarning("Journal record {Sequence} of {Ledger} was not stored ({Error}); writing it again (attempt {Attempt})", segment.Sequence, grainId, failure.Message, attempt + 1);
            await Task.Delay(options.WriteRetryDelay * (1 << (attempt - 1)));
        }
    }

    /// <summary>Moves the witness to <paramref name="witness"/>, naming <paramref name="checkpoint"/> (else the checkpoint it already names).</summary>
    public async Task WriteWitnessAsync(JournalWitness witness, DateTimeOffset now, CheckpointPointer? checkpoint = null)
    {
        checkpoint ??= Checkpoint;
        for (var attempt = 1; ; attempt++)
        {
            var next = new GrainState<JournalHead>(new JournalHead
            {
                Sequence = witness.Sequence, Hash = witness.Hash, WrittenAt = now, CheckpointKey = checkpoint?.Key, CheckpointPosition = checkpoint?.Position ?? 0,
            })
            {
                ETag = _head.ETag,
                RecordExists = _head.RecordExists,
            };
            Exception failure;
            try
            {
                await storage.WriteStateAsync(JournalHead.StateName, grainId, next);
                _head = next;
                return;
            }
            catch (Exception e)
            {
                failure = e;
            }
            var stored = await ReadWitnessAsync(); // also refreshes the ETag for the next attempt
            if (stored == witness && Checkpoint == checkpoint)
            {
                logger.LogInformation("The head witness of {Ledger} is stored although its write reported {Error}", grainId, failure.Message);
                return;
            }
            if (stored is not null && stored.Sequence > witness.Sequence)
                throw new InvalidOperationException($"The head witness of {grainId} was moved to record {stored.Sequence} by another activation.", failure);
            if (attempt >= options.WriteAttempts) throw failure;
            logger.LogWarning("The head witness of {Ledger} was not stored ({Error}); writing it again (attempt {Attempt})", grainId, failure.Message, attempt + 1);
            await Task.Delay(options.WriteRetryDelay * (1 << (attempt - 1)));
        }
    }

    /// <summary>Failures of the way to storage (worth retrying), as opposed to what storage returned (which is the journal's problem).</summary>
    private static bool IsTransient(Exception e) =>
        e is TimeoutException or OperationCanceledException or IOException or HttpRequestException or SocketException or Azure.RequestFailedException
        || (e.InnerException is { } inner && IsTransient(inner));
}
