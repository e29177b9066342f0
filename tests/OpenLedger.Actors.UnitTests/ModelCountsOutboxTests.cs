using OpenLedger.Actors.Domain.Explorer;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The explorer catalog's outbox of model counts: numbered batches, owed sums, acknowledgement, reload.</summary>
public sealed class ModelCountsOutboxTests
{
    [Fact]
    public void Deltas_accumulate_per_model_and_seal_into_batches_numbered_in_order()
    {
        var outbox = new ModelCountsOutbox();
        Assert.Null(outbox.Seal()); // nothing owed: no batch, no number used
        outbox.Add("m1", 1, 100);
        outbox.Add("m2", 1, 40);
        outbox.Add("m1", 1, 100);
        var first = outbox.Seal()!;
        outbox.Add("m1", 1, 100);
        var second = outbox.Seal()!;

        Assert.Equal((1L, 2L), (first.Number, second.Number));
        Assert.Equal([new ModelCountDelta("m1", 2, 200), new ModelCountDelta("m2", 1, 40)], first.Deltas.OrderBy(d => d.ModelId));
        Assert.Equal((3L, 300L), outbox.OwedTo("m1", appliedThrough: 0));
        Assert.Equal((1L, 100L), outbox.OwedTo("m1", appliedThrough: 1)); // the entry has applied batch 1: only batch 2 is owed
        Assert.Equal((0L, 0L), outbox.OwedTo("m3", appliedThrough: 0));
    }

    [Fact]
    public void An_acknowledged_batch_is_no_longer_owed_and_a_reloaded_outbox_continues_the_numbers()
    {
        var outbox = new ModelCountsOutbox();
        outbox.Add("m1", 1, 100);
        outbox.Seal();
        outbox.Add("m1", 2, 200);
        outbox.Seal();
        outbox.Add("m2", 1, 40); // still accumulating

        Assert.True(outbox.Acknowledge(1));
        Assert.False(outbox.Acknowledge(1));
        var reloaded = new ModelCountsOutbox(outbox.LastNumber, outbox.Sealed, outbox.Accumulating);

        Assert.Equal([2L], reloaded.Sealed.Select(b => b.Number));
        Assert.Equal((2L, 200L), reloaded.OwedTo("m1", appliedThrough: 0));
        Assert.Equal((1L, 40L), reloaded.OwedTo("m2", appliedThrough: 0));
        Assert.Equal(3, reloaded.Seal()!.Number);
    }

    [Fact]
    public void The_outbox_is_full_at_its_bound_of_owed_deltas()
    {
        var outbox = new ModelCountsOutbox();
        for (var i = 0; i < ModelCountsOutbox.MaxDeltas - 1; i++) outbox.Add($"m{i}", 1, 1);
        Assert.False(outbox.IsFull);
        outbox.Seal();
        outbox.Add("m-last", 1, 1);
        Assert.True(outbox.IsFull); // sealed and accumulating deltas both count
        outbox.Acknowledge(1);
        Assert.False(outbox.IsFull);
    }
}
