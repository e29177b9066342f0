namespace OpenLedger.Actors.Grains.Text;

/// <summary>The state of <see cref="VersionEmbeddingGrain"/>: the embedded matrix's artifact key once computed.</summary>
[GenerateSerializer, Alias("openledger.version-embedding-state")]
public sealed class VersionEmbeddingState
{
    [Id(0)] public string? MatrixKey { get; set; }
}
