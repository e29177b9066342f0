using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>An embedder that counts the texts it embeds and passes them on (shows what a training job computes and what it reuses).</summary>
internal sealed class CountingTextEmbedder(ITextEmbedder inner) : ITextEmbedder
{
    private int _texts;

    public string Name => inner.Name;

    public int Dimension => inner.Dimension;

    public int Texts => Volatile.Read(ref _texts);

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        Interlocked.Add(ref _texts, texts.Count);
        return inner.Embed(texts);
    }
}
