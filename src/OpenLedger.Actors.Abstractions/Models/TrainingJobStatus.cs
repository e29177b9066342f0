namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>Where a training job is in its life: queued → running → succeeded or failed (both final).</summary>
public enum TrainingJobStatus
{
    /// <summary>Recorded; no silo has started it yet.</summary>
    Queued = 0,
    /// <summary>A silo is working on it (see <see cref="TrainingJobInfo.Stage"/>); after a silo restart it starts again.</summary>
    Running = 1,
    /// <summary>The model is trained and its attribution index built: inferences may use it.</summary>
    Succeeded = 2,
    /// <summary>It will not succeed (see <see cref="TrainingJobInfo.FailureCode"/>); train under a new model id.</summary>
    Failed = 3,
}
