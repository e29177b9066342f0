using OpenLedger.Actors.Domain.Layers;
using OpenLedger.Actors.Domain.Lineage;

namespace OpenLedger.Actors.UnitTests.Layers;

public sealed class ModelFamilyTests
{
    private static ModelVersion Version(int version, int? parent, double accuracy, string heldOut = "held-out-1", string artifact = "artifact") =>
        new("digits", version, parent, new LayeredManifest([new("digits", version, 1), new("digits-corrections", 1, 2)]), 0.01,
            new HeldOutEvaluation(heldOut, 400, accuracy, 0.3), $"{artifact}-{version}", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Versions_form_a_lineage_and_a_version_is_promoted_only_if_not_worse()
    {
        var family = ModelFamily.Create("digits");
        Assert.Null(family.Resolve(null));
        Assert.Equal(RegisterResult.UnknownParent, family.Register(Version(1, 1, 0.9)));
        Assert.Equal(RegisterResult.Ok, family.Register(Version(1, null, 0.90)));
        Assert.Equal(1, family.CurrentVersion);
        Assert.Equal(RegisterResult.Exists, family.Register(Version(1, null, 0.90)));
        Assert.Equal(RegisterResult.ExistsWithDifferentContent, family.Register(Version(1, null, 0.90, artifact: "other")));
        Assert.Equal(RegisterResult.VersionNotNext, family.Register(Version(3, 1, 0.95)));
        Assert.Equal(RegisterResult.UnknownParent, family.Register(Version(2, null, 0.95)));
        Assert.Equal(RegisterResult.WrongFamily, family.Register(Version(2, 1, 0.95) with { Family = "other" }));
        Assert.Equal(RegisterResult.ManifestInvalid, family.Register(Version(2, 1, 0.95) with { Manifest = new LayeredManifest([]) }));

        Assert.Equal(RegisterResult.Ok, family.Register(Version(2, 1, 0.89)));
        Assert.Equal(1, family.CurrentVersion); // registered, not promoted
        Assert.Equal(PromotionResult.NotBetter, family.Promote(2));
        Assert.Equal(RegisterResult.Ok, family.Register(Version(3, 1, 0.90, heldOut: "held-out-2")));
        Assert.Equal(PromotionResult.DifferentHeldOutSet, family.Promote(3));
        Assert.Equal(RegisterResult.Ok, family.Register(Version(4, 1, 0.90)));
        Assert.Equal(PromotionResult.Promoted, family.Promote(4)); // equal accuracy is not worse
        Assert.Equal(PromotionResult.AlreadyCurrent, family.Promote(4));
        Assert.Equal(PromotionResult.UnknownVersion, family.Promote(9));

        Assert.Equal(4, family.Resolve(null)!.Version);
        Assert.Equal(2, family.Resolve(2)!.Version); // a pinned session keeps its version
        Assert.Null(family.Resolve(7));

        var restored = ModelFamily.Restore("digits", family.Versions.Reverse(), family.CurrentVersion);
        Assert.Equal(family.Versions, restored.Versions);
        Assert.Equal(4, restored.CurrentVersion);
    }
}
