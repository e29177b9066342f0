using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;
using OpenLedger.Actors.IntegrationTests;
using OpenLedger.Actors.ServiceDefaults;
using OpenTelemetry.Trace;
using Orleans.TestingHost;
using OpenLedger.Actors.Grains.Security;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>
/// One inference followed across grains and silos: a two-silo in-process cluster with Orleans' activity
/// propagation, the client host wired with <see cref="OpenLedgerObservability"/> and an in-memory exporter.
/// </summary>
public sealed class InferenceTraceTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var artifacts = new InMemoryArtifactStore();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureClient(client => client.UseInternalCallKey(InternalCallProof.ThisProcess())); // set-up calls act as silo code
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IArtifactStore>(artifacts);
            silo.AddOpenLedger(new ConfigurationBuilder().Build());
            silo.AddActivityPropagation();
        });
        builder.ConfigureClient(client => client.AddActivityPropagation());
        // Listeners are process-wide, so the client host's provider also sees the silos' spans (same process here).
        builder.ConfigureClientHost(host => host.AddOpenLedgerTelemetry("trace-test-agent").WithTracing(tracing => tracing.AddInMemoryExporter(_spans)));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task One_inference_is_one_trace_from_the_client_through_session_attribution_and_ledger()
    {
        var scenario = new Scenario(_cluster.Client, "trace");
        await scenario.SetUpAsync();
        lock (_spans) _spans.Clear();

        var result = await scenario.Session.InferAsync(new InferenceRequest("traced-1", scenario.QueryFeatures(0)));

        List<Activity> spans;
        lock (_spans) spans = [.. _spans];
        var root = Assert.Single(spans, s => s.Kind == ActivityKind.Client && s.ParentSpanId == default && s.DisplayName == "IInferenceSessionGrain/InferAsync");
        var trace = spans.Where(s => s.TraceId == root.TraceId).ToList();
        // Orleans' server-side span of each grain call, and the project's own spans inside them.
        var session = Assert.Single(trace, s => IsServerSpan(s, "IInferenceSessionGrain/InferAsync"));
        var inference = Assert.Single(trace, s => IsServerSpan(s, "IInferenceGrain/ExecuteAsync"));
        var attribution = Assert.Single(trace, s => IsServerSpan(s, "IAttributionGrain/AttributeAsync"));
        var reserve = Assert.Single(trace, s => IsServerSpan(s, "ILedgerGrain/CreatePendingAsync"));
        var ledger = Assert.Single(trace, s => IsServerSpan(s, "ILedgerGrain/PostPendingAsync"));
        var execute = Assert.Single(trace, s => s.Source.Name == OpenLedgerTelemetry.Name && s.OperationName == "inference.execute");
        var scan = Assert.Single(trace, s => s.Source.Name == OpenLedgerTelemetry.Name && s.OperationName == "attribution.attribute");

        Assert.True(IsWithin(session, root, trace));
        Assert.True(IsWithin(inference, session, trace));
        Assert.True(IsWithin(execute, inference, trace));
        Assert.True(IsWithin(attribution, execute, trace));
        Assert.True(IsWithin(scan, attribution, trace));
        Assert.True(IsWithin(reserve, execute, trace));
        Assert.True(IsWithin(ledger, execute, trace));
        Assert.True(reserve.StartTimeUtc + reserve.Duration <= attribution.StartTimeUtc); // the fee is reserved before the scan
        Assert.True(attribution.StartTimeUtc + attribution.Duration <= ledger.StartTimeUtc); // and posted after it
        Assert.Equal(result.InferenceId, execute.GetTagItem("openledger.session") is string s ? new InferenceId(s, "traced-1").ToString() : null);
    }

    [Fact]
    public async Task A_refusal_counts_once_per_client_call_with_its_code_though_every_grain_on_the_way_rethrows_it()
    {
        var scenario = new Scenario(_cluster.Client, "rejections");
        await scenario.SetUpAsync();
        var counted = new List<(long Value, string? Code)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument == OpenLedgerTelemetry.Rejections) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? code = null;
            foreach (var tag in tags) if (tag.Key == "code") code = tag.Value as string;
            lock (counted) counted.Add((value, code));
        });
        listener.Start();

        // Refused by the inference grain (before any fee is reserved), rethrown by the session grain.
        var refusal = await Assert.ThrowsAsync<OpenLedgerException>(() => scenario.Session.InferAsync(new InferenceRequest("wrong-size", [1.0, 2.0])));

        listener.RecordObservableInstruments();
        lock (counted) Assert.Equal([(1L, refusal.ErrorCode)], counted);
    }

    /// <summary>Orleans names a grain call's spans "IInterface/Method"; the server side runs in the called grain.</summary>
    private static bool IsServerSpan(Activity span, string call) =>
        span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.Orleans.Application" && span.DisplayName == call;

    /// <summary>True when <paramref name="inner"/> descends from <paramref name="outer"/> through parent span ids in the trace.</summary>
    private static bool IsWithin(Activity inner, Activity outer, IReadOnlyList<Activity> trace)
    {
        var byId = trace.ToDictionary(s => s.SpanId);
        for (var parent = inner.ParentSpanId; byId.TryGetValue(parent, out var span); parent = span.ParentSpanId)
            if (span.SpanId == outer.SpanId) return true;
        return false;
    }
}
