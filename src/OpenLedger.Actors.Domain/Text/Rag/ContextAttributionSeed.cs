using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// The ablation masks' seed of one inference: the first 8 bytes (big-endian) of the SHA-256 of its id (UTF-8). A retry
/// of the inference draws the same masks and so recomputes the same weights; anyone holding the receipt re-derives it.
/// </summary>
public static class ContextAttributionSeed
{
    public static ulong Of(string inferenceId)
    {
        ArgumentNullException.ThrowIfNull(inferenceId);
        return BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(inferenceId)));
    }
}
