using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>A SHA-256 identifying an inference request body: session, payer, model, top-k, features and representation (bit-exact), label, text and prompt, and a RAG model's question, rows and retrieve count.</summary>
internal static class InferenceFingerprint
{
    public static string Of(SessionInfo session, InferenceRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{session.SessionId}\n{session.PayerAccount}\n{session.ModelId}\n{session.TopK}\n{request.Label?.ToString() ?? "-"}\n"));
        Span<byte> buffer = stackalloc byte[sizeof(double)];
        foreach (var value in request.Features)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
            hash.AppendData(buffer);
        }
        if (request.Representation is { } representation)
        {
            hash.AppendData("\nrepresentation\n"u8);
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(representation.AsSpan()));
        }
        if (request.Text is not null || request.Prompt is not null)
        {
            hash.AppendData("\ntext\n"u8);
            hash.AppendData(SHA256.HashData(Encoding.UTF8.GetBytes(request.Text ?? "")));
            hash.AppendData(request.Prompt is null ? "-"u8 : SHA256.HashData(Encoding.UTF8.GetBytes(request.Prompt)));
        }
        if (request.Question is not null || request.RowIds is not null || request.Retrieve is not null)
        {
            hash.AppendData("\nrag\n"u8);
            hash.AppendData(request.Question is null ? "-"u8 : SHA256.HashData(Encoding.UTF8.GetBytes(request.Question)));
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{(request.RowIds is null ? "-" : string.Join(',', request.RowIds))}\n{request.Retrieve?.ToString() ?? "-"}\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
