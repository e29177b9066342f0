using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Cli.Output;
using Spectre.Console;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>model train --model ID --owner ACCOUNT --datanet ID [--version N] [--fee MICRO] [--l2 λ]</c>: trains the
/// built-in model on a published version (default: the latest). Training is a job on the cluster: the command starts it
/// and waits with a progress bar (stages, Newton step); interrupted, the job carries on and the same command again waits
/// for the same job. The same request after it succeeded returns the trained model.
/// </summary>
internal static class ModelTrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The new model's id.", Required = true };
        var owner = new Option<string>("--owner") { Description = "The model owner's account (receives the owner's fee share).", Required = true };
        var datanet = new Option<string>("--datanet") { Description = "The Datanet to train on.", Required = true };
        var version = new Option<int?>("--version") { Description = "The published version to train on (default: the latest)." };
        var fee = new Option<long>("--fee") { Description = "Fee per inference in micro-units.", DefaultValueFactory = _ => 1_000 };
        var l2 = new Option<double>("--l2") { Description = "L2 strength λ (> 0).", DefaultValueFactory = _ => 0.01 };
        var command = new Command("train", "Train the built-in model (L2-regularised logistic regression) on a published Datanet version.")
        {
            model, owner, datanet, version, fee, l2,
        };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var datanetId = parse.GetValue(datanet)!;
            var chosen = parse.GetValue(version);
            if (chosen is null)
            {
                var info = await client.GetDatanetAsync(datanetId, cancellationToken);
                if (info.Versions.Count == 0) return console.Fail(ExitCodes.NotFound, $"Datanet '{datanetId}' has no published version yet; run 'datanet approve' first.", "version.not_found");
                chosen = info.Versions[^1].Version;
            }
            var modelId = parse.GetValue(model)!;
            var request = new TrainModelRequest(parse.GetValue(owner)!, datanetId, chosen.Value, parse.GetValue(fee), parse.GetValue(l2));
            var trained = await console.ProgressAsync($"Training {modelId}", Stages.Length - 1, progress =>
                client.TrainModelAsync(modelId, request, new StageProgress(progress, modelId), cancellationToken));
            if (console.Json)
            {
                console.WriteJson(trained);
                return ExitCodes.Ok;
            }
            var table = CliTable.Create(["model", "datanet", "version", "rows", "features", "classes", "λ", "Newton steps", "‖∇J‖", "accuracy", "fee"],
                "version", "rows", "features", "classes", "Newton steps", "accuracy", "fee");
            table.Add(trained.Id, trained.Manifest.DatanetId, trained.Manifest.DatanetVersion, trained.Manifest.RowCount, trained.Dimension, trained.ClassCount,
                trained.Lambda.ToString("G", CultureInfo.InvariantCulture), trained.Iterations, trained.GradientNorm.ToString("E2", CultureInfo.InvariantCulture),
                trained.TrainingAccuracy.ToString("P2", CultureInfo.InvariantCulture), trained.FeePerInference.ToString("N0", CultureInfo.InvariantCulture));
            console.Write(table);
            return ExitCodes.Ok;
        });
    }

    private static readonly string[] Stages = [TrainingStages.Queued, TrainingStages.Loading, TrainingStages.Training, TrainingStages.Saving, TrainingStages.Indexing, TrainingStages.Done];

    /// <summary>Moves the bar one step per job stage and names the stage (with the Newton step while training).</summary>
    private sealed class StageProgress(ProgressTask task, string modelId) : IProgress<TrainingJobInfo>
    {
        public void Report(TrainingJobInfo job)
        {
            var detail = job.Stage == TrainingStages.Training ? $"training, Newton step {job.Step}" : job.Stage;
            if (job.Attempt > 1) detail += $" (attempt {job.Attempt})";
            if (job.Status == TrainingJobStatus.Failed) detail = $"failed: {job.FailureCode}";
            task.Description = Markup.Escape($"Training {modelId}: {detail}");
            task.Value = Math.Max(0, Array.IndexOf(Stages, job.Stage));
        }
    }
}
