using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>Inference settings (configuration section <c>OpenLedger:Inference</c>).</summary>
public sealed class InferenceOptions
{
    public const string Section = "OpenLedger:Inference";

    /// <summary>
    /// How long an inference's fee reservation (a pending ledger transfer) holds before the ledger voids it by itself. A
    /// retry after that charges nothing and answers <c>inference.expired</c>: the client sends it again under a new key.
    /// The first attempt records the value, so a changed setting never changes a reservation already made.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often an inference whose deliveries (attribution totals, explorer, pools) are still owed tries them again, by a
    /// reminder registered before the receipt write and dropped once all are acknowledged (Orleans' minimum reminder
    /// period applies: tests that shorten this lower <c>ReminderOptions.MinimumReminderPeriod</c> too).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DeliveryRetryInterval { get; set; } = TimeSpan.FromMinutes(1);
}
