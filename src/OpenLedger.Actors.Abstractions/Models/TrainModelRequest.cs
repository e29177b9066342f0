namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>Train the built-in model on a published Datanet version.</summary>
/// <param name="FeePerInference">Integer micro-units charged per inference.</param>
/// <param name="Lambda">L2 strength λ (&gt; 0).</param>
[GenerateSerializer, Immutable, Alias("openledger.train-request")]
public sealed record TrainModelRequest(
    [property: Id(0)] string OwnerAccount,
    [property: Id(1)] string DatanetId,
    [property: Id(2)] int DatanetVersion,
    [property: Id(3)] long FeePerInference,
    [property: Id(4)] double Lambda = 0.01);
