using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.Domain.Layers;

/// <summary>
/// The rows of one published Datanet version as the trainer takes them: their ids, contributors and the labelled
/// feature matrix, all in row-id order (the grain reads them from the version's content-addressed artifact).
/// </summary>
public sealed record LayerRows
{
    public LayerRows(LayerId id, long[] rowIds, string[] contributors, LabeledDataset data)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        ArgumentNullException.ThrowIfNull(contributors);
        ArgumentNullException.ThrowIfNull(data);
        if (rowIds.Length != data.RowCount || contributors.Length != data.RowCount)
            throw new ArgumentException($"Layer {id}: expected one row id and one contributor per row ({data.RowCount}).");
        Id = id;
        RowIds = rowIds;
        Contributors = contributors;
        Data = data;
    }

    public LayerId Id { get; }
    public long[] RowIds { get; }
    public string[] Contributors { get; }
    public LabeledDataset Data { get; }
    public int RowCount => Data.RowCount;
}
