using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Nethereum.Signer;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Claims;
using Orleans.TestingHost;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The bank test: concurrent clients run random operations (deposits, fee transfers, real inferences,
/// retries with the same ids, conflicting ids, owner-signed and forged claims, balance reads) against a
/// three-silo cluster on Azurite, while silos are killed and replaced and a seeded fraction of journal and
/// inference-state writes fail before or after reaching storage. Every operation is retried with the same id
/// until it gets a definitive answer, as a real client would. Then, against the independent <see cref="BankModel"/>:
/// debits = credits, every acknowledged transfer applied exactly once (balances and transfer count match),
/// no balance below its limit, every statement sums to its balance, and a replay of the journal agrees.
/// <para>
/// Reproduce with <c>OPENLEDGER_BANK_SEED=n</c> (printed): each client's operation stream is drawn from it per step,
/// so it is the same whatever the outcomes; the fault plan is drawn from it too, in the order writes reach storage
/// (which concurrency may vary). Size with <c>OPENLEDGER_BANK_OPERATIONS</c> (default 20,000 in <c>./test.sh</c>,
/// 100,000 in the soak tier, <c>tests/soak.sh</c>) and <c>OPENLEDGER_BANK_FAULT_RATE</c> (fraction of journal and
/// inference-state writes that fail; default 0.01). A silo is killed and replaced every quarter of the run.
/// </para>
/// </summary>
public sealed class BankInvariantTests(ITestOutputHelper output)
{
    private const int Clients = 32;
    private const int ContributorsPerClient = 2;
    private const long InferenceFee = 1_000;
    private const int KillsPerRun = 4;

    /// <summary>The normal tier's run: 20,000 operations, four silo kills.</summary>
    [Fact]
    public Task Random_operations_under_silo_kills_and_storage_faults_keep_every_ledger_invariant() => RunAsync(20_000);

    /// <summary>The soak run (nightly, <c>tests/soak.sh</c>): 100,000 operations, four silo kills.</summary>
    [Fact]
    [Trait("Category", "Soak")]
    public Task A_hundred_thousand_random_operations_under_silo_kills_and_storage_faults_keep_every_ledger_invariant() => RunAsync(100_000);

    private async Task RunAsync(int defaultOperations)
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OPENLEDGER_BANK_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261125;
        var operations = int.TryParse(Environment.GetEnvironmentVariable("OPENLEDGER_BANK_OPERATIONS"), CultureInfo.InvariantCulture, out var n) ? n : defaultOperations;
        var faultRate = double.TryParse(Environment.GetEnvironmentVariable("OPENLEDGER_BANK_FAULT_RATE"), CultureInfo.InvariantCulture, out var f) ? f : 0.01;
        output.WriteLine($"seed {seed}, {operations} operations, fault rate {faultRate} (OPENLEDGER_BANK_SEED={seed} replays the same operation streams)");

        var plan = new FaultPlan(seed, faultRate, "journal-", "inference") { Enabled = false };
        var cluster = await BankCluster.StartAsync($"bank-{seed}-{Guid.NewGuid():N}"[..30], plan);
        try
        {
            var run = new BankRun(cluster, seed, operations, output);
            await run.SetUpAsync();
            plan.Enabled = true;
            var clock = Stopwatch.StartNew();
            var chaos = run.KillSilosAsync();
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(run.ClientAsync));
            run.Done = true;
            await chaos;
            plan.Enabled = false;
            output.WriteLine($"{run.Completed} operations in {clock.Elapsed.TotalSeconds:F1} s by {Clients} clients: {run.Describe()}; " +
                $"{run.TransientFailures} transient failures retried; storage faults before/after write {plan.BeforeWriteFaults}/{plan.AfterWriteFaults}; {run.Kills} silos killed");

            Assert.True(run.Completed >= operations, $"seed {seed}: only {run.Completed} operations ran");
            Assert.True(plan.BeforeWriteFaults > 0 && plan.AfterWriteFaults > 0, $"seed {seed}: faults of both kinds were injected");
            Assert.True(run.Kills >= KillsPerRun - 1, $"seed {seed}: silos were killed ({run.Kills})");
            await run.CheckInvariantsAsync();
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class BankRun(InProcessTestCluster cluster, int seed, int operations, ITestOutputHelper output)
    {
        private readonly BankModel _model = new();
        private readonly Dictionary<string, long> _baseline = new(StringComparer.Ordinal);
        private readonly int[] _counts = new int[Enum.GetValues<Op>().Length];
        private Scenario _scenario = null!;
        private ClaimDomain _domain = null!;
        private long _baselineTransfers;
        private int _completed;
        private int _transientFailures;

        public volatile bool Done;
        public int Completed => Volatile.Read(ref _completed);
        public int TransientFailures => Volatile.Read(ref _transientFailures);
        public int Kills { get; private set; }

        private IClusterClient Client => cluster.Client;
        private ILedgerGrain Ledger => Client.GetGrain<ILedgerGrain>(LedgerIds.Main);

        private static string Payer(int client) => $"bank-payer-{client}";
        private static string Contributor(int client, int k) => $"bank-contrib-{client}-{k}";
        private static long CreditLimit(int client) => client % 4 == 0 ? 2_000 : 0;

        /// <summary>Deterministic per-seed keys, so a failing seed signs the same claims again.</summary>
        private EthECKey Key(string account) => new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{account}"))));

        public async Task SetUpAsync()
        {
            _scenario = new Scenario(Client, $"bank{seed}") { Fee = InferenceFee };
            await _scenario.PublishAsync();
            await _scenario.TrainAsync();
            _domain = await Ledger.GetClaimDomainAsync();
            for (var c = 0; c < Clients; c++)
            {
                Assert.Equal(TransferResultCode.Ok, await Ledger.OpenAccountAsync(new AccountRegistration(Payer(c), AccountKind.Payer, CreditLimit: CreditLimit(c))));
                for (var k = 0; k < ContributorsPerClient; k++)
                {
                    var account = Contributor(c, k);
                    Assert.Equal(TransferResultCode.Ok, await Ledger.OpenAccountAsync(new AccountRegistration(account, AccountKind.Contributor, Key(account).GetPublicAddress())));
                }
                await Client.GetGrain<IInferenceSessionGrain>($"bank-session-{c}").OpenAsync(Payer(c), _scenario.ModelId, topK: 5);
            }
            var watched = _scenario.Contributors.Append(_scenario.ModelOwner).Append(_scenario.Owner).Append("protocol:treasury")
                .Append("external:deposits").Append("external:claims").ToList();
            foreach (var (account, balance) in await Ledger.GetBalancesAsync(watched)) _baseline[account] = balance;
            _baselineTransfers = (await Ledger.GetSummaryAsync()).TransferCount;
        }

        public async Task KillSilosAsync()
        {
            var random = new Random(seed);
            var operationsPerKill = Math.Max(1, operations / KillsPerRun);
            for (var next = operationsPerKill; !Done; await Task.Delay(100))
            {
                if (Completed < next) continue;
                next += operationsPerKill;
                var secondaries = cluster.Silos.Skip(1).ToList(); // the primary hosts the test cluster's membership
                var victim = secondaries[random.Next(secondaries.Count)];
                await cluster.KillSiloAsync(victim);
                Kills++;
                await cluster.StartAdditionalSiloAsync();
                output.WriteLine($"killed {victim.SiloAddress} after {Completed} operations and started a replacement");
            }
        }

        public async Task ClientAsync(int client)
        {
            var payer = Payer(client);
            var session = Client.GetGrain<IInferenceSessionGrain>($"bank-session-{client}");
            long balance = 0; // exact: only this client debits or funds its payer
            var acknowledged = new List<TransferRequest>();
            var inferences = new List<(InferenceRequest Request, InferenceResult Result)>();
            var claims = new List<ClaimRequest>();
            var quota = operations / Clients + (client < operations % Clients ? 1 : 0);
            for (var step = 0; step < quota; step++)
            {
                // One generator per (seed, client, step): a step's draws do not depend on earlier outcomes.
                var random = new Random(unchecked(seed * 1_000_003 + client * 7_919 + step));
                var roll = random.Next(100);
                var op = roll switch
                {
                    < 12 => Op.Deposit,
                    < 57 => Op.FeeTransfer,
                    < 62 => Op.Inference,
                    < 75 => Op.Retry,
                    < 80 => Op.ConflictingId,
                    < 87 => Op.Claim,
                    < 89 => Op.ForgedClaim,
                    < 94 => Op.InferenceReplay,
                    _ => Op.Read,
                };
                switch (op)
                {
                    case Op.Deposit:
                    {
                        var amount = random.Next(1, 3_000);
                        var id = $"b{seed}-d-{client}-{step}";
                        var (code, retried) = await PostAsync(() => Ledger.DepositAsync(id, payer, amount));
                        ExpectApplied(code, retried, id);
                        var request = new TransferRequest($"deposit:{id}", [new TransferPosting("external:deposits", payer, amount, "deposit")]);
                        _model.Acknowledge(request.Id, request.Postings);
                        acknowledged.Add(request);
                        balance += amount;
                        break;
                    }
                    case Op.FeeTransfer:
                    {
                        var postings = Enumerable.Range(0, random.Next(1, 4))
                            .Select(_ => new TransferPosting(payer, Contributor(random.Next(Clients), random.Next(ContributorsPerClient)), random.Next(1, 300), "fee.contributor"))
                            .Append(new TransferPosting(payer, "protocol:treasury", random.Next(1, 100), "fee.protocol")).ToList();
                        var request = new TransferRequest($"b{seed}-t-{client}-{step}", postings, $"b{seed}-ref-{client}-{step}");
                        var total = postings.Sum(p => p.Amount);
                        var (code, retried) = await PostAsync(() => Ledger.PostAsync(request));
                        if (balance - total < -CreditLimit(client))
                        {
                            Assert.True(code == TransferResultCode.InsufficientFunds, $"seed {seed}: {request.Id} overdraws but got {code}");
                            break;
                        }
                        ExpectApplied(code, retried, request.Id);
                        _model.Acknowledge(request.Id, postings);
                        acknowledged.Add(request);
                        balance -= total;
                        break;
                    }
                    case Op.Inference:
                    {
                        var request = new InferenceRequest($"k{step}", _scenario.QueryFeatures(random.Next(100)));
                        if (balance - InferenceFee < -CreditLimit(client))
                        {
                            var refused = await Assert.ThrowsAsync<OpenLedgerException>(() => Definitive(() => session.InferAsync(request)));
                            Assert.Equal(ErrorKind.InsufficientFunds, refused.Kind);
                            break;
                        }
                        var result = await Definitive(() => session.InferAsync(request));
                        Assert.Equal(InferenceFee, result.Receipt.Postings.Sum(p => p.Amount));
                        _model.Acknowledge(InferenceId.Parse(result.InferenceId).ReservationId, []); // the fee's reservation: a pending transfer, it moves nothing itself
                        _model.Acknowledge(result.Receipt.LedgerTransferId, result.Receipt.Postings);
                        inferences.Add((request, result));
                        balance -= InferenceFee;
                        break;
                    }
                    case Op.Retry when acknowledged.Count > 0:
                    {
                        var request = acknowledged[random.Next(acknowledged.Count)];
                        var (code, _) = await PostAsync(() => Ledger.PostAsync(request));
                        Assert.True(code == TransferResultCode.Exists, $"seed {seed}: retry of {request.Id} answered {code}");
                        break;
                    }
                    case Op.ConflictingId when acknowledged.Count > 0:
                    {
                        var original = acknowledged[random.Next(acknowledged.Count)];
                        var altered = original with { Postings = [original.Postings[0] with { Amount = original.Postings[0].Amount + 1 }, .. original.Postings.Skip(1)] };
                        var (code, _) = await PostAsync(() => Ledger.PostAsync(altered));
                        Assert.True(code == TransferResultCode.ExistsWithDifferentPostings, $"seed {seed}: conflicting {altered.Id} answered {code}");
                        if (inferences.Count > 0)
                        {
                            var (request, _) = inferences[random.Next(inferences.Count)];
                            var conflict = await Assert.ThrowsAsync<OpenLedgerException>(() =>
                                Definitive(() => session.InferAsync(request with { Features = _scenario.QueryFeatures(random.Next(100, 150)) })));
                            Assert.Equal(ErrorKind.Conflict, conflict.Kind);
                        }
                        break;
                    }
                    case Op.Claim:
                    {
                        if (claims.Count > 0 && random.Next(4) == 0)
                        {
                            var again = claims[random.Next(claims.Count)];
                            var (repeat, _) = await PostAsync(() => Ledger.ClaimAsync(again));
                            Assert.True(repeat == TransferResultCode.Exists, $"seed {seed}: repeated claim {again.ClaimId} answered {repeat}");
                            break;
                        }
                        var account = Contributor(client, random.Next(ContributorsPerClient));
                        var claim = Sign($"b{seed}-c-{client}-{step}", account, random.Next(1, 2_000), Key(account));
                        var (code, retried) = await PostAsync(() => Ledger.ClaimAsync(claim));
                        if (code == TransferResultCode.InsufficientFunds) break; // credits from other clients race with claims
                        ExpectApplied(code, retried, claim.ClaimId);
                        _model.Acknowledge($"claim:{claim.ClaimId}", [new TransferPosting(account, "external:claims", claim.Amount, "claim")]);
                        claims.Add(claim);
                        break;
                    }
                    case Op.ForgedClaim:
                    {
                        var victim = Contributor(random.Next(Clients), random.Next(ContributorsPerClient));
                        var forged = Sign($"b{seed}-f-{client}-{step}", victim, random.Next(1, 100), Key($"not-{victim}"));
                        var refused = await Assert.ThrowsAsync<OpenLedgerException>(() => Definitive(() => Ledger.ClaimAsync(forged)));
                        Assert.Equal("claim.signature_invalid", refused.ErrorCode);
                        break;
                    }
                    case Op.InferenceReplay when inferences.Count > 0:
                    {
                        var (request, original) = inferences[random.Next(inferences.Count)];
                        var replay = await Definitive(() => session.InferAsync(request));
                        Assert.Equal(original.Receipt.Postings, replay.Receipt.Postings);
                        Assert.Equal(original.InferenceId, replay.InferenceId);
                        break;
                    }
                    case Op.Read:
                    {
                        var posted = await Definitive(() => Ledger.GetBalanceAsync(payer));
                        Assert.True(posted == balance, $"seed {seed}: {payer} holds {posted}, expected {balance}");
                        break;
                    }
                    default:
                        op = Op.Read;
                        Assert.Equal(balance, await Definitive(() => Ledger.GetBalanceAsync(payer)));
                        break;
                }
                Interlocked.Increment(ref _counts[(int)op]);
                Interlocked.Increment(ref _completed);
            }
        }

        public string Describe() => string.Join(", ", Enum.GetValues<Op>().Select(op => $"{_counts[(int)op]} {op}"));

        public async Task CheckInvariantsAsync()
        {
            var ledger = Ledger;
            var summary = await Definitive(() => ledger.GetSummaryAsync());
            output.WriteLine($"ledger: {summary.TransferCount} transfers, {summary.PostingCount} postings in {summary.BatchCount} batches " +
                $"({(double)summary.PostingCount / Math.Max(1, summary.BatchCount):F1} postings per journal write)");
            Assert.Equal(0, summary.BalanceSum); // debits = credits
            Assert.True(_baselineTransfers + _model.AcknowledgedCount == summary.TransferCount,
                $"seed {seed}: ledger holds {summary.TransferCount} transfers, {_baselineTransfers} + {_model.AcknowledgedCount} acknowledged");

            foreach (var account in _model.Accounts)
            {
                var expected = _baseline.GetValueOrDefault(account) + _model.Delta(account);
                var statement = new List<StatementEntry>();
                long balance = 0;
                for (long? after = 0; after is not null;)
                {
                    var page = await Definitive(() => ledger.GetStatementAsync(account, after.Value, 1_000));
                    statement.AddRange(page.Entries);
                    balance = page.Balance;
                    after = page.NextAfterLine;
                }
                Assert.True(expected == balance, $"seed {seed}: {account} holds {balance}, acknowledged operations give {expected}");
                Assert.True(statement.Sum(e => e.Amount) == balance, $"seed {seed}: {account}'s statement does not sum to its balance");
                if (!account.StartsWith("external:", StringComparison.Ordinal))
                {
                    var limit = (await Definitive(() => ledger.GetAccountAsync(account)))!.CreditLimit;
                    Assert.True(balance >= -limit, $"seed {seed}: {account} is at {balance}, below its limit {-limit}");
                    Assert.All(statement, e => Assert.True(e.BalanceAfter >= -limit, $"seed {seed}: {account} went to {e.BalanceAfter} at line {e.Line}"));
                }
                Assert.Equal(statement.Count, statement.Select(e => (e.TransferId, e.Code, e.Counterparty, e.Line)).Distinct().Count());
            }

            // A fresh activation rebuilt from the journal in Azure Table storage agrees.
            await cluster.DeactivateAsync(ledger);
            Assert.Equal(summary, await Definitive(() => ledger.GetSummaryAsync()));
        }

        private ClaimRequest Sign(string claimId, string account, long amount, EthECKey key)
        {
            const string destination = "0x00000000000000000000000000000000000000d1";
            var signature = ClaimTypedData.Sign(new ClaimMessage(_domain.Ledger, claimId, account, amount, destination), _domain.ChainId, key.GetPrivateKey());
            return new ClaimRequest(claimId, account, amount, destination, signature);
        }

        private void ExpectApplied(TransferResultCode code, bool retried, string id) =>
            Assert.True(code == TransferResultCode.Ok || (retried && code == TransferResultCode.Exists),
                $"seed {seed}: new operation {id} answered {code}{(retried ? " after a retry" : "")}");

        /// <summary>Retries with the same id until the answer is definitive; tells whether an attempt had an unknown outcome.</summary>
        private async Task<(TransferResultCode Code, bool Retried)> PostAsync(Func<Task<TransferResultCode>> call)
        {
            var retried = false;
            var code = await Definitive(call, () => retried = true);
            return (code, retried);
        }

        private async Task<T> Definitive<T>(Func<Task<T>> call, Action? onRetry = null)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await call();
                }
                // Transport failures and NotReady (503 "retry shortly": an attribution index rebuilding on its new silo after a kill) are
                // not answers; every other typed error is definitive.
                catch (Exception e) when (e is not XunitException && (e is not OpenLedgerException || e is OpenLedgerException { Kind: ErrorKind.NotReady }) && attempt < 200)
                {
                    Interlocked.Increment(ref _transientFailures);
                    onRetry?.Invoke();
                    await Task.Delay(Math.Min(20 * attempt, 500));
                }
            }
        }
    }

    private enum Op { Deposit, FeeTransfer, Inference, Retry, ConflictingId, Claim, ForgedClaim, InferenceReplay, Read }
}
