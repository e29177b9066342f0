using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Grains.Models;

/// <summary>
/// A span index job's durable record. Size budget: the registration (two ids ≤ 128 characters, two numbers) and the
/// status (fixed fields, a failure message ≤ 512 characters): under 2 KiB, whatever the corpus size (shards and
/// manifest live in artifacts).
/// </summary>
[GenerateSerializer]
public sealed class SpanIndexJobState
{
    [Id(0)] public RegisterLanguageModelRequest? Request { get; set; }
    [Id(1)] public TrainingJobInfo? Info { get; set; }
}
