using System.ComponentModel.DataAnnotations;
using OpenLedger.Actors.Domain.Economics;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>The fee split in basis points (configuration section <c>OpenLedger:FeeShares</c>); must sum to 10,000.</summary>
public sealed class FeePolicyOptions : IValidatableObject
{
    public const string Section = "OpenLedger:FeeShares";

    [Range(0, 10_000)] public int ProtocolBps { get; set; } = FeeSharePolicy.Default.ProtocolBps;
    [Range(0, 10_000)] public int ModelOwnerBps { get; set; } = FeeSharePolicy.Default.ModelOwnerBps;
    [Range(0, 10_000)] public int CuratorsBps { get; set; } = FeeSharePolicy.Default.CuratorsBps;
    [Range(0, 10_000)] public int ContributorsBps { get; set; } = FeeSharePolicy.Default.ContributorsBps;

    public FeeSharePolicy ToPolicy() => new(ProtocolBps, ModelOwnerBps, CuratorsBps, ContributorsBps);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ProtocolBps + ModelOwnerBps + CuratorsBps + ContributorsBps != FeeSharePolicy.TotalBps)
            yield return new ValidationResult($"Fee shares must sum to {FeeSharePolicy.TotalBps} basis points.");
    }
}
