using System.Net;
using Nethereum.Signer;
using OpenLedger.Actors.Domain.Claims;
using OpenLedger.Actors.Http.Auth;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// The value trail built entirely over HTTP with issued keys: a curator's Datanet fed by three contributors,
/// reviewed and published; a model; a funded platform's session with a few inferences; contributor 0 registered
/// with a wallet owner address so it can claim. Other users (a second curator and a second platform) hold keys too.
/// </summary>
internal sealed class ApiWorld(ApiHost host, string name)
{
    public const string Destination = "0x00000000000000000000000000000000000000d1";

    public ApiHost Host { get; } = host;
    public string DatanetId { get; } = $"dn-{name}";
    public string ModelId { get; } = $"model-{name}";
    public string SessionId { get; } = $"session-{name}";
    public string CuratorAccount { get; } = $"curator-{name}";
    public string ModelOwnerAccount { get; } = $"modeller-{name}";
    public string PlatformAccount { get; } = $"agent-{name}";
    public string OtherPlatformAccount { get; } = $"agent-other-{name}";
    public string[] ContributorAccounts { get; } = Enumerable.Range(0, 3).Select(i => $"contrib-{name}-{i}").ToArray();
    public EthECKey ContributorWallet { get; } = new("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    public EthECKey StrangerWallet { get; } = new("0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f");
    public const int RowsPerContributor = 100;

    public string CuratorKey { get; private set; } = "";
    public string OtherCuratorKey { get; private set; } = "";
    public string ModelOwnerKey { get; private set; } = "";
    public string PlatformKey { get; private set; } = "";
    public string OtherPlatformKey { get; private set; } = "";
    public string[] ContributorKeys { get; private set; } = [];
    public List<string> InferenceKeys { get; } = [];
    public long ClaimDomainChainId { get; private set; }
    public string LedgerId { get; private set; } = "";

    public HttpClient Curator => Host.Client(CuratorKey);
    public HttpClient Platform => Host.Client(PlatformKey);
    public HttpClient Operator => Host.Client(Host.OperatorKey);
    public HttpClient Contributor(int i) => Host.Client(ContributorKeys[i]);

    public string[] AllAccounts => [CuratorAccount, ModelOwnerAccount, PlatformAccount, OtherPlatformAccount, .. ContributorAccounts, "protocol:treasury", "external:deposits", "external:claims"];

    public async Task SetUpAsync(int inferences = 3)
    {
        CuratorKey = await Host.IssueKeyAsync(CuratorAccount, ApiRoles.Curator);
        OtherCuratorKey = await Host.IssueKeyAsync($"curator-other-{name}", ApiRoles.Curator, ApiRoles.Contributor);
        ModelOwnerKey = await Host.IssueKeyAsync(ModelOwnerAccount, ApiRoles.ModelOwner);
        PlatformKey = await Host.IssueKeyAsync(PlatformAccount, ApiRoles.Platform);
        OtherPlatformKey = await Host.IssueKeyAsync(OtherPlatformAccount, ApiRoles.Platform);
        ContributorKeys = await Task.WhenAll(ContributorAccounts.Select(a => Host.IssueKeyAsync(a, ApiRoles.Contributor)));

        var data = TestData.BreastCancer;
        using (var curator = Curator)
        {
            (await curator.SendJsonAsync(HttpMethod.Put, $"/api/v1/datanets/{DatanetId}", new
            {
                name = "Breast cancer", summary = "Cell nuclei", description = "UCI Breast Cancer Wisconsin (Diagnostic)",
                tags = new[] { "medical" }, modality = "tabular", dimension = data.Dimension, classCount = data.ClassCount,
            })).Expect(HttpStatusCode.OK);
        }
        var rowIds = new List<long>();
        for (var c = 0; c < ContributorAccounts.Length; c++)
        {
            using var contributor = Contributor(c);
            var rows = Enumerable.Range(c * RowsPerContributor, RowsPerContributor).Select(i => new { features = data.Row(i).ToArray(), label = data.Labels[i] });
            var receipt = (await contributor.SendJsonAsync(HttpMethod.Post, $"/api/v1/datanets/{DatanetId}/submissions", new { submissionId = $"sub-{c}", rows }))
                .Expect(HttpStatusCode.OK);
            rowIds.AddRange(receipt.Body.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("rowId").GetInt64()));
        }
        using (var curator = Curator)
        {
            (await curator.SendJsonAsync(HttpMethod.Post, $"/api/v1/datanets/{DatanetId}/reviews", new { rowIds, approve = true })).Expect(HttpStatusCode.OK);
            (await curator.SendJsonAsync(HttpMethod.Post, $"/api/v1/datanets/{DatanetId}/versions")).Expect(HttpStatusCode.OK);
        }
        using (var modeller = Host.Client(ModelOwnerKey))
        {
            await modeller.TrainAndWaitAsync(ModelId, new { datanetId = DatanetId, datanetVersion = 1, feePerInference = 1_000 });
        }
        using (var contributor = Contributor(0))
        {
            (await contributor.SendJsonAsync(HttpMethod.Put, $"/api/v1/accounts/{ContributorAccounts[0]}", new { kind = "Contributor", ownerAddress = ContributorWallet.GetPublicAddress() }))
                .Expect(HttpStatusCode.OK);
        }
        using (var op = Operator)
        {
            (await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{PlatformAccount}/deposits", new { depositId = $"fund-{name}", amount = 1_000_000 }))
                .Expect(HttpStatusCode.OK);
            var domain = (await op.GetApiAsync("/api/v1/claims/domain")).Expect(HttpStatusCode.OK).Body;
            ClaimDomainChainId = domain.GetProperty("chainId").GetInt64();
            LedgerId = domain.GetProperty("ledger").GetString()!;
        }
        using var platform = Platform;
        (await platform.SendJsonAsync(HttpMethod.Put, $"/api/v1/sessions/{SessionId}", new { modelId = ModelId, topK = 10 })).Expect(HttpStatusCode.OK);
        for (var i = 0; i < inferences; i++)
        {
            var key = $"q-{i}";
            (await platform.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{SessionId}/inferences", new { features = Query(i), label = QueryLabel(i) }, key))
                .Expect(HttpStatusCode.OK);
            InferenceKeys.Add(key);
        }
    }

    public double[] Query(int i) => TestData.BreastCancer.Row(400 + i % 100).ToArray();

    public int QueryLabel(int i) => TestData.BreastCancer.Labels[400 + i % 100];

    public string SignClaim(string claimId, string account, long amount, EthECKey wallet, string destination = Destination) =>
        ClaimTypedData.Sign(new ClaimMessage(LedgerId, claimId, account, amount, destination), ClaimDomainChainId, wallet.GetPrivateKey());
}
