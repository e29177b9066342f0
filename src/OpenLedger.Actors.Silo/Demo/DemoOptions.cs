namespace OpenLedger.Actors.Silo.Demo;

/// <summary>Settings of the demo workload, from <c>--demo [--demo-inferences N] [--demo-contributors N] [--demo-concurrency N] [--demo-exit]</c> (parsed by <see cref="Hosting.SiloCommandLine"/>).</summary>
public sealed record DemoOptions(int Inferences, int Contributors, int Concurrency, bool ExitWhenDone);
