using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// A small labelled text set from the bundled linux-doc slice (data/text, GPL-2.0, provenance in data/README.md): every
/// document of four subsystem folders, the folder as the label (mm 45, power 28, usb 24, security 22: 119 documents),
/// each cut to its first <see cref="MaxCharacters"/> characters at a word end ("short documents"). Every fourth
/// document of each label is held out; the rest train.
/// </summary>
internal static class LabelledTextCorpus
{
    public const int MaxCharacters = 2_000;
    public static readonly string[] Labels = ["mm", "power", "usb", "security"];

    private static readonly Lazy<(IReadOnlyList<LabelledText> Train, IReadOnlyList<LabelledText> HeldOut)> Split = new(() =>
    {
        var all = TextCorpusReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "text", "linux-doc-slice.jsonl"));
        var train = new List<LabelledText>();
        var heldOut = new List<LabelledText>();
        for (var label = 0; label < Labels.Length; label++)
        {
            var documents = all.Where(d => d.Label == Labels[label]).ToList();
            for (var i = 0; i < documents.Count; i++)
                (i % 4 == 3 ? heldOut : train).Add(new LabelledText(documents[i].Path, Cut(documents[i].Text), label));
        }
        return (train, heldOut);
    });

    public static IReadOnlyList<LabelledText> Train => Split.Value.Train;

    public static IReadOnlyList<LabelledText> HeldOut => Split.Value.HeldOut;

    private static string Cut(string text)
    {
        if (text.Length <= MaxCharacters) return text;
        var end = text.LastIndexOf(' ', MaxCharacters);
        return text[..(end > 0 ? end : MaxCharacters)];
    }
}

internal sealed record LabelledText(string Path, string Text, int Label);
