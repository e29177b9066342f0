using System.Diagnostics;
using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Explorer;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Size tests of Datanets, contributors and the explorer catalog on Azurite (issue 13): the loads that broke them,
/// through a real two-silo cluster whose state is in Azure Table storage. Every write must succeed and the largest
/// stored entity of each grain type must stay under its written budget (README, "Size budgets"). <c>./test.sh</c> runs
/// a smaller plan; <c>OPENLEDGER_SIZE_SCALE=full</c> runs 10× the break points (tests/soak/size-budgets.sh): 50,000
/// one-row submissions on one Datanet, 50,000 submissions by one contributor, 3,000 Datanets in the catalog;
/// <c>past</c> runs just past the break points (5,000 / 5,000 / 300).
/// </summary>
[Trait("Category", "Size")]
public sealed class DatanetSizeTests(ITestOutputHelper output)
{
    public const long DatanetBudget = 832 * 1024, SubmissionPageBudget = 512 * 1024, ContributorBudget = 4 * 1024,
        ContributorPageBudget = 512 * 1024, CatalogBudget = 256 * 1024, ExplorerDatanetBudget = 192 * 1024, DirectoryPageBudget = 512 * 1024,
        RejectionPageBudget = 128 * 1024;

    private static readonly string Scale = Environment.GetEnvironmentVariable("OPENLEDGER_SIZE_SCALE") ?? "";

    /// <summary>The plan's size: <c>full</c> (10× the break points), <c>past</c> (just past them), else the small plan.</summary>
    private static int Plan(int full, int past, int small) => Scale switch { "full" => full, "past" => past, _ => small };

    private static DatanetMetadata Metadata(string name) => new(name, "size test", "", [], "tabular", 8, 2);

    /// <summary>Submission <paramref name="i"/>'s one row: random features (no near-duplicates at this dimension), the same on a retry.</summary>
    private static IReadOnlyList<ContributionRow> OneRow(int i)
    {
        var random = new Random(i);
        return [new ContributionRow(Enumerable.Range(0, 8).Select(_ => random.NextDouble() * 10 - 5).ToArray(), random.Next(2))];
    }

