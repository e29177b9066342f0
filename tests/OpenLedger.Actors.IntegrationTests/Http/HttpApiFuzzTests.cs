using OpenLedger.Actors.Abstractions.Explorer;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpenLedger.Actors.Http.Auth;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// The negative suite over every HTTP endpoint: at least 1,000 bad requests generated from a seed
/// (<c>OPENLEDGER_HTTP_FUZZ_SEED</c>, <c>OPENLEDGER_HTTP_FUZZ_CASES</c>) against a silo whose grain state and artifacts
/// are in Azure storage (Azurite). Every case must be answered with a 4xx ProblemDetails carrying a code, and the
/// stored state — every table entity with its ETag, every blob, and what the grains answer — must be identical before
/// and after. Counts by category are printed.
/// </summary>
public sealed class HttpApiFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_generated_bad_request_is_a_4xx_problem_and_changes_nothing_in_storage()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OPENLEDGER_HTTP_FUZZ_SEED"), out var s) ? s : 6_006;
        var count = int.TryParse(Environment.GetEnvironmentVariable("OPENLEDGER_HTTP_FUZZ_CASES"), out var c) ? c : 1_200;
        var run = Guid.NewGuid().ToString("N")[..12];
        var (table, container) = ($"HttpFuzz{run}", $"http-fuzz-{run}");
        await using var host = await ApiHost.StartAsync($"fuzz-{run}", new Dictionary<string, string?>
        {
            ["OpenLedger:Storage:Provider"] = "AzureStorage",
            ["OpenLedger:Storage:ConnectionString"] = AzuriteEnvironment.ConnectionString,
            ["OpenLedger:Storage:TableName"] = table,
            ["OpenLedger:Storage:ArtifactContainer"] = container,
            // Influence totals change only with inferences; a long interval keeps the set-up's totals from being
            // written in the middle of the run (a refused request must not be what writes them).
            ["OpenLedger:Attribution:TotalsFlushInterval"] = "01:00:00",
        });
        var world = new ApiWorld(host, "fuzz");
        await world.SetUpAsync(inferences: 3);
        var (revokedKey, paidClaimId, paidAmount) = await PrepareAsync(world);
        var operatorPlatformKey = await world.Host.IssueKeyAsync("fuzz-operator-platform", ApiRoles.Operator, ApiRoles.Platform);

        // The explorer's read model writes what the set-up's inferences changed on its own timer: let it write now, so
        // the snapshot holds everything accepted before the cases run (it writes nothing while nothing changes).
        await host.Grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog).FlushAsync();
        var before = await StorageSnapshot.TakeAsync(AzuriteEnvironment.ConnectionString, table, container, () => GrainReadsAsync(world));
        var cases = new HttpFuzzCases(world, revokedKey, paidClaimId, paidAmount, operatorPlatformKey).Generate(seed, count);
        var failures = new List<string>();
        var refusedByKestrel = 0;
        var byCategory = new SortedDictionary<string, (int Cases, SortedDictionary<int, int> Statuses)>(StringComparer.Ordinal);
        foreach (var fuzz in cases)
        {
            var response = await SendAsync(host, fuzz);
            var status = (int)response.Status;
            if (!byCategory.TryGetValue(fuzz.Category, out var tally)) byCategory[fuzz.Category] = tally = (0, new SortedDictionary<int, int>());
            tally.Statuses[status] = tally.Statuses.GetValueOrDefault(status) + 1;
            byCategory[fuzz.Category] = (tally.Cases + 1, tally.Statuses);
            if (fuzz.RefusedByServer && status == 400 && response.Text.Length == 0)
                refusedByKestrel++;
            else if (status is < 400 or > 499 || !response.IsProblem || string.IsNullOrEmpty(response.Code))
                failures.Add($"[{fuzz.Category}] {fuzz.Description} {fuzz.Method} {fuzz.Path} → {response}");
        }
        var after = await StorageSnapshot.TakeAsync(AzuriteEnvironment.ConnectionString, table, container, () => GrainReadsAsync(world));

        var report = new StringBuilder($"HTTP fuzz: seed {seed}, {cases.Count} cases, {failures.Count} not answered with a 4xx problem, {refusedByKestrel} refused by Kestrel before the app (NUL in the path: 400, no body); storage {before.Entities} entities, {before.Blobs} blobs\n");
        foreach (var (category, (n, statuses)) in byCategory)
            report.Append($"  {category,-18} {n,5}   {string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}"))}\n");
        output.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(25)));
        Assert.True(cases.Count >= 1_000);
        Assert.True(before.Entities > 0 && before.Blobs > 0, "the snapshot must see the stored state");
        Assert.Equal(before.Text, after.Text);

        // The snapshot is sensitive: one accepted request (a deposit of one micro-unit) changes it.
        using var op = world.Operator;
        (await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{world.PlatformAccount}/deposits", new { depositId = "fuzz-control", amount = 1 })).Expect(HttpStatusCode.OK);
        var control = await StorageSnapshot.TakeAsync(AzuriteEnvironment.ConnectionString, table, container, () => GrainReadsAsync(world));
        Assert.NotEqual(before.Text, control.Text);
    }

    /// <summary>Things the cases refer to: a revoked key, a paid claim (to replay), and a deposit made with an Idempotency-Key.</summary>
    private static async Task<(string RevokedKey, string PaidClaimId, long PaidAmount)> PrepareAsync(ApiWorld world)
    {
        var revoked = await world.Host.IssueKeyAsync("fuzz-revoked", ApiRoles.Platform, ApiRoles.Contributor, ApiRoles.Curator, ApiRoles.ModelOwner);
        using var op = world.Operator;
        (await op.SendJsonAsync(HttpMethod.Delete, $"/api/v1/api-keys/{ApiKeyFormat.KeyIdOf(revoked)}")).Expect(HttpStatusCode.OK);
        (await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{world.PlatformAccount}/deposits", new { depositId = "fuzz-setup", amount = 10 },
            HttpFuzzCases.SetupDepositIdempotencyKey)).Expect(HttpStatusCode.OK);
        using var contributor = world.Contributor(0);
        const long amount = 3;
        var signature = world.SignClaim("fuzz-paid", world.ContributorAccounts[0], amount, world.ContributorWallet);
        (await contributor.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{world.ContributorAccounts[0]}/claims",
            new { claimId = "fuzz-paid", amount, destination = ApiWorld.Destination, signature })).Expect(HttpStatusCode.OK);
        return (revoked, "fuzz-paid", amount);
    }

    private static async Task<ApiResponse> SendAsync(ApiHost host, FuzzCase fuzz)
    {
        using var client = host.Client();
        using var request = new HttpRequestMessage(fuzz.Method, fuzz.Path);
        if (fuzz.ApiKey is not null) request.Headers.TryAddWithoutValidation(ApiKeyFormat.HeaderName, fuzz.ApiKey);
        if (fuzz.IdempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", fuzz.IdempotencyKey);
        if (fuzz.RawBody is not null || fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.RawBody ?? Encoding.UTF8.GetBytes(fuzz.Body!));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(fuzz.ContentType);
            // As careful clients do with large bodies: the server can refuse (413, 401, …) before the body is sent.
            request.Headers.ExpectContinue = true;
        }
        using var response = await client.SendAsync(request);
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What the grains answer (as the operator sees it): ledger totals, every account with its full statement,
    /// the Datanet, its contributions and versions, the model, the session and its inferences.</summary>
    private static async Task<string> GrainReadsAsync(ApiWorld world)
    {
        using var op = world.Operator;
        var text = new StringBuilder();
        async Task Read(string path)
        {
            var response = await op.GetApiAsync(path);
            // A refusal (e.g. an account never seen) is compared by status and code: its traceId differs per request.
            text.Append(path).Append(' ').Append((int)response.Status).Append(' ').Append(response.IsProblem ? response.Code : response.Text).Append('\n');
        }
        await Read("/api/v1/ledger/summary");
        await Read("/api/v1/ledger/claimables?limit=200");
        foreach (var account in world.AllAccounts.Where(a => !a.Contains(':')))
        {
            await Read($"/api/v1/accounts/{account}");
            await Read($"/api/v1/accounts/{account}/statement?limit=200");
        }
        await Read($"/api/v1/datanets/{world.DatanetId}");
        await Read($"/api/v1/datanets/{world.DatanetId}/contributions?limit=200");
        await Read($"/api/v1/datanets/{world.DatanetId}/versions");
        await Read($"/api/v1/models/{world.ModelId}");
        await Read($"/api/v1/sessions/{world.SessionId}");
        foreach (var key in world.InferenceKeys) await Read($"/api/v1/sessions/{world.SessionId}/inferences/{key}");
        return text.ToString();
    }
}
