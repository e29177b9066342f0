using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Text;

/// <summary>
/// A labelled text Datanet version as the feature matrix a text classifier trains on: each document's sentence embedding
/// (<see cref="ITextEmbedder"/>, of its normalised text, recovered exactly from its GPT-2 tokens) as its row, its label
/// as the row's label, row ids, contributors and content hashes as in the version. Computed once per version and
/// embedder, stored as a content-addressed <see cref="VersionMatrix"/> whose key <see cref="IVersionEmbeddingGrain"/>
/// remembers; the influence index reads the same matrix. Called from a training job (off any request), never from a
/// grain call: embedding a version takes seconds to minutes.
/// </summary>
public static class TextVersionEmbedding
{
    /// <summary>The version's embedded matrix and its artifact key: the stored one, or computed now (on the thread pool) and stored.</summary>
    public static async Task<(VersionMatrix Matrix, string Key)> LoadOrEmbedAsync(IGrainFactory grains, IArtifactStore artifacts, ITextEmbedder embedder,
        DatanetVersionInfo version, int classCount, Action<int, int>? progress = null)
    {
        var index = grains.GetGrain<IVersionEmbeddingGrain>(IVersionEmbeddingGrain.KeyOf(version.DatanetId, version.Version, embedder.Name));
        if (await index.GetAsync() is { } stored) return (VersionMatrix.Decode(await artifacts.GetAsync(stored)), stored);

        var corpus = TextVersionCorpus.Decode(await artifacts.GetAsync(version.ArtifactKey));
        var labels = Labels(corpus);
        var matrix = await Task.Run(() => Embed(corpus, labels, classCount, embedder, progress)); // CPU-bound: off the grain's scheduler
        var key = await artifacts.PutAsync(matrix.Encode());
        await index.SetAsync(key);
        return (matrix, key);
    }

    /// <summary>The matrix of <paramref name="corpus"/> (every document labelled) under <paramref name="embedder"/>.</summary>
    public static VersionMatrix Embed(TextVersionCorpus corpus, int[] labels, int classCount, ITextEmbedder embedder, Action<int, int>? progress = null)
    {
        var tokenizer = Gpt2TextTokenizer.Shared;
        var texts = corpus.Tokens.Select(t => tokenizer.Decode(t)).ToArray();
        var features = TextEmbeddingFeatures.Of(embedder, texts, done => progress?.Invoke(done, texts.Length));
        return new VersionMatrix(corpus.DatanetId, corpus.Version, embedder.Dimension, classCount, corpus.RowIds, corpus.Contributors, corpus.Hashes,
            labels, features);
    }

    /// <summary>The documents' labels; <c>training.labels_missing</c> when any document has none.</summary>
    public static int[] Labels(TextVersionCorpus corpus)
    {
        var unlabelled = corpus.Labels?.Count(l => l == TextVersionCorpus.Unlabelled) ?? corpus.RowCount;
        if (unlabelled > 0 || corpus.Labels is null)
            throw OpenLedgerException.Validation("training.labels_missing",
                $"{unlabelled} of the {corpus.RowCount} documents of {corpus.DatanetId} version {corpus.Version} carry no label; a text classifier needs a label on every document.");
        return corpus.Labels;
    }
}
