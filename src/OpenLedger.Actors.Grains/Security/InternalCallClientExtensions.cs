namespace OpenLedger.Actors.Grains.Security;

public static class InternalCallClientExtensions
{
    /// <summary>
    /// Makes a grain client's calls to internal interfaces carry proofs made with <paramref name="proof"/>'s key, as silo
    /// code's do. For code that belongs to the silo side but connects as a client — in-process test clusters and
    /// benchmarks (<see cref="InternalCallProof.ThisProcess"/>) — and nothing else: whoever holds the cluster's
    /// internal-call key can post to the ledger, so the key is never given to a service outside the silos.
    /// </summary>
    public static IClientBuilder UseInternalCallKey(this IClientBuilder client, InternalCallProof proof) =>
        client.AddOutgoingGrainCallFilter(new InternalCallStampFilter(proof));
}
