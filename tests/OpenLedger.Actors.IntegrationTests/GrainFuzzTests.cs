using OpenLedger.Actors.Abstractions.Explorer;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Nethereum.Signer;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Claims;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Serialization;
using Orleans.TestingHost;
using Xunit.Abstractions;
using OpenLedger.Actors.Grains.Security;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The negative suite over every public grain method: generated bad inputs (from a seed, <c>OPENLEDGER_FUZZ_SEED</c>)
/// against a cluster holding a real value trail. Each case must end in <see cref="OpenLedgerException"/> — or, for the
/// ledger's expected outcomes, a result code other than <c>Ok</c> — and leave everything stored (every grain state's
/// serialized bytes, the artifact count, the ledger summary, the attribution totals) exactly as it was.
/// </summary>
public sealed class GrainFuzzTests(ITestOutputHelper output)
{
    private const string OwnerKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private const string StrangerKey = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";
    private const string Destination = "0x00000000000000000000000000000000000000d1";

    /// <summary>Strings no identifier or account may be: empty, too long, outside the ASCII id alphabet, unicode oddities.</summary>
    private static readonly string?[] BadIds =
    [
        null, "", " ", "a b", "a|b", "../etc", "tab\there", "line\nbreak", "nul\0byte", "é", "\u202Eevil", "zero\u200Bwidth", "\uD800",
        "😀", "ａｂｃ", "a/b", "%2e%2e", new string('a', 129), new string('x', 100_000),
    ];

    /// <summary>Text fields that must be refused: missing, blank, too long, control characters.</summary>
    private static readonly string?[] BadTexts = [null, "", "   ", "bell\u0007", "nul\0", "esc\u001b[31m", new string('n', 1_000_001)];

    private sealed record FuzzCase(string Category, string Method, string Input, Func<Task<object?>> Call);

    /// <summary>Set around a case's call: the client then sends no internal-call proof, as any gateway client.</summary>
    private static readonly AsyncLocal<bool> AsGatewayClient = new();

    private sealed class Outcomes
    {
        public readonly Dictionary<string, int> ByCategory = new(StringComparer.Ordinal);
        public readonly Dictionary<string, int> ByMethod = new(StringComparer.Ordinal);
        public readonly Dictionary<string, int> ByAnswer = new(StringComparer.Ordinal);
        public readonly List<string> Failures = [];
    }

