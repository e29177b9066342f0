namespace OpenLedger.Actors.Abstractions.Security;

/// <summary>
/// Marks a grain interface, or one method of it, as internal: callable only by code running inside a silo (grains,
/// and the silo's own in-process code such as the co-hosted HTTP API and the demo), never by a client connected
/// through a gateway, whatever certificate it holds. The silo's incoming call filter refuses such calls with
/// <see cref="Errors.OpenLedgerException"/> <c>call.internal_interface</c> (Forbidden) before the grain runs.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method, Inherited = false)]
public sealed class InternalGrainCallAttribute : Attribute;
