namespace OpenLedger.Actors.IntegrationTests;

/// <summary>How the size tests' cluster is shaped at each scale.</summary>
internal static class SizeScale
{
    /// <summary>
    /// The small plan (in ./test.sh) runs on two silos, so its writes cross silos; the 10× plan runs on one, since the
    /// stored sizes it asserts do not depend on placement and on a shared two-core machine the second silo's messaging
    /// costs more than its work. Both write through the same grains to the same Azure Table provider.
    /// </summary>
    public static int Silos(bool full) => full ? 1 : 2;
}
