namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>The stages a training job goes through, in order (<see cref="TrainingJobInfo.Stage"/>).</summary>
public static class TrainingStages
{
    public const string Queued = "queued";
    /// <summary>Reading the Datanet version's rows.</summary>
    public const string Loading = "loading";
    /// <summary>A text classifier's features: embedding the version's documents (once per version and embedder; a later
    /// job reuses the stored matrix); <see cref="TrainingJobInfo.Step"/> of <see cref="TrainingJobInfo.Steps"/> documents done.</summary>
    public const string Embedding = "embedding";
    /// <summary>Newton's method; <see cref="TrainingJobInfo.Step"/> of at most <see cref="TrainingJobInfo.Steps"/>.</summary>
    public const string Training = "training";
    /// <summary>Writing the parameters and recording the model.</summary>
    public const string Saving = "saving";
    /// <summary>Building the attribution index (Hessian factor, row shards) the first inference needs.</summary>
    public const string Indexing = "indexing";
    /// <summary>A language model's span index: building its suffix-array shards; <see cref="TrainingJobInfo.Step"/> of <see cref="TrainingJobInfo.Steps"/> shards done.</summary>
    public const string BuildingSpanIndex = "building-span-index";
    /// <summary>A RAG model's retrieval index: decoding the version's documents and building their BM25 index.</summary>
    public const string BuildingRetrievalIndex = "building-retrieval-index";
    public const string Done = "done";
}
