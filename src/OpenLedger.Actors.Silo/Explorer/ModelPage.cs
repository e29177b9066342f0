using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>One model: its training manifest, training figures, fee, and what it has served.</summary>
public static class ModelPage
{
    public static Html Render(ModelCatalogEntry entry)
    {
        var m = entry.Info;
        var builtIn = m.Kind is ModelKinds.BuiltIn or ModelKinds.TextClassifier; // trained here: training figures
        var training = builtIn
            ? Html.Of($"""
                <tr><th>method</th><td>L2-regularised multinomial logistic regression on z-scored features, Newton's method; attributed by exact influence functions</td></tr>
                <tr><th>λ (L2 strength)</th><td>{Format.Number(m.Lambda)}</td></tr>
                <tr><th>training accuracy</th><td id="accuracy">{Format.Percent(m.TrainingAccuracy)}</td></tr>
                <tr><th>mean cross-entropy</th><td>{Format.Number(m.TrainingLoss, "F4")}</td></tr>
                <tr><th>Newton steps, final ‖∇J‖</th><td>{m.Iterations}, {Format.Scientific(m.GradientNorm)}</td></tr>
                """)
            : Html.Of($"""
                <tr><th>method</th><td>trained elsewhere; registered with its training manifest and an embedding of each training row ({m.EmbeddingSize} values); attributed by representation similarity</td></tr>
                """);
        return Html.Of($"""
            <h1>Model <code>{m.Id}</code></h1>
            <p class="lede">Owned by <a href="{Format.AccountUrl(m.Owner)}">{m.Owner}</a> · {m.Kind} · registered {Format.Time(m.TrainedAt)}</p>
            <div class="figures">
            <div class="figure"><b id="fee">{Format.Micro(m.FeePerInference)} µ</b><span>fee per inference</span></div>
            <div class="figure"><b>{Format.Count(entry.InferenceCount)}</b><span>inferences served</span></div>
            <div class="figure"><b>{Format.Micro(entry.FeesCharged)} µ</b><span>fees charged</span></div>
            </div>
            <h2>Training manifest</h2>
            <table id="manifest">
            <tr><th>Datanet</th><td><a href="{Format.DatanetUrl(m.Manifest.DatanetId)}">{m.Manifest.DatanetId}</a>, version {m.Manifest.DatanetVersion}</td></tr>
            <tr><th>training rows</th><td>{Format.Count(m.Manifest.RowCount)}</td></tr>
            <tr><th>version artifact (SHA-256)</th><td><code>{m.Manifest.VersionArtifactKey}</code></td></tr>
            <tr><th>input features, classes</th><td>{m.Dimension}, {m.ClassCount}</td></tr>
            <tr><th>curators paid per inference</th><td>{string.Join(", ", m.Curators)}</td></tr>
            {training}
            </table>
            """);
    }
}
