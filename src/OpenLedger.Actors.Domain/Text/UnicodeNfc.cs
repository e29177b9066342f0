using System.Runtime.InteropServices;

namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// Unicode NFC for <see cref="TextNormalizer"/>. The project runs with invariant globalization, where .NET's own
/// <c>string.Normalize</c> leaves text unchanged, so this calls the system's ICU (libicuuc, which .NET itself uses on
/// Linux and which the aspnet runtime image ships), probing its versioned symbol names as .NET does. Text made only of
/// characters below U+0300 is already in NFC (no combining marks, no singletons) and needs no call. Without ICU,
/// other text cannot be normalised: <see cref="Normalize"/> returns null and the caller refuses the text.
/// </summary>
internal static unsafe class UnicodeNfc
{
    private const int BufferOverflow = 15; // U_BUFFER_OVERFLOW_ERROR

    private static readonly Lazy<Icu?> Library = new(Icu.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool IsAvailable => Library.Value is not null;

    /// <summary>The NFC form of <paramref name="text"/>, or null when it needs ICU and ICU is missing (or refuses it).</summary>
    public static string? Normalize(string text)
    {
        var plain = true;
        foreach (var c in text)
        {
            if (c < '\u0300') continue;
            plain = false;
            break;
        }
        if (plain) return text;
        return Library.Value?.Normalize(text);
    }

    private sealed class Icu
    {
        private readonly nint _nfc;
        private readonly delegate* unmanaged<nint, char*, int, char*, int, int*, int> _normalize;

        private Icu(nint nfc, delegate* unmanaged<nint, char*, int, char*, int, int*, int> normalize)
        {
            _nfc = nfc;
            _normalize = normalize;
        }

        public static Icu? Load()
        {
            for (var version = 99; version >= 50; version--)
            {
                if (!NativeLibrary.TryLoad($"libicuuc.so.{version}", out var handle)) continue;
                foreach (var suffix in new[] { $"_{version}", "" })
                {
                    if (!NativeLibrary.TryGetExport(handle, "unorm2_getNFCInstance" + suffix, out var getInstance)
                        || !NativeLibrary.TryGetExport(handle, "unorm2_normalize" + suffix, out var normalize)) continue;
                    var status = 0;
                    var nfc = ((delegate* unmanaged<int*, nint>)getInstance)(&status);
                    if (status <= 0 && nfc != 0) return new Icu(nfc, (delegate* unmanaged<nint, char*, int, char*, int, int*, int>)normalize);
                }
            }
            return null;
        }

        public string? Normalize(string text)
        {
            var capacity = text.Length + 16;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var buffer = new char[capacity];
                var status = 0;
                int length;
                fixed (char* source = text)
                fixed (char* destination = buffer)
                {
                    length = _normalize(_nfc, source, text.Length, destination, capacity, &status);
                }
                if (status == BufferOverflow)
                {
                    capacity = length;
                    continue;
                }
                return status > 0 ? null : new string(buffer, 0, length);
            }
            return null;
        }
    }
}
