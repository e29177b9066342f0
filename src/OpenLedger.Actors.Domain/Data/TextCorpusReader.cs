using System.Text.Json;

namespace OpenLedger.Actors.Domain.Data;

/// <summary>A document of a bundled text corpus: where it came from, its label (the folder it came from) and its raw text.</summary>
public sealed record CorpusDocument(string Path, string Label, string License, string Text);

/// <summary>
/// Reads a text corpus in JSON lines, one object per document: <c>{"path", "subsystem", "spdx", "text"}</c> (the format
/// of <c>data/text/linux-doc-slice.jsonl</c>; see data/README.md). Blank lines are skipped; a malformed line is an
/// <see cref="InvalidDataException"/> naming its line number.
/// </summary>
public static class TextCorpusReader
{
    public static IReadOnlyList<CorpusDocument> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static IReadOnlyList<CorpusDocument> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var documents = new List<CorpusDocument>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                documents.Add(new CorpusDocument(
                    Required(root, "path"),
                    Required(root, "subsystem"),
                    root.TryGetProperty("spdx", out var spdx) && spdx.ValueKind == JsonValueKind.String ? spdx.GetString()! : "",
                    Required(root, "text")));
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"Line {number}: {error.Message}", error);
            }
        }
        return documents;
    }

    private static string Required(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null.");
}
