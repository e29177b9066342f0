using System.Globalization;
using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Cli.Output;

/// <summary>
/// Shows a training job on stderr while the command waits for it: a bar over the job's stages (loading, training,
/// saving, indexing, done) with the Newton step while training; on a terminal one line redrawn in place, otherwise one
/// line per stage. Stdout stays for the result (table or JSON).
/// </summary>
public sealed class TrainingProgressBar(CliConsole console, string modelId) : IProgress<TrainingJobInfo>
{
    private const int BarWidth = 30;
    private static readonly string[] Stages = [TrainingStages.Queued, TrainingStages.Loading, TrainingStages.Training, TrainingStages.Saving, TrainingStages.Indexing, TrainingStages.Done];
    private string? _lastLine;

    public void Report(TrainingJobInfo job)
    {
        var position = Math.Max(0, Array.IndexOf(Stages, job.Stage));
        var fraction = (double)position / (Stages.Length - 1);
        var detail = job.Stage == TrainingStages.Training ? $"training, Newton step {job.Step}" : job.Stage;
        if (job.Attempt > 1) detail += $" (attempt {job.Attempt})";
        if (job.Status == TrainingJobStatus.Failed) detail = $"failed: {job.FailureCode}";
        if (console.ErrorIsTerminal)
        {
            var filled = (int)Math.Round(fraction * BarWidth);
            var line = string.Create(CultureInfo.InvariantCulture, $"\rTraining {modelId} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {detail}");
            console.Error.Write(line.PadRight(_lastLine?.Length ?? 0));
            _lastLine = line;
            if (job.IsFinished) console.Error.WriteLine();
            return;
        }
        var plain = $"Training {modelId}: {(job.Stage == TrainingStages.Training ? TrainingStages.Training : detail)}";
        if (plain == _lastLine) return;
        _lastLine = plain;
        console.Error.WriteLine(plain);
    }
}
