using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.TextBenchmarks;

/// <summary>
/// The benchmark corpus: every text file of Debian's linux-doc-6.1 (Documentation/, gzip-compressed or plain, in path
/// order; images, fonts, scripts and style sheets left out), normalised (<see cref="TextNormalizer"/>, 1 MiB limit) and
/// tokenised with GPT-2, as one token stream with a separator after each document. Installed by .ci/run's apt step,
/// never downloaded here. Tokenising takes a while, so the stream is cached in the temp folder under a key made of the
/// package's file list and sizes.
/// </summary>
internal static class LinuxDocCorpus
{
    public const string Root = "/usr/share/doc/linux-doc-6.1/Documentation";
    private static readonly string[] Skipped = [".svg", ".png", ".jpg", ".gif", ".dot", ".js", ".css", ".woff", ".woff2", ".ico"];

    /// <summary>The corpus's token stream (documents each ended by the separator); <paramref name="maxTokens"/> stops early (smoke runs).</summary>
    public static ushort[] Load(long maxTokens, Action<string> progress)
    {
        if (!Directory.Exists(Root))
            throw new DirectoryNotFoundException($"{Root} is missing: apt-get install linux-doc-6.1 (.ci/run installs it).");
        var files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !Skipped.Contains(Path.GetExtension(f.EndsWith(".gz", StringComparison.Ordinal) ? f[..^3] : f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", files.Select(f => $"{f}:{new FileInfo(f).Length}")) + $"\nlimit {maxTokens}")))[..16];
        var cache = Path.Combine(Path.GetTempPath(), "openledger-text-benchmarks", $"linux-doc-{key}.tokens");
        if (File.Exists(cache))
        {
            progress($"corpus: cached token stream {cache}");
            var bytes = File.ReadAllBytes(cache);
            return MemoryMarshal.Cast<byte, ushort>(bytes).ToArray();
        }

        progress($"corpus: tokenising {files.Length:N0} files of {Root}");
        var documents = new ushort[files.Length][];
        long total = 0;
        var batch = Math.Max(1, Environment.ProcessorCount) * 16;
        for (var first = 0; first < files.Length && total < maxTokens; first += batch)
        {
            var last = Math.Min(files.Length, first + batch);
            Parallel.For(first, last, i => documents[i] = Tokenize(files[i]));
            for (var i = first; i < last; i++) total += documents[i].Length + (documents[i].Length > 0 ? 1 : 0);
        }
        var stream = new List<ushort>((int)Math.Min(total, int.MaxValue));
        foreach (var document in documents)
        {
            if (document is null || document.Length == 0) continue;
            stream.AddRange(document);
            stream.Add(Gpt2TextTokenizer.Separator);
        }
        var result = stream.ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        File.WriteAllBytes(cache, MemoryMarshal.AsBytes(result.AsSpan()).ToArray());
        return result;
    }

    private static ushort[] Tokenize(string path)
    {
        byte[] raw;
        using (var file = File.OpenRead(path))
        using (var memory = new MemoryStream())
        {
            if (path.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                gzip.CopyTo(memory);
            }
            else
            {
                file.CopyTo(memory);
            }
            raw = memory.ToArray();
        }
        var (document, _) = TextDocument.Create(raw, 1 << 20);
        return document is null ? [] : Gpt2TextTokenizer.Shared.Encode(document.Text);
    }

    /// <summary>
    /// A stream of exactly <paramref name="tokens"/> tokens: the corpus's documents in order, repeated as often as it
    /// takes (DESIGN.md: long benchmark corpora may concatenate real corpora), the last document cut to fit and ended
    /// by a separator. Returns the stream and its number of documents.
    /// </summary>
    public static (ushort[] Stream, int Documents) Repeat(ushort[] corpus, int tokens)
    {
        var stream = GC.AllocateUninitializedArray<ushort>(tokens);
        var filled = 0;
        while (filled < tokens)
        {
            var take = Math.Min(corpus.Length, tokens - filled);
            corpus.AsSpan(0, take).CopyTo(stream.AsSpan(filled));
            filled += take;
        }
        stream[^1] = Gpt2TextTokenizer.Separator;
        var documents = 0;
        foreach (var token in stream)
        {
            if (token == Gpt2TextTokenizer.Separator) documents++;
        }
        return (stream, documents);
    }
}
