using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Signer;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Claims;
using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Checkpoints;
using OpenLedger.Actors.Domain.Ledger.Journal;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Staking;
using Orleans.TestingHost;
using Xunit.Abstractions;
using Xunit.Sdk;
using AccountKind = OpenLedger.Actors.Abstractions.Ledger.AccountKind;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The bank test: concurrent clients run random operations (deposits, fee transfers, two-phase transfers — reserved,
/// then posted, voided or left to time out —, transfers with the most postings the ledger allows and ids of the
/// maximum length, real inferences, retries with the same ids, conflicting ids, owner-signed and forged claims, balance reads)
/// through the ledger router (<see cref="LedgerRouter"/>) against a ledger in three partitions on a three-silo cluster
/// on Azurite, taking checkpoints as it goes, while a silo is killed and replaced every 5,000 operations, the governed
/// parameters the fee split reads change and contributors are penalised halfway between kills, and a seeded
/// fraction of journal and inference-state writes fail before or after reaching storage (a lost reply). Every
/// operation is retried with the same id until it gets a definitive answer, as a real client would. Then, once no
/// partition owes another anything and no reservation is open, against the independent <see cref="BankModel"/>:
/// every balance, debits = credits over all partitions and within each, the transit accounts cancel, the transfer
/// count (acknowledged transfers plus the credit deliveries they imply), no balance below its limit, every statement
/// sums to its balance with nothing pending, every reservation ended as its client drove it (posted, voided or
/// expired), receipts name more than one parameter version, each partition's journal verifies from its first record to
/// its witness, each took several checkpoints, and a fresh activation of each partition agrees.
/// <para>
/// Reproduce with <c>OPENLEDGER_BANK_SEED=n</c> (printed): each client's operation stream is drawn from it per step,
/// so it is the same whatever the outcomes; the fault plan is drawn from it too, in the order writes reach storage
/// (which concurrency may vary), as are which inferences see which parameter version and when a reservation left to
/// time out expires (real time). Size with <c>OPENLEDGER_BANK_OPERATIONS</c> (default 20,000 in <c>./test.sh</c>,
/// 100,000 in the soak tier, <c>tests/soak.sh</c>), <c>OPENLEDGER_BANK_FAULT_RATE</c> (fraction of journal and
/// inference-state writes that fail; default 0.01), <c>OPENLEDGER_BANK_PARTITIONS</c> (default 3; 1 is the
/// unpartitioned ledger) and <c>OPENLEDGER_BANK_CHECKPOINT_RECORDS</c> (journal records between checkpoints,
/// default 64).
/// </para>
/// </summary>
public sealed class BankInvariantTests(ITestOutputHelper output)
{
    private const int Clients = 32;
    private const int ContributorsPerClient = 2;
    private const long InferenceFee = 1_000;
    private const int OperationsPerKill = 5_000;

    /// <summary>The accounts the maximum-postings transfers credit: ids of the maximum length, over every partition.</summary>
    private const int LongAccounts = 24;

    /// <summary>The normal tier's run: 20,000 operations, four silo kills.</summary>
    [Fact]
    public Task Random_operations_under_silo_kills_and_storage_faults_keep_every_ledger_invariant() => RunAsync(20_000);

    /// <summary>The soak run (nightly, <c>tests/soak.sh</c>): 100,000 operations, a silo kill every 5,000.</summary>
    [Fact]
    [Trait("Category", "Soak")]
    public Task A_hundred_thousand_random_operations_under_silo_kills_and_storage_faults_keep_every_ledger_invariant() => RunAsync(100_000);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private async Task RunAsync(int defaultOperations)
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var seed = Setting("OPENLEDGER_BANK_SEED", 20261125);
        var operations = Setting("OPENLEDGER_BANK_OPERATIONS", defaultOperations);
        var partitions = Setting("OPENLEDGER_BANK_PARTITIONS", 3);
        var checkpointRecords = Setting("OPENLEDGER_BANK_CHECKPOINT_RECORDS", 64);
        var faultRate = double.TryParse(Environment.GetEnvironmentVariable("OPENLEDGER_BANK_FAULT_RATE"), CultureInfo.InvariantCulture, out var f) ? f : 0.01;
        output.WriteLine($"seed {seed}, {operations} operations, {partitions} partitions, a checkpoint every {checkpointRecords} records, fault rate {faultRate} " +
            $"(OPENLEDGER_BANK_SEED={seed} replays the same operation streams)");

        var plan = new FaultPlan(seed, faultRate, "journal-", "inference") { Enabled = false };
        var bank = await BankCluster.StartAsync($"bank-{seed}-{Guid.NewGuid():N}"[..30], plan, partitions, checkpointRecords);
        var cluster = bank.Cluster;
        try
        {
            var run = new BankRun(bank, seed, operations, partitions, output);
            await run.SetUpAsync();
            plan.Enabled = true;
            var clock = Stopwatch.StartNew();
            var chaos = run.KillSilosAsync();
            var governance = run.GovernAsync();
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(run.ClientAsync));
            run.Done = true;
            await chaos;
            await governance;
            plan.Enabled = false;
            output.WriteLine($"{run.Completed} operations in {clock.Elapsed.TotalSeconds:F1} s by {Clients} clients: {run.Describe()}; " +
                $"{run.TransientFailures} transient failures retried; storage faults before/after write (lost replies) {plan.BeforeWriteFaults}/{plan.AfterWriteFaults}; {run.Kills} silos killed");

            Assert.True(run.Completed >= operations, $"seed {seed}: only {run.Completed} operations ran");
            Assert.True(plan.BeforeWriteFaults > 0 && plan.AfterWriteFaults > 0, $"seed {seed}: faults of both kinds were injected");
            Assert.True(run.Kills >= run.ExpectedKills, $"seed {seed}: {run.Kills} silos were killed, {run.ExpectedKills} expected");
            output.WriteLine(run.DescribeGovernance());
            Assert.True(run.ParameterChanges >= 1, $"seed {seed}: the parameters changed {run.ParameterChanges} times");
            Assert.True(run.ReceiptVersions >= 2, $"seed {seed}: receipts name {run.ReceiptVersions} parameter versions");
            await run.CheckInvariantsAsync();
            output.WriteLine($"whole test (set-up, run, checks) {clock.Elapsed.TotalSeconds:F1} s after set-up");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class BankRun(BankCluster bank, int seed, int operations, int partitions, ITestOutputHelper output)
    {
        private readonly BankModel _model = new();
        private readonly Dictionary<string, long> _baseline = new(StringComparer.Ordinal);
        private readonly int[] _counts = new int[Enum.GetValues<Op>().Length];
        private readonly int[] _outcomes = new int[Enum.GetValues<Outcome>().Length];
        private readonly PartitionMap _map = new(partitions);
        private readonly LedgerRouter _ledger = new(bank.Cluster.Client, partitions);
        private readonly List<(string Payer, string PendingId, PendingTransferStatus Status, string? ResolvedBy)> _reservations = [];
        private Scenario _scenario = null!;
        private ClaimDomain _domain = null!;
        private readonly ConcurrentDictionary<int, int> _receiptVersions = new();
        private readonly string[] _whales = Enumerable.Range(0, 4).Select(i => $"bank-whale-{i}").ToArray();
        private long _withheld;
        private long _baselineTransfers;
        private int _completed;
        private int _transientFailures;

        public volatile bool Done;
        public int Completed => Volatile.Read(ref _completed);
        public int TransientFailures => Volatile.Read(ref _transientFailures);
        public int Kills { get; private set; }
        public int ParameterChanges { get; private set; }
        public int ReceiptVersions => _receiptVersions.Count;
        private int OperationsPerKill => Math.Min(BankInvariantTests.OperationsPerKill, Math.Max(1, operations / 4));
        public int ExpectedKills => operations / OperationsPerKill - 1;

        private InProcessTestCluster Cluster => bank.Cluster;
        private IClusterClient Client => Cluster.Client;

        /// <summary>Every call goes through the router, as the cluster's own callers do.</summary>
        private LedgerRouter Ledger => _ledger;

        private static string Payer(int client) => $"bank-payer-{client}";
        private static string Contributor(int client, int k) => $"bank-contrib-{client}-{k}";
        private static long CreditLimit(int client) => client % 4 == 0 ? 2_000 : 0;

        /// <summary>An account id of the maximum length (<see cref="AccountId.MaxLength"/>).</summary>
        private static string LongAccount(int n) => $"bank-long-{n:D3}-".PadRight(AccountId.MaxLength, 'x');

        /// <summary>A transfer id or reference of the maximum length (<see cref="AccountId.MaxTransferIdLength"/>).</summary>
        private static string LongId(string prefix) => $"{prefix}-".PadRight(AccountId.MaxTransferIdLength, 'y');

        /// <summary>A fee posting code of the maximum length (<see cref="PostingCodes.MaxLength"/>).</summary>
        private static readonly string LongFeeCode = "fee.".PadRight(PostingCodes.MaxLength, 'z');

        /// <summary>Deterministic per-seed keys, so a failing seed signs the same claims again.</summary>
        private EthECKey Key(string account) => new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{account}"))));

        public async Task SetUpAsync()
        {
            _scenario = new Scenario(Client, $"bank{seed}") { Fee = InferenceFee };
            await _scenario.PublishAsync();
            await _scenario.TrainAsync();
            _domain = await Definitive(() => Ledger.GetClaimDomainAsync());
            // Set-up calls are retried like the run's (a loaded machine may time them out); a retry of one that landed answers Exists.
            for (var c = 0; c < Clients; c++)
            {
                await SetUpAsync(() => Ledger.OpenAccountAsync(new AccountRegistration(Payer(c), AccountKind.Payer, CreditLimit: CreditLimit(c))));
                for (var k = 0; k < ContributorsPerClient; k++)
                {
                    var account = Contributor(c, k);
                    await SetUpAsync(() => Ledger.OpenAccountAsync(new AccountRegistration(account, AccountKind.Contributor, Key(account).GetPublicAddress())));
                }
                var session = Client.GetGrain<IInferenceSessionGrain>($"bank-session-{c}");
                await Definitive(() => session.OpenAsync(Payer(c), _scenario.ModelId, topK: 5));
            }
            if (partitions > 1)
            {
                Assert.Equal(partitions, Enumerable.Range(0, Clients).Select(c => _map.PartitionOf(Payer(c))).Distinct().Count());
                Assert.Equal(partitions, Enumerable.Range(0, LongAccounts).Select(n => _map.PartitionOf(LongAccount(n))).Distinct().Count());
            }
            foreach (var whale in _whales) // the stakers who vote the parameter changes in
            {
                await SetUpAsync(() => Ledger.DepositAsync($"fund-{whale}", whale, 100_000_000));
                await Definitive(() => Client.GetGrain<IStakingGrain>(whale).StakeAsync("s1", 100_000_000));
            }
            await QuiesceAsync();
            var watched = _scenario.Contributors.Append(_scenario.ModelOwner).Append(_scenario.Owner).Append("protocol:treasury")
                .Append("external:deposits").Append("external:claims").ToList();
            foreach (var (account, balance) in await Ledger.GetBalancesAsync(watched)) _baseline[account] = balance;
            _baselineTransfers = (await Ledger.GetSummaryAsync()).TransferCount;
        }

        private async Task SetUpAsync(Func<Task<TransferResultCode>> call)
        {
            var (code, retried) = await PostAsync(call);
            ExpectApplied(code, retried, "set-up");
        }

        public async Task KillSilosAsync()
        {
            var random = new Random(seed);
            for (var next = OperationsPerKill; !Done; await Task.Delay(100))
            {
                if (Completed < next) continue;
                next += OperationsPerKill;
                var secondaries = Cluster.Silos.Skip(1).ToList(); // the primary hosts the test cluster's membership
                var victim = secondaries[random.Next(secondaries.Count)];
                await Cluster.KillSiloAsync(victim);
                Kills++;
                await Cluster.StartAdditionalSiloAsync();
                output.WriteLine($"killed {victim.SiloAddress} after {Completed} operations and started a replacement");
            }
        }

        /// <summary>
        /// Halfway between silo kills, changes the governed parameters the fee split reads (the fee shares and top-k, to a
        /// new set and back) through a proposal the stakers vote in, and pushes one more of the model's contributors past
        /// the penalty threshold (their parts are then partly withheld).
        /// </summary>
        public async Task GovernAsync()
        {
            var genesis = (await Client.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync()).Parameters;
            var changed = genesis with { ProtocolBps = genesis.ProtocolBps + 1_000, ModelOwnerBps = genesis.ModelOwnerBps - 1_000, TopK = 3 };
            for (var (next, round) = (OperationsPerKill / 2, 1); !Done; await Task.Delay(100))
            {
                if (Completed < next) continue;
                next += OperationsPerKill;
                var proposal = Client.GetGrain<IProposalGrain>($"bank{seed}-change-{round}");
                var proposed = ParameterChanges % 2 == 0 ? changed : genesis;
                var contributor = _scenario.Contributors[(round - 1) % _scenario.Contributors.Length];
                try
                {
                    var made = await Definitive(() => proposal.ProposeAsync(_whales[0], proposed));
                    foreach (var whale in _whales) await Definitive(() => proposal.VoteAsync(whale, support: true));
                    await UntilExpiredAsync(made.VotingEndsAt);
                    var applied = await Definitive(() => proposal.ExecuteAsync());
                    ParameterChanges++;
                    output.WriteLine($"parameters version {applied.Version} in force after {Completed} operations (protocol {proposed.ProtocolBps} bps, top-k {proposed.TopK})");
                }
                catch (OpenLedgerException e) // voting runs on real time: on a loaded machine a vote may arrive after the period
                {
                    output.WriteLine($"parameter change {round} failed after {Completed} operations: {e.ErrorCode} {e.Message}");
                }
                for (var p = 0; p <= (int)genesis.PenaltyThreshold; p++)
                    await Definitive(() => Client.GetGrain<IStakingCurationGrain>(contributor).PenaliseAsync($"bank{seed}-p{round}-{p}", "bank test"));
                output.WriteLine($"{contributor} penalised past the threshold after {Completed} operations");
                round++;
            }
        }

        public string DescribeGovernance() =>
            $"{ParameterChanges} parameter changes; receipts by parameter version: {string.Join(", ", _receiptVersions.OrderBy(v => v.Key).Select(v => $"v{v.Key} {v.Value}"))}; " +
            $"{Volatile.Read(ref _withheld)} withheld from penalised contributors";

        public async Task ClientAsync(int client)
        {
            var payer = Payer(client);
            var session = Client.GetGrain<IInferenceSessionGrain>($"bank-session-{client}");
            long balance = 0; // exact: only this client debits or funds its payer
            var acknowledged = new List<TransferRequest>();
            var inferences = new List<(InferenceRequest Request, InferenceResult Result)>();
            var claims = new List<ClaimRequest>();
            var expiring = DateTimeOffset.MinValue; // until then a reservation left to time out may still hold part of the payer's funds
            var quota = operations / Clients + (client < operations % Clients ? 1 : 0);
            for (var step = 0; step < quota; step++)
            {
                // One generator per (seed, client, step): a step's draws do not depend on earlier outcomes.
                var random = new Random(unchecked(seed * 1_000_003 + client * 7_919 + step));
                var roll = random.Next(100);
                var op = roll switch
                {
                    < 12 => Op.Deposit,
                    < 50 => Op.FeeTransfer,
                    < 59 => Op.TwoPhase,
                    < 65 => Op.Inference,
                    < 75 => Op.Retry,
                    < 80 => Op.ConflictingId,
                    < 87 => Op.Claim,
                    < 89 => Op.ForgedClaim,
                    < 94 => Op.InferenceReplay,
                    _ => Op.Read,
                };
                if (op == Op.Read && random.Next(24) == 0) op = Op.MaxPostings; // one read in 24: 1 operation in 400
                if (op is Op.FeeTransfer or Op.TwoPhase or Op.MaxPostings or Op.Inference)
                    await UntilExpiredAsync(expiring); // so the payer's available balance is its posted balance again
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
                    case Op.MaxPostings:
                    {
                        var postings = op == Op.FeeTransfer
                            ? Enumerable.Range(0, random.Next(1, 4))
                                .Select(_ => new TransferPosting(payer, Contributor(random.Next(Clients), random.Next(ContributorsPerClient)), random.Next(1, 300), "fee.contributor"))
                                .Append(new TransferPosting(payer, "protocol:treasury", random.Next(1, 100), "fee.protocol")).ToList()
                            : Enumerable.Range(0, LedgerLimits.MaxPostingsPerTransfer)
                                .Select(_ => new TransferPosting(payer, LongAccount(random.Next(LongAccounts)), random.Next(1, 3), LongFeeCode)).ToList();
                        var request = op == Op.FeeTransfer
                            ? new TransferRequest($"b{seed}-t-{client}-{step}", postings, $"b{seed}-ref-{client}-{step}")
                            : new TransferRequest(LongId($"b{seed}-m-{client}-{step}"), postings, LongId($"b{seed}-mref-{client}-{step}"));
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
                    case Op.TwoPhase:
                    {
                        var (spent, expiresAt) = await TwoPhaseAsync(client, step, random, balance);
                        balance -= spent;
                        if (expiresAt > expiring) expiring = expiresAt;
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
                        var reservation = InferenceId.Parse(result.InferenceId).ReservationId;
                        _receiptVersions.AddOrUpdate(result.Receipt.ParameterVersion, 1, (_, n) => n + 1);
                        Interlocked.Add(ref _withheld, result.Receipt.Postings.Where(p => p.Code == "fee.withheld").Sum(p => p.Amount));
                        _model.Acknowledge(reservation, []); // the fee's reservation: a pending transfer, it moves nothing itself
                        _model.Acknowledge(result.Receipt.LedgerTransferId, result.Receipt.Postings);
                        Reservation(payer, reservation, PendingTransferStatus.Posted, result.Receipt.LedgerTransferId);
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

        /// <summary>
        /// A two-phase transfer: reserves fee postings from the payer, then posts them as reserved, posts a smaller final
        /// split, voids them, or leaves them to time out (sometimes posting too late, which must answer
        /// <c>PendingExpired</c>); sometimes repeats every step with the same ids (each answers <c>Exists</c>) or ends it a
        /// second time under another id (refused). Returns what it took from the payer's posted balance, and when a
        /// reservation left to time out expires (until then it may still hold funds).
        /// </summary>
        private async Task<(long Spent, DateTimeOffset ExpiresAt)> TwoPhaseAsync(int client, int step, Random random, long balance)
        {
            var payer = Payer(client);
            var kind = random.Next(100) switch { < 40 => Outcome.Posted, < 55 => Outcome.PostedSmaller, < 75 => Outcome.Voided, _ => Outcome.Expired };
            var reserved = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => new TransferPosting(payer, Contributor(random.Next(Clients), random.Next(ContributorsPerClient)), random.Next(2, 300), "fee.contributor")).ToList();
            var timeout = kind == Outcome.Expired ? TimeSpan.FromMilliseconds(random.Next(50, 400)) : TimeSpan.FromHours(1);
            var pending = new PendingTransferRequest($"b{seed}-r-{client}-{step}", reserved, timeout, $"b{seed}-rref-{client}-{step}");
            var total = reserved.Sum(p => p.Amount);
            var (code, retried) = await PostAsync(() => Ledger.CreatePendingAsync(pending));
            if (balance - total < -CreditLimit(client))
            {
                Assert.True(code == TransferResultCode.InsufficientFunds, $"seed {seed}: reservation {pending.Id} overdraws but got {code}");
                Interlocked.Increment(ref _outcomes[(int)Outcome.Refused]);
                return (0, DateTimeOffset.MinValue);
            }
            ExpectApplied(code, retried, pending.Id);
            _model.Acknowledge(pending.Id, []); // a reservation moves nothing until it is posted
            Interlocked.Increment(ref _outcomes[(int)kind]);
            var repeat = random.Next(3) == 0;
            var endId = $"b{seed}-e-{client}-{step}";
            switch (kind)
            {
                case Outcome.Posted:
                case Outcome.PostedSmaller:
                {
                    // The smaller split halves each reserved part and pays part of the rest to the treasury; the remainder is released.
                    IReadOnlyList<TransferPosting>? final = kind == Outcome.Posted ? null
                        : [.. reserved.Select(p => p with { Amount = p.Amount / 2 }), new TransferPosting(payer, "protocol:treasury", Math.Max(1, total / 8), "fee.protocol")];
                    var post = new PostPendingRequest(endId, pending.Id, final, $"b{seed}-pref-{client}-{step}");
                    var (posted, postRetried) = await PostAsync(() => Ledger.PostPendingAsync(payer, post));
                    ExpectApplied(posted, postRetried, post.Id);
                    var moved = final ?? reserved;
                    _model.Acknowledge(post.Id, moved);
                    Reservation(payer, pending.Id, PendingTransferStatus.Posted, post.Id);
                    if (repeat)
                    {
                        await ExpectAsync(TransferResultCode.Exists, () => Ledger.CreatePendingAsync(pending), pending.Id);
                        await ExpectAsync(TransferResultCode.Exists, () => Ledger.PostPendingAsync(payer, post), post.Id);
                        await ExpectAsync(TransferResultCode.PendingAlreadyPosted, () => Ledger.VoidPendingAsync(payer, new VoidPendingRequest($"{endId}-late", pending.Id)), pending.Id);
                    }
                    return (moved.Sum(p => p.Amount), DateTimeOffset.MinValue);
                }
                case Outcome.Voided:
                {
                    var release = new VoidPendingRequest(endId, pending.Id);
                    var (voided, voidRetried) = await PostAsync(() => Ledger.VoidPendingAsync(payer, release));
                    ExpectApplied(voided, voidRetried, release.Id);
                    _model.Acknowledge(release.Id, []);
                    Reservation(payer, pending.Id, PendingTransferStatus.Voided, release.Id);
                    if (repeat)
                    {
                        await ExpectAsync(TransferResultCode.Exists, () => Ledger.CreatePendingAsync(pending), pending.Id);
                        await ExpectAsync(TransferResultCode.Exists, () => Ledger.VoidPendingAsync(payer, release), release.Id);
                        await ExpectAsync(TransferResultCode.PendingAlreadyVoided, () => Ledger.PostPendingAsync(payer, new PostPendingRequest($"{endId}-late", pending.Id)), pending.Id);
                    }
                    return (0, DateTimeOffset.MinValue);
                }
                default:
                {
                    // Left to time out: the ledger's clock voids it. Sometimes the client posts too late, which must charge nothing.
                    var info = await Definitive(() => Ledger.GetPendingAsync(payer, pending.Id));
                    Assert.True(info is not null, $"seed {seed}: reservation {pending.Id} is unknown after Ok");
                    Reservation(payer, pending.Id, PendingTransferStatus.Expired, null);
                    if (repeat)
                    {
                        await UntilExpiredAsync(info.ExpiresAt);
                        var postedAt = DateTimeOffset.UtcNow;
                        var (late, lateRetried) = await PostAsync(() => Ledger.PostPendingAsync(payer, new PostPendingRequest(endId, pending.Id)));
                        if (late != TransferResultCode.PendingExpired)
                        {
                            var now = await Definitive(() => Ledger.GetPendingAsync(payer, pending.Id));
                            Assert.Fail($"seed {seed}: late post {endId} answered {late}{(lateRetried ? " after a retry" : "")}, expected PendingExpired: reservation {pending.Id} " +
                                $"(timeout {timeout.TotalMilliseconds} ms, reservation retried {retried}) expired at {info.ExpiresAt:O} as read, posted at {postedAt:O}, " +
                                $"now {now?.Status} by {now?.ResolvedBy}, expiring at {now?.ExpiresAt:O}; {Kills} silos killed so far, {Completed} operations done");
                        }
                        await ExpectAsync(TransferResultCode.Exists, () => Ledger.CreatePendingAsync(pending), pending.Id);
                        Interlocked.Increment(ref _outcomes[(int)Outcome.PostedTooLate]);
                    }
                    return (0, info.ExpiresAt);
                }
            }
        }

        private void Reservation(string payer, string pendingId, PendingTransferStatus status, string? resolvedBy)
        {
            lock (_reservations) _reservations.Add((payer, pendingId, status, resolvedBy));
        }

        /// <summary>
        /// Waits until the ledger's clock (the system clock here) is past <paramref name="expiresAt"/>: every write is then
        /// checked after the expiry. Read on the clock itself: a timer may wake a little before the wall clock gets there.
        /// </summary>
        private static async Task UntilExpiredAsync(DateTimeOffset expiresAt)
        {
            for (var wait = expiresAt - DateTimeOffset.UtcNow; wait >= TimeSpan.Zero; wait = expiresAt - DateTimeOffset.UtcNow)
                await Task.Delay(wait + TimeSpan.FromMilliseconds(2));
        }

        private async Task ExpectAsync(TransferResultCode expected, Func<Task<TransferResultCode>> call, string id)
        {
            var (code, _) = await PostAsync(call);
            Assert.True(code == expected, $"seed {seed}: {id} answered {code}, expected {expected}");
        }

        public string Describe() => string.Join(", ", Enum.GetValues<Op>().Select(op => $"{_counts[(int)op]} {op}")) +
            "; two-phase: " + string.Join(", ", Enum.GetValues<Outcome>().Select(o => $"{_outcomes[(int)o]} {o}"));

        /// <summary>Waits until no partition owes another anything and no reservation is open (the expiry sweep voids those due).</summary>
        private async Task QuiesceAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            for (var summary = await Definitive(() => Ledger.GetSummaryAsync()); summary.OwedCredits > 0 || summary.OpenPending > 0;
                summary = await Definitive(() => Ledger.GetSummaryAsync()))
            {
                Assert.True(DateTime.UtcNow < deadline, $"seed {seed}: still {summary.OwedCredits} credits owed and {summary.OpenPending} reservations open after 120 s");
                await Task.Delay(200);
            }
        }

        public async Task CheckInvariantsAsync()
        {
            var ledger = Ledger;
            await QuiesceAsync();
            var summary = await Definitive(() => ledger.GetSummaryAsync());
            var deliveries = _model.Deliveries(a => PartitionMap.IsEverywhere(a) ? null : _map.PartitionOf(a));
            output.WriteLine($"ledger: {summary.TransferCount} transfers ({_model.AcknowledgedCount} acknowledged, {deliveries} credit deliveries between partitions), " +
                $"{summary.PostingCount} postings in {summary.BatchCount} journal records " +
                $"({(double)summary.PostingCount / Math.Max(1, summary.BatchCount):F1} postings per journal write), {_reservations.Count} reservations checked");
            Assert.Equal(0, summary.BalanceSum); // debits = credits over all partitions
            Assert.Equal(0, summary.OwedCredits);
            Assert.Equal(0, summary.OpenPending); // every reservation ended: posted, voided or expired
            Assert.Equal(0, summary.Reserved);
            Assert.True(_baselineTransfers + _model.AcknowledgedCount + (partitions > 1 ? deliveries : 0) == summary.TransferCount,
                $"seed {seed}: ledger holds {summary.TransferCount} transfers, {_baselineTransfers} + {_model.AcknowledgedCount} acknowledged + {deliveries} deliveries expected");

            foreach (var account in _model.Accounts)
            {
                var expected = _baseline.GetValueOrDefault(account) + _model.Delta(account);
                if (PartitionMap.IsEverywhere(account))
                {
                    var total = await Definitive(() => ledger.GetBalanceAsync(account)); // summed over the partitions
                    Assert.True(expected == total, $"seed {seed}: {account} holds {total}, acknowledged operations give {expected}");
                    continue;
                }
                var statement = new List<StatementEntry>();
                long balance = 0;
                for (long? after = 0; after is not null;)
                {
                    var page = await Definitive(() => ledger.GetStatementAsync(account, after.Value, 1_000));
                    Assert.True(page.PendingCredit == 0, $"seed {seed}: {account} still has {page.PendingCredit} owed to it");
                    statement.AddRange(page.Entries);
                    balance = page.Balance;
                    after = page.NextAfterLine;
                }
                Assert.True(expected == balance, $"seed {seed}: {account} holds {balance}, acknowledged operations give {expected}");
                Assert.True(statement.Sum(e => e.Amount) == balance, $"seed {seed}: {account}'s statement does not sum to its balance");
                var limit = (await Definitive(() => ledger.GetAccountAsync(account)))!.CreditLimit;
                Assert.True(balance >= -limit, $"seed {seed}: {account} is at {balance}, below its limit {-limit}");
                Assert.All(statement, e => Assert.True(e.BalanceAfter >= -limit, $"seed {seed}: {account} went to {e.BalanceAfter} at line {e.Line}"));
                Assert.Equal(statement.Count, statement.Select(e => (e.TransferId, e.Code, e.Counterparty, e.Line)).Distinct().Count());
            }

            // Every reservation ended as its client drove it (an expired one by the ledger's clock).
            foreach (var (payer, pendingId, status, resolvedBy) in _reservations)
            {
                var info = await Definitive(() => ledger.GetPendingAsync(payer, pendingId));
                Assert.True(info is not null && info.Status == status && (resolvedBy is null || info.ResolvedBy == resolvedBy),
                    $"seed {seed}: reservation {pendingId} is {info?.Status} (by {info?.ResolvedBy}), expected {status} (by {resolvedBy})");
            }

            // Each partition balances on its own, the transit accounts cancel, and each partition's journal verifies from its
            // first record to its witness, with several checkpoints taken during the run.
            var parts = await Task.WhenAll(ledger.AllPartitions.Select(p => Definitive(() => p.GetSummaryAsync())));
            var manifests = await ManifestsAsync();
            for (var p = 0; p < partitions; p++)
            {
                Assert.True(parts[p].BalanceSum == 0, $"seed {seed}: partition {p} sums to {parts[p].BalanceSum}");
                var hashes = await VerifyChainAsync(ledger.Partition(p), parts[p]);
                var taken = manifests.Count(m => m.Position >= 1 && m.Position <= hashes.Count && hashes[(int)m.Position - 1] == m.HeadHash);
                output.WriteLine($"partition {p}: {parts[p].TransferCount} transfers, {parts[p].PostingCount} postings, {hashes.Count} journal records verified from the first, {taken} checkpoints");
                Assert.True(taken >= 2, $"seed {seed}: partition {p} took {taken} checkpoints");
            }
            if (partitions > 1)
            {
                var transit = await Task.WhenAll(ledger.AllPartitions.Select(g => Definitive(() => g.GetBalancesAsync(Enumerable.Range(0, partitions).Select(_map.TransitAccount).ToList()))));
                for (var s = 0; s < partitions; s++)
                    for (var t = 0; t < partitions; t++)
                        if (s != t) Assert.Equal(0, transit[s].GetValueOrDefault(_map.TransitAccount(t)) + transit[t].GetValueOrDefault(_map.TransitAccount(s)));
            }

            // A fresh activation of each partition, rebuilt from its newest checkpoint and the journal after it in Azure Table storage, agrees.
            // It owes again what the records after its checkpoint owe other partitions, until they answer Exists: compared once delivered.
            for (var p = 0; p < partitions; p++)
            {
                var partition = ledger.Partition(p);
                await Cluster.DeactivateAsync(partition);
                var fresh = await Definitive(() => partition.GetSummaryAsync());
                Assert.Equal(parts[p], fresh with { OwedCredits = 0, OwedAmount = 0 });
            }
            await QuiesceAsync();
            Assert.Equal(parts, await Task.WhenAll(ledger.AllPartitions.Select(p => Definitive(() => p.GetSummaryAsync()))));
            Assert.Equal(summary, await Definitive(() => ledger.GetSummaryAsync()));
        }

        /// <summary>Reads a partition's whole journal from storage and verifies it from the genesis to its head witness; returns each record's hash.</summary>
        private async Task<List<string>> VerifyChainAsync(ILedgerGrain partition, LedgerSummary summary)
        {
            var journal = new LedgerJournal(bank.Storage, partition.GetGrainId(), new LedgerOptions(), NullLogger.Instance);
            var witness = await journal.ReadWitnessAsync();
            var verifier = new JournalVerifier(witness);
            var hashes = new List<string>();
            for (var first = 0L; ; first += 64)
            {
                var window = await Task.WhenAll(Enumerable.Range(0, 64).Select(offset => journal.ReadRecordAsync(first + offset)));
                var present = Array.FindIndex(window, r => r is null) is var end && end < 0 ? window.Length : end;
                for (var i = 0; i < present; i++)
                {
                    verifier.Accept(first + i, window[i]!.Hash, window[i]!.Payload);
                    hashes.Add(window[i]!.Hash);
                }
                if (present == window.Length) continue;
                verifier.Finish(Enumerable.Range(present, window.Length - present).Where(i => window[i] is not null).Select(i => (long?)(first + i)).FirstOrDefault());
                break;
            }
            Assert.True(hashes.Count == summary.BatchCount, $"seed {seed}: {hashes.Count} journal records verified, the partition reports {summary.BatchCount}");
            Assert.True(journal.Checkpoint is { Position: > 0 } pointer && pointer.Position <= hashes.Count, $"seed {seed}: the head witness names no checkpoint");
            return hashes;
        }

        /// <summary>The checkpoint manifests among the stored artifacts (content-addressed: the others do not decode as one).</summary>
        private async Task<List<CheckpointManifest>> ManifestsAsync()
        {
            var manifests = new List<CheckpointManifest>();
            foreach (var key in bank.Artifacts.Keys)
            {
                try
                {
                    manifests.Add(CheckpointCodec.DecodeManifest(await bank.Artifacts.GetAsync(key)));
                }
                catch (InvalidDataException)
                {
                    // a page or a run, not a manifest
                }
            }
            return manifests;
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

    private enum Op { Deposit, FeeTransfer, TwoPhase, MaxPostings, Inference, Retry, ConflictingId, Claim, ForgedClaim, InferenceReplay, Read }

    /// <summary>How a two-phase transfer ended (<see cref="Refused"/>: its reservation was refused for insufficient funds).</summary>
    private enum Outcome { Posted, PostedSmaller, Voided, Expired, PostedTooLate, Refused }
}
