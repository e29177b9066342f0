using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Grains.Security;

/// <summary>
/// Proves that a call to an internal grain interface was made by silo code. Orleans 10 does not tell a grain call
/// filter which connection a message came in on, and the sender id it reports (<c>SourceId</c>) is whatever the sender
/// wrote into the message: the gateway forwards a client's message without checking it, so a modified client can
/// claim to be the silo's hosted client or a grain. So the silo's outgoing filter attaches, to each call it makes to
/// an internal method, an HMAC-SHA256 with the cluster's internal-call key over the minute, the target grain, the
/// interface and the method; the receiving silo's incoming filter recomputes it. The key lives only in silo processes
/// (a Kubernetes Secret mounted in silo pods alone), proofs travel only on silo-to-silo links (mutual TLS) and
/// in-process, and each proof is good only for that grain and method for a few minutes.
/// </summary>
public sealed class InternalCallProof
{
    /// <summary>The request-context entry that carries a proof.</summary>
    public const string RequestContextKey = "openledger.internal-call";

    private static readonly Lazy<byte[]> ProcessKey = new(() => RandomNumberGenerator.GetBytes(InternalCallOptions.MinimumKeyBytes));

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly long _toleranceMinutes;

    public InternalCallProof(byte[] key, TimeProvider time, TimeSpan clockTolerance)
    {
        if (key.Length < InternalCallOptions.MinimumKeyBytes) throw new ArgumentException($"The internal-call key needs at least {InternalCallOptions.MinimumKeyBytes} bytes.", nameof(key));
        _key = key;
        _time = time;
        _toleranceMinutes = Math.Max(1, (long)Math.Ceiling(clockTolerance.TotalMinutes));
    }

    /// <summary>The proof for the configured key, or for this process's random key when none is configured.</summary>
    public static InternalCallProof From(InternalCallOptions options, TimeProvider time) =>
        new(options.KeyBytes() ?? ProcessKey.Value, time, options.ClockTolerance);

    /// <summary>The proof of silos in this process that have no configured key (in-process clusters, benchmarks).</summary>
    public static InternalCallProof ThisProcess() => new(ProcessKey.Value, TimeProvider.System, TimeSpan.FromMinutes(2));

    /// <summary>The proof for a configured key (base64), e.g. for a tool that is given the cluster's key.</summary>
    public static InternalCallProof ForKey(string base64Key) => From(new InternalCallOptions { InternalCallKey = base64Key }, TimeProvider.System);

    public string Create(GrainId target, string interfaceName, string methodName)
    {
        var minute = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        return minute.ToString(CultureInfo.InvariantCulture) + "." + Mac(minute, target, interfaceName, methodName);
    }

    public bool Verify(string? proof, GrainId target, string interfaceName, string methodName)
    {
        if (string.IsNullOrEmpty(proof) || proof.Length > 128) return false;
        var dot = proof.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(proof.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var minute)) return false;
        var now = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        if (Math.Abs(now - minute) > _toleranceMinutes) return false;
        var expected = Encoding.ASCII.GetBytes(Mac(minute, target, interfaceName, methodName));
        var presented = Encoding.ASCII.GetBytes(proof[(dot + 1)..]);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private string Mac(long minute, GrainId target, string interfaceName, string methodName) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{minute}|{target}|{interfaceName}|{methodName}"))));
}
