using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Grains.Models;

[GenerateSerializer]
public sealed class ModelState
{
    [Id(0)] public TrainModelRequest? Request { get; set; }
    [Id(1)] public ModelInfo? Info { get; set; }
}
