using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>A model's influence index (behind its query batcher) together with what maps its row indices back to contributions.</summary>
internal sealed record LoadedAttributionIndex(ModelInfo Model, QueryBatcher Batcher, VersionMatrix Rows);