    /// <summary>Grain keys the client's <c>GetGrain</c> itself refuses (empty or blank) never reach a grain, so they are no grain-method cases.</summary>
    private static bool ReachesAGrain([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? key) => !string.IsNullOrWhiteSpace(key);

    [Fact]
    public async Task Every_grain_method_refuses_generated_bad_input_with_a_typed_error_and_changes_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OPENLEDGER_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 6;
        var artifacts = new InMemoryArtifactStore();
        SnapshotGrainStorage? storage = null;
        // Set-up and most cases act as silo code (this process's key); the "internal-from-client" cases run as a plain gateway client.
        var proof = InternalCallProof.ThisProcess();
        await using var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Settings = new Dictionary<string, string?>
            {
                // The totals are compared in memory; no timer writes them in the middle of a case.
                ["OpenLedger:Attribution:TotalsFlushInterval"] = "01:00:00",
                ["OpenLedger:Explorer:FlushInterval"] = "01:00:00", // likewise the explorer's read model (flushed once below)
            },
            ArtifactStore = artifacts,
            Storage = (inner, services) => storage ??= new SnapshotGrainStorage(inner, services.GetRequiredService<Serializer>()),
            ClientActsAsSilo = false,
            ConfigureClient = client => client.AddOutgoingGrainCallFilter(context =>
            {
                if (AsGatewayClient.Value) RequestContext.Remove(InternalCallProof.RequestContextKey);
                else RequestContext.Set(InternalCallProof.RequestContextKey, proof.Create(context.TargetId, context.InterfaceName, context.MethodName));
                return context.Invoke();
            }),
        });
        var grains = cluster.Client;

        var world = await World.BuildAsync(grains);
        var cases = Generate(grains, world, new Random(seed));
        var outcomes = new Outcomes();

        async Task<string> SnapshotAsync()
        {
            var ledger = grains.GetGrain<ILedgerGrain>(LedgerIds.Main);
            var totals = await grains.GetGrain<IAttributionGrain>(world.ModelId).GetTopTotalsAsync(1_000);
            var contributions = await grains.GetGrain<IContributorGrain>(world.Contributor).ListContributionsAsync(0, 1_000);
            return string.Join("\n", storage!.Snapshot()
                .Append($"artifacts={artifacts.Count}")
                .Append($"ledger={await ledger.GetSummaryAsync()}")
                .Append($"totals={string.Join(";", totals.Select(t => $"{t.RowId}:{t.Contributor}:{t.TotalScore:R}:{t.InferenceCount}"))}")
                .Append($"contributions={string.Join(";", contributions)}"));
        }

        await grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog).FlushAsync(); // the set-up's inferences, written now
        var before = await SnapshotAsync();
        foreach (var c in cases)
        {
            string answer;
            try
            {
                var result = await c.Call();
                answer = result switch
                {
                    TransferResultCode code when code != TransferResultCode.Ok => $"result:{code}",
                    _ => $"ACCEPTED:{result}",
                };
            }
            catch (OpenLedgerException e)
            {
                answer = $"{e.Kind}:{e.ErrorCode}";
            }
            catch (Exception e)
            {
                answer = $"UNTYPED:{e.GetType().Name}";
                outcomes.Failures.Add($"[{c.Category}] {c.Method}({c.Input}) threw {e.GetType().Name}: {e.Message}");
            }
            if (answer.StartsWith("ACCEPTED", StringComparison.Ordinal)) outcomes.Failures.Add($"[{c.Category}] {c.Method}({c.Input}) was accepted: {answer}");
            var after = await SnapshotAsync();
            if (after != before)
            {
                outcomes.Failures.Add($"[{c.Category}] {c.Method}({c.Input}) changed stored state ({answer}):\n{Diff(before, after)}");
                before = after;
            }
            Count(outcomes.ByCategory, c.Category);
            Count(outcomes.ByMethod, c.Method);
            Count(outcomes.ByAnswer, answer.StartsWith("UNTYPED", StringComparison.Ordinal) || answer.StartsWith("ACCEPTED", StringComparison.Ordinal) ? answer : answer.Split(':')[0]);
        }

        output.WriteLine($"seed {seed}: {cases.Count} cases");
        Print("by category", outcomes.ByCategory);
        Print("by answer", outcomes.ByAnswer);
        Print("by method", outcomes.ByMethod);
        foreach (var failure in outcomes.Failures) output.WriteLine("FAIL " + failure);
        Assert.True(cases.Count >= 400, $"only {cases.Count} cases");
        Assert.True(outcomes.Failures.Count == 0, $"{outcomes.Failures.Count} failures:\n" + string.Join("\n", outcomes.Failures.Take(40)));
    }

    private void Print(string title, Dictionary<string, int> counts)
    {
        output.WriteLine(title + ":");
        foreach (var (key, count) in counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)) output.WriteLine($"  {key,-40} {count,5}");
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Diff(string before, string after)
    {
        var a = before.Split('\n').ToHashSet(StringComparer.Ordinal);
        var b = after.Split('\n').ToHashSet(StringComparer.Ordinal);
        return string.Join("\n", a.Except(b).Select(l => "  - " + Shorten(l)).Concat(b.Except(a).Select(l => "  + " + Shorten(l))));
    }

    private static string Shorten(string? text) => text is null ? "null" : text.Length <= 60 ? text.Replace("\0", "\\0", StringComparison.Ordinal) : $"{text[..40]}…({text.Length} chars)";

    /// <summary>The value trail the cases aim at: a Datanet with a version, a model, a funded session with one inference, a claimed balance.</summary>
    private sealed record World(string DatanetId, string Owner, string Contributor, string ModelId, string SessionId, string Payer, string InferenceKey,
        int Dimension, int Classes, long RowCount, ClaimDomain Domain, double[] Query, string ClaimedSignature)
    {
        public static async Task<World> BuildAsync(IGrainFactory grains)
        {
            var scenario = new Scenario(grains, "fuzz") { TrainingRows = 100 };
            await scenario.SetUpAsync(deposit: 1_000_000);
            var query = scenario.QueryFeatures(0);
            await scenario.Session.InferAsync(new InferenceRequest("fz-q1", query));
            var ledger = scenario.Ledger;
            var contributor = scenario.Contributors[0];
            Assert.Equal(TransferResultCode.Ok, await ledger.OpenAccountAsync(new AccountRegistration(contributor, AccountKind.Contributor, new EthECKey(OwnerKey).GetPublicAddress())));
            var domain = await ledger.GetClaimDomainAsync();
            var signature = Sign(domain, "fz-claim-1", contributor, 10, Destination, OwnerKey);
            Assert.Equal(TransferResultCode.Ok, await ledger.ClaimAsync(new ClaimRequest("fz-claim-1", contributor, 10, Destination, signature)));
            var info = await scenario.Datanet.GetInfoAsync();
            return new World(scenario.DatanetId, scenario.Owner, contributor, scenario.ModelId, scenario.SessionId, scenario.Payer, "fz-q1",
                info.Metadata.Dimension, info.Metadata.ClassCount, info.PendingCount + info.ApprovedCount + info.RejectedCount, domain, query, signature);
        }
    }

    /// <summary>
    /// Issue 14: every internal method called by a gateway client with input that silo code could use successfully — each must
    /// be refused with <c>call.internal_interface</c> and change nothing.
    /// </summary>
    private static void InternalFromClient(IGrainFactory grains, World w, Action<string, string, string, Func<Task<object?>>> add)
    {
        void Case(string method, Func<Task> call) => add("internal-from-client", method, "valid input, no proof", async () =>
        {
            AsGatewayClient.Value = true;
            try
            {
                await call();
                return "completed";
            }
            finally
            {
                AsGatewayClient.Value = false;
            }
        });
        var ledger = grains.GetGrain<ILedgerGrain>(LedgerIds.Main);
        Case("ILedgerGrain.DepositAsync", () => ledger.DepositAsync("fz-client-deposit", "fz-mallory", 1_000_000));
        Case("ILedgerGrain.PostAsync", () => ledger.PostAsync(new TransferRequest("fz-client-post", [new TransferPosting(w.Payer, "fz-mallory", 1_000, "fee.contributor")])));
        Case("ILedgerGrain.OpenAccountAsync", () => ledger.OpenAccountAsync(new AccountRegistration("fz-mallory", AccountKind.Payer, null, 500_000)));
        Case("IStakingCurationGrain.PenaliseAsync", () => grains.GetGrain<OpenLedger.Actors.Grains.Staking.IStakingCurationGrain>(w.Contributor).PenaliseAsync("fz-client-penalty", "spite"));
        Case("IStakingCurationGrain.RecordReviewAsync", () => grains.GetGrain<OpenLedger.Actors.Grains.Staking.IStakingCurationGrain>(w.Contributor).RecordReviewAsync("fz-client-review", 0, 1_000));
        Case("IStakingGrain.StakeAsync", () => grains.GetGrain<IStakingGrain>(w.Contributor).StakeAsync("fz-client-stake", 1));
        Case("IAttributionGrain.RecordAsync", () => grains.GetGrain<IAttributionGrain>(w.ModelId).RecordAsync($"inference:{w.SessionId}|fz-forged", []));
        Case("IContributorGrain.RecordContributionsAsync", () => grains.GetGrain<IContributorGrain>(w.Contributor).RecordContributionsAsync(new ContributedRows(w.DatanetId, "fz-forged", 0, 1)));
        Case("IInferenceGrain.ExecuteAsync", () => grains.GetGrain<IInferenceGrain>($"{w.SessionId}|fz-direct").ExecuteAsync(new InferenceRequest("fz-direct", w.Query)));
        Case("IExplorerCatalogGrain.FlushAsync", () => grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog).FlushAsync());
        Case("IApiKeyGrain.IssueAsync", () => grains.GetGrain<OpenLedger.Actors.Http.Auth.IApiKeyGrain>("fzclientkey").IssueAsync(
            new OpenLedger.Actors.Http.Auth.ApiKeyRecord("fzclientkey", new string('0', 64), "fz-mallory", ["operator"], "fz-mallory", DateTimeOffset.UnixEpoch)));
        Case("IApiKeyGrain.GetAsync", () => grains.GetGrain<OpenLedger.Actors.Http.Auth.IApiKeyGrain>("fzclientkey").GetAsync());
        Case("IIdempotencyGrain.BeginAsync", () => grains.GetGrain<OpenLedger.Actors.Http.Idempotency.IIdempotencyGrain>("fz|1").BeginAsync("fingerprint"));
        Case("IApiKeyUsageGrain.RecordAsync", () => grains.GetGrain<OpenLedger.Actors.Http.Quotas.IApiKeyUsageGrain>("fzclientkey").RecordAsync("datanets", 1));
    }

    private static string Sign(ClaimDomain domain, string claimId, string account, long amount, string destination, string key) =>
        ClaimTypedData.Sign(new ClaimMessage(domain.Ledger, claimId, account, amount, destination), domain.ChainId, key);

    private static List<FuzzCase> Generate(IGrainFactory grains, World w, Random random)
    {
        var cases = new List<FuzzCase>();
        void Add(string category, string method, string input, Func<Task<object?>> call) => cases.Add(new FuzzCase(category, method, input, call));
        static async Task<object?> Box<T>(Task<T> task) => await task;
        static async Task<object?> Done(Task task)
        {
            await task;
            return "completed";
        }

        var datanet = grains.GetGrain<IDatanetGrain>(w.DatanetId);
        var model = grains.GetGrain<IModelGrain>(w.ModelId);
        var session = grains.GetGrain<IInferenceSessionGrain>(w.SessionId);
        var ledger = grains.GetGrain<ILedgerGrain>(LedgerIds.Main);
        var contributor = grains.GetGrain<IContributorGrain>(w.Contributor);
        var attribution = grains.GetGrain<IAttributionGrain>(w.ModelId);
        var metadata = Scenario.Metadata(w.Dimension, w.Classes);
        double[] Row() => Enumerable.Range(0, w.Dimension).Select(_ => random.NextDouble() * 10).ToArray();
        string Category(string? text) => text is null ? "null" : text.Any(c => c > 127) ? "unicode" : text.Length > 128 ? "huge" : "strings";

        // Vectors that no row or query may be: NaN, ±∞, beyond the magnitude bound, wrong dimensions, missing.
        var badVectors = new List<(string Name, double[]? Values)> { ("null", null), ("empty", []), ("d-1", Row()[..^1]), ("d+1", [.. Row(), 1]), ("huge-d", new double[100_000]) };
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e13, -1e300, double.MaxValue })
        {
            var v = Row();
            v[random.Next(v.Length)] = bad;
            badVectors.Add(($"{bad.ToString(CultureInfo.InvariantCulture)} at a random position", v));
        }
        var badLabels = new[] { -1, w.Classes, int.MaxValue, int.MinValue };

        // ---- Datanet ----
        foreach (var id in BadIds)
        {
            Add(Category(id), "Datanet.Create(owner)", Shorten(id), () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync(id!, metadata)));
            Add(Category(id), "Datanet.Submit(submissionId)", Shorten(id), () => Box(datanet.SubmitAsync(id!, "fz-contrib", [new ContributionRow(Row(), 0)])));
            Add(Category(id), "Datanet.Submit(contributor)", Shorten(id), () => Box(datanet.SubmitAsync("fz-sub", id!, [new ContributionRow(Row(), 0)])));
            Add(Category(id), "Datanet.Review(curator)", Shorten(id), () => Box(datanet.ReviewAsync(id!, [1], false)));
            Add(Category(id), "Datanet.Publish(owner)", Shorten(id), () => Box(datanet.PublishVersionAsync(id!)));
            if (ReachesAGrain(id)) Add(Category(id), "Datanet.Create(grain id)", Shorten(id), () => Box(grains.GetGrain<IDatanetGrain>(id).CreateAsync("fz-owner", metadata)));
        }
        foreach (var reserved in new[] { "protocol:treasury", "external:deposits", "external:claims" })
        {
            Add("other-accounts", "Datanet.Submit(contributor)", reserved, () => Box(datanet.SubmitAsync("fz-sub-r", reserved, [new ContributionRow(Row(), 0)])));
            Add("other-accounts", "Datanet.Create(owner)", reserved, () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync(reserved, metadata)));
        }
        foreach (var text in BadTexts)
        {
            Add(Category(text), "Datanet.Create(name)", Shorten(text), () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync("fz-owner", metadata with { Name = text! })));
            Add(Category(text), "Datanet.Create(modality)", Shorten(text), () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync("fz-owner", metadata with { Modality = text! })));
            Add(Category(text), "Datanet.Create(tag)", Shorten(text), () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync("fz-owner", metadata with { Tags = [text!] })));
            if (text is not null && text.Length > 0 && text.Trim().Length > 0)
                Add(Category(text), "Datanet.Create(summary)", Shorten(text), () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync("fz-owner", metadata with { Summary = text })));
        }
        Add("null", "Datanet.Create(metadata)", "null", () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync("fz-owner", null!)));
        Add("null", "Datanet.Create(tags)", "null", () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync("fz-owner", metadata with { Tags = null! })));
        Add("huge", "Datanet.Create(tags)", "17 tags", () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync("fz-owner", metadata with { Tags = Enumerable.Range(0, 17).Select(i => $"t{i}").ToArray() })));
        Add("huge", "Datanet.Create(description)", "10,001 chars", () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync("fz-owner", metadata with { Description = new string('d', 10_001) })));
        foreach (var (dimension, classes) in new[] { (0, 3), (-1, 3), (65_537, 3), (int.MaxValue, 3), (4, 1), (4, 0), (4, -5), (4, 1_001), (int.MinValue, int.MinValue) })
            Add("schema", "Datanet.Create(schema)", $"d={dimension}, classes={classes}", () => Box(grains.GetGrain<IDatanetGrain>("fz-new-dn").CreateAsync("fz-owner", metadata with { Dimension = dimension, ClassCount = classes })));
        Add("conflicts", "Datanet.Create(existing, other owner)", w.DatanetId, () => Box(datanet.CreateAsync("fz-someone-else", metadata)));
        Add("conflicts", "Datanet.Create(existing, other metadata)", w.DatanetId, () => Box(datanet.CreateAsync(w.Owner, metadata with { Name = "Renamed" })));
        foreach (var (name, values) in badVectors)
            Add("vectors", "Datanet.Submit(features)", name, () => Box(datanet.SubmitAsync("fz-sub-v", "fz-contrib", [new ContributionRow(Row(), 0), new ContributionRow(values!, 0)])));
        foreach (var label in badLabels)
            Add("vectors", "Datanet.Submit(label)", label.ToString(CultureInfo.InvariantCulture), () => Box(datanet.SubmitAsync("fz-sub-l", "fz-contrib", [new ContributionRow(Row(), label)])));
        Add("null", "Datanet.Submit(rows)", "null", () => Box(datanet.SubmitAsync("fz-sub-n", "fz-contrib", null!)));
        Add("null", "Datanet.Submit(row)", "a null row", () => Box(datanet.SubmitAsync("fz-sub-n", "fz-contrib", [new ContributionRow(Row(), 0), null!])));
        Add("huge", "Datanet.Submit(rows)", "empty", () => Box(datanet.SubmitAsync("fz-sub-e", "fz-contrib", [])));
        Add("huge", "Datanet.Submit(rows)", "5,001 rows", () => Box(datanet.SubmitAsync("fz-sub-h", "fz-contrib", Enumerable.Range(0, 5_001).Select(_ => new ContributionRow(Row(), 0)).ToList())));
        Add("conflicts", "Datanet.Submit(existing id, other rows)", "sub-0", () => Box(datanet.SubmitAsync("sub-0", w.Contributor, [new ContributionRow(Row(), 1)])));
        Add("conflicts", "Datanet.Submit(existing id, other contributor)", "sub-0", () => Box(datanet.SubmitAsync("sub-0", "fz-thief", [new ContributionRow(Row(), 1)])));
        Add("unknown-ids", "Datanet.Submit(unknown Datanet)", "fz-no-dn", () => Box(grains.GetGrain<IDatanetGrain>("fz-no-dn").SubmitAsync("s", "c", [new ContributionRow(Row(), 0)])));
        foreach (var rowId in new[] { 0L, -1L, long.MinValue, long.MaxValue, w.RowCount + 1 })
            Add("unknown-ids", "Datanet.Review(row id)", rowId.ToString(CultureInfo.InvariantCulture), () => Box(datanet.ReviewAsync(w.Owner, [1, rowId], false)));
        Add("null", "Datanet.Review(row ids)", "null", () => Box(datanet.ReviewAsync(w.Owner, null!, false)));
        Add("huge", "Datanet.Review(row ids)", "empty", () => Box(datanet.ReviewAsync(w.Owner, [], false)));
        Add("huge", "Datanet.Review(row ids)", "20,001 ids", () => Box(datanet.ReviewAsync(w.Owner, Enumerable.Repeat(1L, 20_001).ToList(), false)));
        foreach (var text in BadTexts.Append(new string('r', 201)).Where(t => !string.IsNullOrEmpty(t) && DisplayText.Validate(t, "reason", 200) is not null))
            Add(Category(text), "Datanet.Review(reason)", Shorten(text), () => Box(datanet.ReviewAsync(w.Owner, [1], false, text)));
        Add("strings", "Datanet.Review(reason on an approval)", "fine reason", () => Box(datanet.ReviewAsync(w.Owner, [1], true, "fine reason")));
        foreach (var (before, limit) in new (long?, int)[] { (-1, 10), (long.MinValue, 10), (null, 0), (null, -1), (null, 1_001), (null, int.MaxValue) })
            Add("pagination", "Datanet.ListRejections", $"{before},{limit}", () => Box(datanet.ListRejectionsAsync(before, limit)));
        foreach (var outsider in new[] { "fz-stranger", w.Contributor, w.Payer, "protocol:treasury" })
        {
            Add("other-accounts", "Datanet.Review(not a curator)", outsider, () => Box(datanet.ReviewAsync(outsider, [1, 2], false)));
            Add("other-accounts", "Datanet.Publish(not the owner)", outsider, () => Box(datanet.PublishVersionAsync(outsider)));
        }
        foreach (var version in new[] { 0, -1, 2, 999, int.MaxValue, int.MinValue })
            Add("unknown-ids", "Datanet.GetVersion", version.ToString(CultureInfo.InvariantCulture), () => Box(datanet.GetVersionAsync(version)));
        foreach (var (offset, limit) in new[] { (-1, 10), (int.MinValue, 10), (0, 0), (0, -1), (0, 1_001), (0, int.MaxValue), (int.MaxValue, int.MinValue) })
            Add("pagination", "Datanet.ListContributions", $"{offset},{limit}", () => Box(datanet.ListContributionsAsync(offset, limit)));
        foreach (var call in new (string, Func<IDatanetGrain, Task<object?>>)[]
        {
            ("Datanet.GetInfo", g => Box(g.GetInfoAsync())), ("Datanet.Publish", g => Box(g.PublishVersionAsync("fz-owner"))),
            ("Datanet.Review", g => Box(g.ReviewAsync("fz-owner", [1], true))), ("Datanet.GetVersion", g => Box(g.GetVersionAsync(1))),
            ("Datanet.ListContributions", g => Box(g.ListContributionsAsync(0, 10))), ("Datanet.ListRejections", g => Box(g.ListRejectionsAsync(null, 10))),
        })
        {
            Add("unknown-ids", call.Item1 + "(unknown Datanet)", "fz-no-dn", () => call.Item2(grains.GetGrain<IDatanetGrain>("fz-no-dn")));
        }

        // ---- Contributor ----
        foreach (var text in BadTexts)
            Add(Category(text), "Contributor.SetDisplayName", Shorten(text), () => Box(contributor.SetDisplayNameAsync(text!)));
        foreach (var id in BadIds.Where(ReachesAGrain).Append("protocol:treasury"))
        {
            Add(Category(id), "Contributor.SetDisplayName(grain id)", Shorten(id), () => Box(grains.GetGrain<IContributorGrain>(id!).SetDisplayNameAsync("Fine Name")));
            if (AccountId.ValidateIdentifier(id, "id") is not null)
                Add(Category(id), "Contributor.GetBalance(grain id)", Shorten(id), () => Box(grains.GetGrain<IContributorGrain>(id!).GetBalanceAsync()));
            Add(Category(id), "Contributor.Record(Datanet id)", Shorten(id), () => Done(contributor.RecordContributionsAsync(new ContributedRows(id!, "fz-s", 1, 1))));
            Add(Category(id), "Contributor.Record(submission id)", Shorten(id), () => Done(contributor.RecordContributionsAsync(new ContributedRows(w.DatanetId, id!, 1, 1))));
        }
        Add("null", "Contributor.Record(rows)", "null", () => Done(contributor.RecordContributionsAsync(null!)));
        foreach (var (first, count) in new[] { (0L, 1), (-1L, 1), (1L, 0), (1L, -5), (long.MinValue, int.MinValue) })
            Add("amounts", "Contributor.Record(range)", $"{first},{count}", () => Done(contributor.RecordContributionsAsync(new ContributedRows(w.DatanetId, "fz-s", first, count))));
        Add("unknown-ids", "Contributor.Record(unknown submission)", "fz-forged", () => Done(contributor.RecordContributionsAsync(new ContributedRows(w.DatanetId, "fz-forged", 1, 50))));
        Add("unknown-ids", "Contributor.Record(unknown Datanet)", "fz-no-dn", () => Done(contributor.RecordContributionsAsync(new ContributedRows("fz-no-dn", "sub-0", 1, 1))));
        Add("other-accounts", "Contributor.Record(another's submission)", "sub-1", () => Done(contributor.RecordContributionsAsync(new ContributedRows(w.DatanetId, "sub-1", 81, 80))));
        foreach (var (offset, limit) in new[] { (-1, 10), (0, 0), (0, 1_001), (int.MinValue, int.MaxValue) })
            Add("pagination", "Contributor.ListContributions", $"{offset},{limit}", () => Box(contributor.ListContributionsAsync(offset, limit)));

        // ---- Model ----
        var train = new TrainModelRequest("fz-modeller", w.DatanetId, 1, 1_000, 0.01);
        Add("null", "Model.Train(request)", "null", () => Box(grains.GetGrain<IModelGrain>("fz-new-model").StartTrainingAsync(null!)));
        foreach (var id in BadIds)
        {
            Add(Category(id), "Model.Train(owner)", Shorten(id), () => Box(grains.GetGrain<IModelGrain>("fz-new-model").StartTrainingAsync(train with { OwnerAccount = id! })));
            Add(Category(id), "Model.Train(Datanet id)", Shorten(id), () => Box(grains.GetGrain<IModelGrain>("fz-new-model").StartTrainingAsync(train with { DatanetId = id! })));
            if (ReachesAGrain(id)) Add(Category(id), "Model.Train(grain id)", Shorten(id), () => Box(grains.GetGrain<IModelGrain>(id).StartTrainingAsync(train)));
        }
        foreach (var fee in new[] { -1L, long.MinValue, 1_000_000_000_001L, long.MaxValue })
            Add("amounts", "Model.Train(fee)", fee.ToString(CultureInfo.InvariantCulture), () => Box(grains.GetGrain<IModelGrain>("fz-new-model").StartTrainingAsync(train with { FeePerInference = fee })));
        foreach (var lambda in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.01, 1e7, double.MaxValue })
            Add("vectors", "Model.Train(λ)", lambda.ToString(CultureInfo.InvariantCulture), () => Box(grains.GetGrain<IModelGrain>("fz-new-model").StartTrainingAsync(train with { Lambda = lambda })));
        foreach (var version in new[] { 0, -1, 2, int.MaxValue })
            Add("unknown-ids", "Model.Train(version)", version.ToString(CultureInfo.InvariantCulture), () => Box(grains.GetGrain<IModelGrain>("fz-new-model").StartTrainingAsync(train with { DatanetVersion = version })));
        Add("unknown-ids", "Model.Train(unknown Datanet)", "fz-no-dn", () => Box(grains.GetGrain<IModelGrain>("fz-new-model").StartTrainingAsync(train with { DatanetId = "fz-no-dn" })));
        Add("conflicts", "Model.Train(existing model, other fee)", w.ModelId, () => Box(model.StartTrainingAsync(new TrainModelRequest("modeller-fuzz", w.DatanetId, 1, 2_000, 0.01))));
        Add("other-accounts", "Model.Train(existing model, other owner)", w.ModelId, () => Box(model.StartTrainingAsync(new TrainModelRequest("fz-thief", w.DatanetId, 1, 1_000, 0.01))));
        var external = new RegisterExternalModelRequest("fz-modeller", w.DatanetId, 1, 1_000, [1, 2], 2, [0.1f, 0.2f, 0.3f, 0.4f]);
        Add("null", "Model.RegisterExternal(request)", "null", () => Box(grains.GetGrain<IModelGrain>("fz-new-ext").RegisterExternalAsync(null!)));
        foreach (var (name, request) in new (string, RegisterExternalModelRequest)[]
        {
            ("embeddings NaN", external with { Embeddings = [0.1f, float.NaN, 0.3f, 0.4f] }),
            ("embeddings +∞", external with { Embeddings = [0.1f, 0.2f, float.PositiveInfinity, 0.4f] }),
            ("embeddings too few", external with { Embeddings = [0.1f, 0.2f, 0.3f] }),
            ("embeddings null", external with { Embeddings = null! }),
            ("rows null", external with { RowIds = null! }),
            ("rows empty", external with { RowIds = [], Embeddings = [] }),
            ("rows repeated", external with { RowIds = [1, 1] }),
            ("row not in version", external with { RowIds = [1, 999_999] }),
            ("row negative", external with { RowIds = [1, -2] }),
            ("size 0", external with { EmbeddingSize = 0, Embeddings = [] }),
            ("size -1", external with { EmbeddingSize = -1 }),
            ("size 5000", external with { EmbeddingSize = 5_000 }),
            ("size overflow", external with { EmbeddingSize = int.MaxValue }),
            ("fee -1", external with { FeePerInference = -1 }),
            ("version 0", external with { DatanetVersion = 0 }),
            ("version 99", external with { DatanetVersion = 99 }),
            ("owner reserved", external with { OwnerAccount = "external:claims" }),
            ("unknown Datanet", external with { DatanetId = "fz-no-dn" }),
        })
        {
            Add(name.StartsWith("embeddings", StringComparison.Ordinal) ? "vectors" : name.Contains("row", StringComparison.Ordinal) || name.Contains("version", StringComparison.Ordinal) || name.Contains("unknown", StringComparison.Ordinal) ? "unknown-ids" : "amounts",
                "Model.RegisterExternal", name, () => Box(grains.GetGrain<IModelGrain>("fz-new-ext").RegisterExternalAsync(request)));
        }
        Add("conflicts", "Model.RegisterExternal(built-in model id)", w.ModelId, () => Box(model.RegisterExternalAsync(external)));
        Add("unknown-ids", "Model.GetInfo(unknown)", "fz-no-model", () => Box(grains.GetGrain<IModelGrain>("fz-no-model").GetInfoAsync()));
        Add("unknown-ids", "Model.GetTrainingRowIds(unknown)", "fz-no-model", () => Box(grains.GetGrain<IModelGrain>("fz-no-model").GetTrainingRowIdsAsync()));

        // ---- Session and inference ----
        foreach (var id in BadIds)
        {
            Add(Category(id), "Session.Open(payer)", Shorten(id), () => Box(grains.GetGrain<IInferenceSessionGrain>("fz-new-session").OpenAsync(id!, w.ModelId, 10)));
            Add(Category(id), "Session.Open(model id)", Shorten(id), () => Box(grains.GetGrain<IInferenceSessionGrain>("fz-new-session").OpenAsync("fz-payer", id!, 10)));
            Add(Category(id), "Session.Infer(idempotency key)", Shorten(id), () => Box(session.InferAsync(new InferenceRequest(id!, w.Query))));
            if (ReachesAGrain(id)) Add(Category(id), "Session.Open(grain id)", Shorten(id), () => Box(grains.GetGrain<IInferenceSessionGrain>(id).OpenAsync("fz-payer", w.ModelId, 10)));
        }
        foreach (var topK in new[] { 0, -1, 101, int.MaxValue, int.MinValue })
            Add("amounts", "Session.Open(top-k)", topK.ToString(CultureInfo.InvariantCulture), () => Box(grains.GetGrain<IInferenceSessionGrain>("fz-new-session").OpenAsync("fz-payer", w.ModelId, topK)));
        Add("unknown-ids", "Session.Open(unknown model)", "fz-no-model", () => Box(grains.GetGrain<IInferenceSessionGrain>("fz-new-session").OpenAsync("fz-payer", "fz-no-model", 10)));
        Add("other-accounts", "Session.Open(existing, other payer)", w.SessionId, () => Box(session.OpenAsync("fz-thief", w.ModelId, 10)));
        Add("conflicts", "Session.Open(existing, other top-k)", w.SessionId, () => Box(session.OpenAsync(w.Payer, w.ModelId, 3)));
        Add("unknown-ids", "Session.GetInfo(unknown)", "fz-no-session", () => Box(grains.GetGrain<IInferenceSessionGrain>("fz-no-session").GetInfoAsync()));
        Add("unknown-ids", "Session.Infer(unknown session)", "fz-no-session", () => Box(grains.GetGrain<IInferenceSessionGrain>("fz-no-session").InferAsync(new InferenceRequest("k", w.Query))));
        Add("null", "Session.Infer(request)", "null", () => Box(session.InferAsync(null!)));
        var key = 0;
        foreach (var (name, values) in badVectors)
        {
            var k = $"fz-bad-{key++}";
            Add("vectors", "Session.Infer(features)", name, () => Box(session.InferAsync(new InferenceRequest(k, values!))));
            Add("vectors", "Attribution.Attribute(features)", name, () => Box(attribution.AttributeAsync(values!, null, 10)));
            Add("vectors", "Inference.Execute(features)", name, () => Box(grains.GetGrain<IInferenceGrain>($"{w.SessionId}|{k}x").ExecuteAsync(new InferenceRequest(k + "x", values!))));
        }
        foreach (var label in badLabels)
        {
            Add("vectors", "Session.Infer(label)", label.ToString(CultureInfo.InvariantCulture), () => Box(session.InferAsync(new InferenceRequest($"fz-label-{label}", w.Query, label))));
            Add("vectors", "Attribution.Attribute(label)", label.ToString(CultureInfo.InvariantCulture), () => Box(attribution.AttributeAsync(w.Query, label, 10)));
        }
        Add("vectors", "Session.Infer(representation for a built-in model)", "[1,2]", () => Box(session.InferAsync(new InferenceRequest("fz-rep", w.Query, 0, [1f, 2f]))));
        Add("conflicts", "Session.Infer(existing key, other features)", w.InferenceKey, () => Box(session.InferAsync(new InferenceRequest(w.InferenceKey, Row()))));
        Add("conflicts", "Session.Infer(existing key, other label)", w.InferenceKey, () => Box(session.InferAsync(new InferenceRequest(w.InferenceKey, w.Query, 1))));
        Add("null", "Inference.Execute(request)", "null", () => Box(grains.GetGrain<IInferenceGrain>($"{w.SessionId}|fz-x").ExecuteAsync(null!)));
        Add("conflicts", "Inference.Execute(key mismatch)", "fz-y", () => Box(grains.GetGrain<IInferenceGrain>($"{w.SessionId}|fz-x").ExecuteAsync(new InferenceRequest("fz-y", w.Query))));
        Add("unknown-ids", "Inference.Execute(no session)", "fz-no-session|k", () => Box(grains.GetGrain<IInferenceGrain>("fz-no-session|k").ExecuteAsync(new InferenceRequest("k", w.Query))));
        Add("unknown-ids", "Inference.Execute(no separator)", "fz-plain", () => Box(grains.GetGrain<IInferenceGrain>("fz-plain").ExecuteAsync(new InferenceRequest("", w.Query))));

        // ---- Attribution ----
        foreach (var topK in new[] { 0, -1, 101, int.MinValue })
            Add("amounts", "Attribution.Attribute(top-k)", topK.ToString(CultureInfo.InvariantCulture), () => Box(attribution.AttributeAsync(w.Query, null, topK)));
        Add("vectors", "Attribution.AttributeRepresentation(built-in)", "[1,2]", () => Box(attribution.AttributeRepresentationAsync([1f, 2f], 0, 10)));
        Add("unknown-ids", "Attribution.Attribute(unknown model)", "fz-no-model", () => Box(grains.GetGrain<IAttributionGrain>("fz-no-model").AttributeAsync(w.Query, null, 10)));
        Add("unknown-ids", "Attribution.AttributeRepresentation(unknown model)", "fz-no-model", () => Box(grains.GetGrain<IAttributionGrain>("fz-no-model").AttributeRepresentationAsync([1f], 0, 10)));
        foreach (var id in BadIds.Take(4))
            Add(Category(id), "Attribution.Record(inference id)", Shorten(id), () => Done(attribution.RecordAsync(id!, [])));
        Add("null", "Attribution.Record(influences)", "null", () => Done(attribution.RecordAsync("fz-inf", null!)));
        Add("null", "Attribution.Record(influence)", "a null entry", () => Done(attribution.RecordAsync("fz-inf", [null!])));
        Add("unknown-ids", "Attribution.Record(forged inference)", "fz-forged", () => Done(attribution.RecordAsync($"{w.SessionId}|fz-forged", [new InfluenceEntry(1, "fz-thief", "h", 1e9, 1)])));
        Add("other-accounts", "Attribution.Record(replayed inference, other influences)", w.InferenceKey,
            () => Done(attribution.RecordAsync($"{w.SessionId}|{w.InferenceKey}", [new InfluenceEntry(1, "fz-thief", "h", 1e9, 1)])));
        foreach (var score in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            Add("vectors", "Attribution.Record(score)", score.ToString(CultureInfo.InvariantCulture), () => Done(attribution.RecordAsync("fz-inf-nan", [new InfluenceEntry(1, w.Contributor, "h", score, 1)])));
        foreach (var count in new[] { 0, -1, 1_001, int.MinValue })
            Add("pagination", "Attribution.GetTopTotals", count.ToString(CultureInfo.InvariantCulture), () => Box(attribution.GetTopTotalsAsync(count)));

        // ---- Ledger ----
        foreach (var id in BadIds)
        {
            Add(Category(id), "Ledger.Deposit(deposit id)", Shorten(id), () => Box(ledger.DepositAsync(id!, "fz-payer", 5)));
            Add(Category(id), "Ledger.Deposit(account)", Shorten(id), () => Box(ledger.DepositAsync("fz-dep", id!, 5)));
            Add(Category(id), "Ledger.OpenAccount(account)", Shorten(id), () => Box(ledger.OpenAccountAsync(new AccountRegistration(id!, AccountKind.Payer))));
            Add(Category(id), "Ledger.OpenAccount(owner address)", Shorten(id), () => Box(ledger.OpenAccountAsync(new AccountRegistration("fz-new-acct", AccountKind.Contributor, id ?? "0x12"))));
            Add(Category(id), "Ledger.Claim(claim id)", Shorten(id), () => Box(ledger.ClaimAsync(new ClaimRequest(id!, w.Contributor, 5, Destination, w.ClaimedSignature))));
            Add(Category(id), "Ledger.Claim(account)", Shorten(id), () => Box(ledger.ClaimAsync(new ClaimRequest("fz-c", id!, 5, Destination, w.ClaimedSignature))));
            Add(Category(id), "Ledger.Claim(destination)", Shorten(id), () => Box(ledger.ClaimAsync(new ClaimRequest("fz-c", w.Contributor, 5, id!, w.ClaimedSignature))));
            if (AccountId.ValidateTransferId(id) is not null) // '|' joins ids in transfer ids, so "a|b" is a valid one
                Add(Category(id), "Ledger.Post(transfer id)", Shorten(id), () => Box(ledger.PostAsync(new TransferRequest(id!, [new TransferPosting(w.Payer, "fz-x", 1, "fee")]))));
            Add(Category(id), "Ledger.Post(debit account)", Shorten(id), () => Box(ledger.PostAsync(new TransferRequest("fz-t", [new TransferPosting(id!, "fz-x", 1, "fee")]))));
            if (AccountId.ValidateTransferId(id ?? "a b") is not null)
                Add(Category(id), "Ledger.Post(reference)", Shorten(id), () => Box(ledger.PostAsync(new TransferRequest("fz-t", [new TransferPosting(w.Payer, "fz-x", 1, "fee")], id ?? "a b"))));
            Add(Category(id), "Ledger.GetStatement(account)", Shorten(id), () => Box(ledger.GetStatementAsync(id!, 0, 10)));
            Add(Category(id), "Ledger.GetBalance(account)", Shorten(id), () => Box(ledger.GetBalanceAsync(id!)));
            Add(Category(id), "Ledger.GetAccount(account)", Shorten(id), () => Box(ledger.GetAccountAsync(id!)));
            if (id is not null) Add(Category(id), "Ledger.ExportClaimables(after)", Shorten(id), () => Box(ledger.ExportClaimablesAsync(id, 10)));
        }
        foreach (var text in BadTexts)
            Add(Category(text), "Ledger.Post(posting code)", Shorten(text), () => Box(ledger.PostAsync(new TransferRequest("fz-t", [new TransferPosting(w.Payer, "fz-x", 1, text!)]))));
        foreach (var amount in new[] { 0L, -1L, long.MinValue })
        {
            var a = amount.ToString(CultureInfo.InvariantCulture);
            Add("amounts", "Ledger.Deposit(amount)", a, () => Box(ledger.DepositAsync("fz-dep", "fz-payer", amount)));
            Add("amounts", "Ledger.Claim(amount)", a, () => Box(ledger.ClaimAsync(new ClaimRequest("fz-c", w.Contributor, amount, Destination, Sign(w.Domain, "fz-c", w.Contributor, Math.Max(1, amount), Destination, OwnerKey)))));
            Add("amounts", "Ledger.Post(amount)", a, () => Box(ledger.PostAsync(new TransferRequest("fz-t", [new TransferPosting(w.Payer, "fz-x", amount, "fee")]))));
            Add("amounts", "Ledger.OpenAccount(credit limit)", a, () => Box(ledger.OpenAccountAsync(new AccountRegistration("fz-new-acct", AccountKind.Payer, null, amount == 0 ? -1 : amount))));
        }
        Add("amounts", "Ledger.Deposit(overflow)", "long.MaxValue onto a funded payer", () => Box(ledger.DepositAsync("fz-dep-max", w.Payer, long.MaxValue)));
        Add("amounts", "Ledger.Post(overdraft)", "payer pays 10¹⁵", () => Box(ledger.PostAsync(new TransferRequest("fz-t-over", [new TransferPosting(w.Payer, "fz-x", 1_000_000_000_000_000, "fee")]))));
        Add("amounts", "Ledger.Post(overflow)", "two postings of long.MaxValue", () => Box(ledger.PostAsync(new TransferRequest("fz-t-of",
            [new TransferPosting("external:deposits", "fz-x", long.MaxValue, "a"), new TransferPosting("external:deposits", "fz-x", long.MaxValue, "b")]))));
        Add("amounts", "Ledger.Post(debit unknown account)", "fz-ghost", () => Box(ledger.PostAsync(new TransferRequest("fz-t-ghost", [new TransferPosting("fz-ghost", "fz-x", 1, "fee")]))));
        Add("amounts", "Ledger.Post(same debit and credit)", w.Payer, () => Box(ledger.PostAsync(new TransferRequest("fz-t-same", [new TransferPosting(w.Payer, w.Payer, 1, "fee")]))));
        Add("null", "Ledger.Post(transfer)", "null", () => Box(ledger.PostAsync(null!)));
        Add("null", "Ledger.Post(postings)", "null", () => Box(ledger.PostAsync(new TransferRequest("fz-t-n", null!))));
        Add("null", "Ledger.Post(postings)", "empty", () => Box(ledger.PostAsync(new TransferRequest("fz-t-e", []))));
        Add("null", "Ledger.Post(posting)", "a null posting", () => Box(ledger.PostAsync(new TransferRequest("fz-t-np", [null!]))));
        Add("huge", "Ledger.Post(postings)", "1,001 postings", () => Box(ledger.PostAsync(new TransferRequest("fz-t-many",
            Enumerable.Range(0, 1_001).Select(i => new TransferPosting(w.Payer, $"fz-r{i}", 1, "fee")).ToList()))));
        Add("conflicts", "Ledger.Post(existing id, other postings)", "deposit:fund-agent-fuzz", () => Box(ledger.PostAsync(new TransferRequest("deposit:fund-agent-fuzz",
            [new TransferPosting("external:deposits", w.Payer, 7, "deposit")]))));
        Add("conflicts", "Ledger.Deposit(existing id, other amount)", $"fund-{w.Payer}", () => Box(ledger.DepositAsync($"fund-{w.Payer}", w.Payer, 7)));
        Add("null", "Ledger.OpenAccount(registration)", "null", () => Box(ledger.OpenAccountAsync(null!)));
        foreach (var kind in new[] { AccountKind.Implicit, (AccountKind)99, (AccountKind)(-1) })
            Add("amounts", "Ledger.OpenAccount(kind)", kind.ToString(), () => Box(ledger.OpenAccountAsync(new AccountRegistration("fz-new-acct", kind))));
        Add("amounts", "Ledger.OpenAccount(credit limit on a contributor)", "1000", () => Box(ledger.OpenAccountAsync(new AccountRegistration("fz-new-acct", AccountKind.Contributor, null, 1_000))));
        Add("other-accounts", "Ledger.OpenAccount(existing, other owner)", w.Contributor, () => Box(ledger.OpenAccountAsync(new AccountRegistration(w.Contributor, AccountKind.Contributor, new EthECKey(StrangerKey).GetPublicAddress()))));
        Add("other-accounts", "Ledger.OpenAccount(reserved)", "protocol:treasury", () => Box(ledger.OpenAccountAsync(new AccountRegistration("protocol:treasury", AccountKind.Contributor, new EthECKey(StrangerKey).GetPublicAddress()))));
        foreach (var (afterLine, limit) in new[] { (-1L, 10), (long.MinValue, 10), (0L, 0), (0L, -1), (0L, int.MaxValue), (0L, int.MinValue) })
            Add("pagination", "Ledger.GetStatement", $"{afterLine},{limit}", () => Box(ledger.GetStatementAsync(w.Payer, afterLine, limit)));
        foreach (var limit in new[] { 0, -1, 1_001, int.MinValue })
            Add("pagination", "Ledger.ExportClaimables", limit.ToString(CultureInfo.InvariantCulture), () => Box(ledger.ExportClaimablesAsync(null, limit)));
        Add("null", "Ledger.GetBalances(accounts)", "null", () => Box(ledger.GetBalancesAsync(null!)));
        Add("huge", "Ledger.GetBalances(accounts)", "1,001 accounts", () => Box(ledger.GetBalancesAsync(Enumerable.Range(0, 1_001).Select(i => $"a{i}").ToList())));
        foreach (var id in BadIds.Take(8))
            Add(Category(id), "Ledger.GetBalances(an account)", Shorten(id), () => Box(ledger.GetBalancesAsync(["fine", id!])));

        // Claims: forged, replayed and malformed signatures, other accounts.
        Add("null", "Ledger.Claim(claim)", "null", () => Box(ledger.ClaimAsync(null!)));
        var signatures = new List<(string Name, string? Value)>
        {
            ("null", null), ("empty", ""), ("0x", "0x"), ("not hex", "0x" + new string('z', 130)), ("short", w.ClaimedSignature[..100]),
            ("long", w.ClaimedSignature + "00"), ("zeros", "0x" + new string('0', 130)), ("all f", "0x" + new string('f', 130)),
            ("v = 0", w.ClaimedSignature[..^2] + "00"), ("v = 0xff", w.ClaimedSignature[..^2] + "ff"), ("unicode", "0x" + new string('é', 130)),
            ("huge", "0x" + new string('a', 1_000_000)),
        };
        for (var i = 0; i < 24; i++) signatures.Add(($"random 65 bytes #{i}", "0x" + Convert.ToHexStringLower(RandomBytes(random, 65))));
        for (var i = 0; i < 8; i++)
        {
            var flipped = w.ClaimedSignature.ToCharArray();
            var at = 2 + random.Next(128);
            flipped[at] = flipped[at] == 'a' ? 'b' : 'a';
            signatures.Add(($"one digit changed at {at}", new string(flipped)));
        }
        foreach (var (name, value) in signatures)
            Add("signatures", "Ledger.Claim(signature)", name, () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-s", w.Contributor, 5, Destination, value!))));
        var stranger = new EthECKey(StrangerKey).GetPrivateKey();
        Add("signatures", "Ledger.Claim(forged: a stranger's key)", w.Contributor, () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-f", w.Contributor, 5, Destination, Sign(w.Domain, "fz-claim-f", w.Contributor, 5, Destination, stranger)))));
        Add("signatures", "Ledger.Claim(replayed: other claim id)", "fz-claim-2", () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-2", w.Contributor, 10, Destination, w.ClaimedSignature))));
        Add("signatures", "Ledger.Claim(replayed: other amount)", "11", () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-1b", w.Contributor, 11, Destination, w.ClaimedSignature))));
        Add("signatures", "Ledger.Claim(replayed: other destination)", "0x…d2", () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-1c", w.Contributor, 10, "0x00000000000000000000000000000000000000d2", w.ClaimedSignature))));
        Add("signatures", "Ledger.Claim(replayed: other account)", w.Payer, () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-1d", w.Payer, 10, Destination, w.ClaimedSignature))));
        Add("signatures", "Ledger.Claim(other chain)", "chain 999", () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-ch", w.Contributor, 5, Destination, Sign(w.Domain with { ChainId = 999 }, "fz-claim-ch", w.Contributor, 5, Destination, OwnerKey)))));
        Add("signatures", "Ledger.Claim(other ledger)", "ledger 'shadow'", () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-lg", w.Contributor, 5, Destination, Sign(w.Domain with { Ledger = "shadow" }, "fz-claim-lg", w.Contributor, 5, Destination, OwnerKey)))));
        Add("signatures", "Ledger.Claim(replayed exactly)", "fz-claim-1", () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-1", w.Contributor, 10, Destination, w.ClaimedSignature))));
        Add("other-accounts", "Ledger.Claim(account without owner)", w.Payer, () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-p", w.Payer, 5, Destination, Sign(w.Domain, "fz-claim-p", w.Payer, 5, Destination, OwnerKey)))));
        Add("other-accounts", "Ledger.Claim(another's account with my key)", "modeller-fuzz", () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-m", "modeller-fuzz", 5, Destination, Sign(w.Domain, "fz-claim-m", "modeller-fuzz", 5, Destination, stranger)))));
        Add("unknown-ids", "Ledger.Claim(unknown account)", "fz-ghost", () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-g", "fz-ghost", 5, Destination, Sign(w.Domain, "fz-claim-g", "fz-ghost", 5, Destination, OwnerKey)))));
        Add("amounts", "Ledger.Claim(more than the balance, validly signed)", "10¹⁵", () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-big", w.Contributor, 1_000_000_000_000_000, Destination, Sign(w.Domain, "fz-claim-big", w.Contributor, 1_000_000_000_000_000, Destination, OwnerKey)))));
        Add("amounts", "Ledger.Claim(long.MaxValue, validly signed)", "long.MaxValue", () => Box(ledger.ClaimAsync(new ClaimRequest("fz-claim-max", w.Contributor, long.MaxValue, Destination, Sign(w.Domain, "fz-claim-max", w.Contributor, long.MaxValue, Destination, OwnerKey)))));

        // Random mutations: a valid submission or inference with one field replaced by a random bad value.
        for (var i = 0; i < 40; i++)
        {
            var rows = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => new ContributionRow(Row(), random.Next(w.Classes))).ToList();
            var victim = random.Next(rows.Count);
            var (name, values) = badVectors[random.Next(badVectors.Count)];
            rows[victim] = random.Next(3) == 0 ? rows[victim] with { Label = badLabels[random.Next(badLabels.Length)] } : rows[victim] with { Features = values! };
            Add("random", "Datanet.Submit(random mutation)", $"row {victim} of {rows.Count}: {(rows[victim].Features == values ? name : "label " + rows[victim].Label)}",
                () => Box(datanet.SubmitAsync($"fz-rand-{i}", "fz-contrib", rows)));
            var query = Row();
            query[random.Next(query.Length)] = random.Next(2) == 0 ? double.NaN : double.NegativeInfinity;
            Add("random", "Session.Infer(random mutation)", "a non-finite value", () => Box(session.InferAsync(new InferenceRequest($"fz-rand-q{i}", query))));
        }
        InternalFromClient(grains, w, Add);
        return cases;
    }


    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
