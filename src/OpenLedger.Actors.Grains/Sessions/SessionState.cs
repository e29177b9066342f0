using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Grains.Sessions;

[GenerateSerializer]
public sealed class SessionState
{
    [Id(0)] public SessionInfo? Info { get; set; }
}
