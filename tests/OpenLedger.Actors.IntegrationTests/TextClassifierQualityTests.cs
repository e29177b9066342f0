using System.Diagnostics;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Attribution.Evaluation;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Grains.Text;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The text classifier's attribution measured against retraining, as for the numeric datasets: the labelled linux-doc
/// set (<see cref="LabelledTextCorpus"/>) embedded with MiniLM, the built-in model (384 × 4, P = 1,540) trained on the
/// training documents, and <see cref="AttributionEvaluator"/> on held-out documents as queries. Sized to run in about a
/// minute (10 queries, M = 20 subsets, 10 leave-one-out rows); the README gives the figures.
/// </summary>
public sealed class TextClassifierQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Exact_influence_on_sentence_embeddings_predicts_retraining()
    {
        var embedder = new MiniLmTextEmbedder();
        var classes = LabelledTextCorpus.Labels.Length;
        LabeledDataset Embedded(IReadOnlyList<LabelledText> documents) =>
            new(TextEmbeddingFeatures.Of(embedder, documents.Select(d => TextDocument.Create(d.Text).Document!.Text).ToArray()),
                documents.Select(d => d.Label).ToArray(), embedder.Dimension, classes);
        var train = Embedded(LabelledTextCorpus.Train);
        var queries = Embedded(LabelledTextCorpus.HeldOut.Where((_, i) => i % 3 == 0).ToArray());

        var started = Stopwatch.GetTimestamp();
        var report = AttributionEvaluator.Evaluate(train, queries, new EvaluationOptions
        {
            Lambda = 0.01, Alpha = 0.5, SubsetCount = 20, LeaveOneOutRows = 10, Seed = 1, IncludeTracIn = false,
        });
        output.WriteLine($"N={report.TrainingRows}, D={report.Dimension}, C={report.ClassCount}, {report.QueryCount} queries, training accuracy {report.TrainingAccuracy:P1}, {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
        foreach (var m in report.Methods) output.WriteLine($"{m.Method,-26} LDS {m.Lds:F3}  LOO {m.LeaveOneOut:F3}");
        var exact = report.Methods[0];
        Assert.Equal(InfluenceIndex.MethodName, exact.Method);
        Assert.True(exact.Lds >= 0.8, $"LDS {exact.Lds:F3}");
        Assert.True(exact.LeaveOneOut >= 0.8, $"leave-one-out {exact.LeaveOneOut:F3}");
    }
}
