using System.Security.Cryptography;
using System.Text;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// A text contribution in normal form (<see cref="TextNormalizer"/>) with its content hash: SHA-256 of the normalised
/// UTF-8 bytes, lower-case hex, so the same text always has the same hash whatever line endings or Unicode composition
/// it arrived with.
/// </summary>
public sealed record TextDocument(string Text, string ContentHash)
{
    /// <summary>Normalises and hashes <paramref name="raw"/>; a problem for bad input.</summary>
    public static (TextDocument? Document, ValidationProblem? Problem) Create(string? raw, int maxBytes = TextNormalizer.DefaultMaxBytes)
    {
        var (text, problem) = TextNormalizer.Normalize(raw, maxBytes);
        return text is null ? (null, problem) : (new TextDocument(text, HashOf(text)), null);
    }

    /// <summary>Normalises and hashes UTF-8 bytes; a problem for bad input.</summary>
    public static (TextDocument? Document, ValidationProblem? Problem) Create(ReadOnlySpan<byte> utf8, int maxBytes = TextNormalizer.DefaultMaxBytes)
    {
        var (text, problem) = TextNormalizer.Normalize(utf8, maxBytes);
        return text is null ? (null, problem) : (new TextDocument(text, HashOf(text)), null);
    }

    /// <summary>The content hash of an already normalised text.</summary>
    public static string HashOf(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
}
