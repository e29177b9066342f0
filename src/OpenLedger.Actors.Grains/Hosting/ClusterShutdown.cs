namespace OpenLedger.Actors.Grains.Hosting;

/// <summary>
/// Tells a deactivating grain whether the whole cluster is stopping: its silo shuts down and no other silo is active. Then
/// no grain can be placed anywhere (not even Orleans' in-memory reminder table), so work a clean deactivation would do
/// with other grains — a last flush, dropping a reminder — only fails, loudly. Grains skip it and rely on what they
/// already keep for crashes (durable outboxes, reminders that find nothing owed). A silo leaving a running cluster
/// (a rolling update) still does the full clean deactivation.
/// </summary>
public sealed class ClusterShutdown(IClusterMembershipService membership, ILocalSiloDetails silo)
{
    public bool IsWholeClusterStopping(DeactivationReason reason) =>
        reason.ReasonCode == DeactivationReasonCode.ShuttingDown
        && !membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(silo.SiloAddress));
}
