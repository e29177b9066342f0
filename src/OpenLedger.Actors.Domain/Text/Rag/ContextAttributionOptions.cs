namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>The parameters of one context attribution; part of a receipt so it can be re-checked.</summary>
/// <param name="Masks">How many random ablations are scored (m).</param>
/// <param name="KeepProbability">The chance each document is kept in an ablation (p).</param>
/// <param name="Seed">The masks' seed (<see cref="ContextAblationMasks"/>).</param>
/// <param name="RelativeAlpha">The LASSO's α as a multiple of the scores' standard deviation, so sparsity does not depend on
/// the answer's length.</param>
/// <param name="Spans">The span query over the retrieved documents.</param>
/// <param name="SpanShare">σ of <see cref="RagRewardRule"/>.</param>
public sealed record ContextAttributionOptions(
    int Masks = 32,
    double KeepProbability = 0.5,
    ulong Seed = 0x5241_4741_5454_5231UL,
    double RelativeAlpha = 0.01,
    SpanQueryOptions? Spans = null,
    double SpanShare = RagRewardRule.DefaultSpanShare)
{
    public static ContextAttributionOptions Default { get; } = new();

    public SpanQueryOptions SpanQuery => Spans ?? SpanQueryOptions.Default;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Masks, 2, nameof(Masks));
        if (!(KeepProbability > 0 && KeepProbability < 1)) throw new ArgumentOutOfRangeException(nameof(KeepProbability));
        if (!double.IsFinite(RelativeAlpha) || RelativeAlpha < 0) throw new ArgumentOutOfRangeException(nameof(RelativeAlpha));
        if (!(SpanShare >= 0 && SpanShare <= 1)) throw new ArgumentOutOfRangeException(nameof(SpanShare));
        SpanQuery.Validate();
    }
}
