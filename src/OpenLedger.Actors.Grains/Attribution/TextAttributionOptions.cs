using System.ComponentModel.DataAnnotations;
using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>Span attribution settings for language models (configuration section <c>OpenLedger:TextAttribution</c>).</summary>
public sealed class TextAttributionOptions
{
    public const string Section = "OpenLedger:TextAttribution";

    /// <summary>A span index shard holds at most this many stream tokens (documents plus separators; a larger document is a shard of its own).</summary>
    [Range(2, 1_000_000_000)]
    public int MaxStreamTokensPerShard { get; set; } = 16_000_000;

    /// <summary>Spans shorter than this many tokens are not reported.</summary>
    [Range(1, 1_000)]
    public int MinSpanTokens { get; set; } = 4;

    /// <summary>Spans occurring more often than this in the corpus are common phrases: dropped (and credit tapers towards it).
    /// Also bounds a receipt: at most <see cref="MaxSpans"/> × this many documents.</summary>
    [Range(1, 1_000)]
    public int MaxSpanOccurrences { get; set; } = 16;

    /// <summary>At most this many spans (the rarest) per receipt.</summary>
    [Range(1, 256)]
    public int MaxSpans { get; set; } = 32;

    public SpanQueryOptions Query() => new(MinSpanTokens, MaxSpanOccurrences, MaxSpans);
}