    [Fact]
    public async Task Fifty_thousand_one_row_submissions_on_one_Datanet_fit_their_budgets()
    {
        var submissions = Plan(50_000, 5_000, 600);
        const int contributors = 100;
        await using var run = await SizeRun.StartAsync(output, "datanet");
        var datanet = run.Grains.GetGrain<IDatanetGrain>("crowded");
        var owner = $"owner-{new string('o', 100)}";
        await run.TimedAsync(1, _ => datanet.CreateAsync(owner, Metadata("Crowded"))); // retried like every call here (idempotent)
        await run.TimedAsync(submissions, async i => // queued at the Datanet grain, which still runs them one at a time
            await datanet.SubmitAsync($"submission-{i:D6}-{new string('s', 100)}", $"contributor-{i % contributors:D3}-{new string('c', 100)}", OneRow(i)), parallel: 8);
        await datanet.ReviewAsync(owner, Enumerable.Range(1, 10_000 > submissions ? submissions : 10_000).Select(i => (long)i).Where(i => i % 100 < 50).ToList(), approve: true);

        var info = await datanet.GetInfoAsync();
        Assert.Equal(submissions, info.PendingCount + info.ApprovedCount + info.RejectedCount);
        Assert.Equal(submissions - 1, (await datanet.ListContributionsAsync(submissions - 1, 10)).Single().RowId - 1); // the last page reads
        await run.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero); // rebuilt from the pages
        Assert.Equal(info, await datanet.GetInfoAsync(), DatanetInfoComparer.Instance);
        var sizes = await run.MeasureAsync(("datanet", DatanetBudget), ("datanetsubmissionpage", SubmissionPageBudget));
        Assert.Equal((submissions + 511) / 512, sizes["datanetsubmissionpage"].Entities);
    }

    /// <summary>
    /// The rejection record's largest page: 64 entries of the largest kind — 64 rows each, a 128-character contributor and
    /// curator, a 200-character reason — one entry per review (65 reviews: the first page full, the second begun).
    /// </summary>
    [Fact]
    public async Task A_full_rejection_page_of_the_largest_entries_fits_its_budget()
    {
        const int reviews = 65, rows = RejectedRows.MaxRows;
        await using var run = await SizeRun.StartAsync(output, "rejections");
        var datanet = run.Grains.GetGrain<IDatanetGrain>("rejecting");
        var owner = $"owner-{new string('o', 122)}";
        var contributor = $"contributor-{new string('c', 116)}";
        var reason = new string('r', 200);
        await datanet.CreateAsync(owner, Metadata("Rejecting"));
        var random = new Random(65);
        var submitted = await datanet.SubmitAsync("rejected-rows", contributor, Enumerable.Range(0, reviews * rows)
            .Select(_ => new ContributionRow(Enumerable.Range(0, 8).Select(_ => random.NextDouble() * 10 - 5).ToArray(), random.Next(2))).ToList());
        Assert.All(submitted.Rows, r => Assert.Equal(ContributionStatus.Pending, r.Status));
        await run.TimedAsync(reviews, i => datanet.ReviewAsync(owner, Enumerable.Range(i * rows + 1, rows).Select(r => (long)r).ToList(), false, reason));

        Assert.Equal(reviews - 1, (await datanet.ListRejectionsAsync(null, 1)).Single().Sequence);
        var sizes = await run.MeasureAsync(("datanet", DatanetBudget), ("datanetrejectionpage", RejectionPageBudget));
        Assert.Equal(2, sizes["datanetrejectionpage"].Entities);
    }

    [Fact]
    public async Task Fifty_thousand_submissions_by_one_contributor_fit_their_budgets()
    {
        var submissions = Plan(50_000, 5_000, 600);
        const int datanets = 10;
        await using var run = await SizeRun.StartAsync(output, "contributor");
        var contributor = $"busy-{new string('c', 100)}";
        await run.TimedAsync(datanets, d => run.Grains.GetGrain<IDatanetGrain>($"net-{d}").CreateAsync("owner", Metadata($"Net {d}")));
        await run.TimedAsync(submissions, async i =>
            await run.Grains.GetGrain<IDatanetGrain>($"net-{i % datanets}").SubmitAsync($"submission-{i:D6}-{new string('s', 100)}", contributor, OneRow(i)), parallel: datanets);

        var profile = run.Grains.GetGrain<IContributorGrain>(contributor);
        Assert.Equal(submissions, (await profile.GetProfileAsync()).ContributionCount);
        await run.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(submissions, (await profile.GetProfileAsync()).ContributionCount);
        Assert.Single(await profile.ListContributionsAsync(submissions - 1, 1_000));
        var sizes = await run.MeasureAsync(("contributor", ContributorBudget), ("contributorsubmissionpage", ContributorPageBudget));
        Assert.Equal((submissions + 511) / 512, sizes["contributorsubmissionpage"].Entities);
    }

    [Fact]
    public async Task Three_thousand_Datanets_in_the_explorer_catalog_fit_their_budgets()
    {
        var datanets = Plan(3_000, 300, 100);
        await using var run = await SizeRun.StartAsync(output, "catalog");
        await run.TimedAsync(datanets, async i =>
        {
            var datanet = run.Grains.GetGrain<IDatanetGrain>($"catalogued-{i:D5}-{new string('d', 60)}");
            await datanet.CreateAsync($"owner-{i % 50}", Metadata($"Datanet {i}") with { Description = new string('x', 2_000) });
            for (var c = 0; c < 10; c++) await datanet.SubmitAsync($"s{c}", $"contributor-{c}", OneRow(i * 10 + c));
        }, parallel: 16);
        var catalog = run.Grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog);
        await catalog.FlushAsync();
        var overview = await catalog.GetOverviewAsync(1, 1, 100);
        Assert.Equal(datanets, overview.DatanetCount);
        Assert.Equal(10, (await catalog.GetDatanetAsync($"catalogued-{datanets - 1:D5}-{new string('d', 60)}"))!.Contributors.Count);
        await run.MeasureAsync(("explorercatalog", CatalogBudget), ("explorerdatanet", ExplorerDatanetBudget), ("explorerdirectorypage", DirectoryPageBudget));
    }

    private sealed class DatanetInfoComparer : IEqualityComparer<DatanetInfo>
    {
        public static readonly DatanetInfoComparer Instance = new();

        public bool Equals(DatanetInfo? a, DatanetInfo? b) => a is not null && b is not null && a.Id == b.Id && a.PendingCount == b.PendingCount
            && a.ApprovedCount == b.ApprovedCount && a.RejectedCount == b.RejectedCount && a.Curators.SequenceEqual(b.Curators);

        public int GetHashCode(DatanetInfo info) => info.Id.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>One Azurite-backed cluster under its own service id.</summary>
    private sealed class SizeRun(ITestOutputHelper output, string serviceId, InProcessTestCluster cluster) : IAsyncDisposable
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public InProcessTestCluster Cluster { get; } = cluster;
        public IGrainFactory Grains => Cluster.Client;

        public static async Task<SizeRun> StartAsync(ITestOutputHelper output, string name)
        {
            await AzuriteEnvironment.RequireRunningAsync();
            var serviceId = $"size-{name}-{Guid.NewGuid():N}"[..24];
            var settings = new Dictionary<string, string?> { ["OpenLedger:Governance:DailyRowQuota"] = "10000000" };
            return new SizeRun(output, serviceId, await AzuriteCluster.StartAsync(serviceId, SizeScale.Silos(Scale == "full"), settings));
        }

        /// <summary>Runs the operations, <paramref name="parallel"/> at a time (<see cref="SizeScale.RunAsync"/>).</summary>
        public Task TimedAsync(int count, Func<int, Task> operation, int parallel = 1) => SizeScale.RunAsync(output, count, parallel, operation);

        /// <summary>Measures the stored entities of each grain type, prints them, and asserts each largest is under its budget.</summary>
        public async Task<IReadOnlyDictionary<string, StoredEntitySizes.Largest>> MeasureAsync(params (string GrainType, long Budget)[] budgets)
        {
            var sizes = await StoredEntitySizes.MeasureAsync(serviceId, budgets.Select(b => b.GrainType).ToArray());
            foreach (var (type, budget) in budgets)
            {
                var largest = sizes[type];
                output.WriteLine($"{type,-26} {largest.Entities,8:N0} entities, largest {largest.Bytes,9:N0} bytes (budget {budget:N0})");
                Assert.True(largest.Entities > 0, $"no stored {type} entity was found (keys: {string.Join("; ", await StoredEntitySizes.SampleKeysAsync(serviceId, 5))})");
                Assert.True(largest.Bytes <= budget, $"{type} {largest.PartitionKey}/{largest.RowKey} stores {largest.Bytes:N0} bytes, over its budget of {budget:N0}");
            }
            return sizes;
        }

        public async ValueTask DisposeAsync()
        {
            output.WriteLine($"total {_clock.Elapsed.TotalSeconds:F1} s");
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
    }
}
