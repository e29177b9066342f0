using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Grains.Models;

/// <summary>
/// A training job's durable record. Size budget: the request (three ids ≤ 128 characters, four numbers) and the status
/// (fixed fields, a failure message ≤ 512 characters): under 2 KiB, whatever the model's size (parameters and index
/// live in artifacts).
/// </summary>
[GenerateSerializer]
public sealed class TrainingJobState
{
    [Id(0)] public TrainModelRequest? Request { get; set; }
    [Id(1)] public TrainingJobInfo? Info { get; set; }
}
