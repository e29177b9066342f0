namespace OpenLedger.Actors.Silo.Demo;

/// <summary>Settings of the demo workload, from <c>--demo [--demo-inferences N] [--demo-contributors N] [--demo-concurrency N] [--demo-exit] [--demo-no-text]</c> (parsed by <see cref="Hosting.SiloCommandLine"/>).</summary>
/// <param name="Text">Run the text track (<see cref="TextDemoTrack"/>) after the digits run.</param>
public sealed record DemoOptions(int Inferences, int Contributors, int Concurrency, bool ExitWhenDone, bool Text = true);
