using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// Where an account's stake is listed for proposals' snapshots: one of <see cref="BucketCount"/> index buckets
/// (<see cref="IStakeIndexBucketGrain"/>), chosen by a hash of the account, so each bucket holds about 1/256 of the
/// staked accounts. Votes on a proposal use the same buckets. The count is fixed: changing it would move accounts.
/// </summary>
public static class StakeIndex
{
    public const int BucketCount = 256;

    public static int BucketOf(string account) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(account))) % BucketCount);
}
