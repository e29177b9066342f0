namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// The words of a text as the near-duplicate check and keyword retrieval see them: maximal runs of letters and digits,
/// lower-cased invariantly, each named by its 64-bit FNV-1a hash (no runtime string hashing, so the same on every
/// machine; two different words sharing a hash is a 2⁻⁶⁴ event per pair).
/// </summary>
public static class TextWords
{
    /// <summary>The hash of each word of <paramref name="text"/>, in order.</summary>
    public static List<ulong> Hashes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hashes = new List<ulong>();
        var hash = 0UL;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord) hash = 0xcbf29ce484222325UL;
                inWord = true;
                hash = (hash ^ char.ToLowerInvariant(c)) * 0x100000001b3UL;
            }
            else if (inWord)
            {
                hashes.Add(hash);
                inWord = false;
            }
        }
        if (inWord) hashes.Add(hash);
        return hashes;
    }
}
