using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// Generates bad requests over every HTTP endpoint, deterministically from a seed. Each generator builds requests that
/// the API must refuse (a body that cannot bind, a value a rule forbids, an id that does not exist, a key that may
/// not act) — never one that could succeed — so every case expects a 4xx ProblemDetails and no change in storage.
/// </summary>
internal sealed class HttpFuzzCases(ApiWorld world, string revokedKey, string paidClaimId, long paidClaimAmount, string operatorPlatformKey)
{
    private const int Dimension = 30;

    /// <summary>The Idempotency-Key of a deposit the fuzz set-up makes, which cases then reuse with other bodies.</summary>
    public const string SetupDepositIdempotencyKey = "fuzz-setup-deposit";

    /// <summary>A mutating endpoint with a valid body template, its required fields, and the key allowed to call it.</summary>
    private sealed record Template(string Name, HttpMethod Method, Func<int, string> Path, Func<int, JsonObject> Body, string[] Required, Func<string> Key, bool NeedsIdempotencyKey = false);

    private int _serial;

    private Template[] Templates =>
    [
        new("create-datanet", HttpMethod.Put, n => $"/api/v1/datanets/fuzz-dn-{n}", _ => Obj(new
        {
            name = "n", summary = "s", description = "d", tags = new[] { "t" }, modality = "tabular", dimension = Dimension, classCount = 2,
        }), ["name", "summary", "description", "tags", "modality", "dimension", "classCount"], () => world.CuratorKey),
        new("submit", HttpMethod.Post, _ => $"/api/v1/datanets/{world.DatanetId}/submissions", n => Obj(new
        {
            submissionId = $"fuzz-sub-{n}", rows = new[] { new { features = Vector(Dimension), label = 0 } },
        }), ["submissionId", "rows"], () => world.ContributorKeys[0]),
        new("review", HttpMethod.Post, _ => $"/api/v1/datanets/{world.DatanetId}/reviews", _ => Obj(new { rowIds = new[] { 999_999L }, approve = true }),
            ["rowIds", "approve"], () => world.CuratorKey),
        new("train", HttpMethod.Post, n => $"/api/v1/models/fuzz-model-{n}/training", _ => Obj(new { datanetId = world.DatanetId, datanetVersion = 1, feePerInference = 1_000 }),
            ["datanetId", "feePerInference"], () => world.ModelOwnerKey), // datanetVersion is optional (default: the latest)
        new("register-external", HttpMethod.Put, n => $"/api/v1/models/fuzz-ext-{n}/external", _ => Obj(new
        {
            datanetId = world.DatanetId, datanetVersion = 1, feePerInference = 0, rowIds = new[] { 1L, 2L }, embeddingSize = 2, embeddings = new[] { 0.1f, 0.2f, 0.3f, 0.4f },
        }), ["datanetId", "datanetVersion", "feePerInference", "rowIds", "embeddingSize", "embeddings"], () => world.ModelOwnerKey),
        new("open-session", HttpMethod.Put, n => $"/api/v1/sessions/fuzz-s-{n}", _ => Obj(new { modelId = world.ModelId, topK = 10 }), ["modelId"], () => world.PlatformKey),
        new("infer", HttpMethod.Post, _ => $"/api/v1/sessions/{world.SessionId}/inferences", _ => Obj(new { features = world.Query(7) }), ["features"], () => world.PlatformKey, true),
        new("register-account", HttpMethod.Put, _ => $"/api/v1/accounts/{world.ContributorAccounts[1]}", _ => Obj(new { kind = "Contributor" }), ["kind"], () => world.ContributorKeys[1]),
        new("deposit", HttpMethod.Post, _ => $"/api/v1/accounts/{world.PlatformAccount}/deposits", n => Obj(new { depositId = $"fuzz-dep-{n}", amount = 5 }),
            ["depositId", "amount"], () => world.Host.OperatorKey),
        new("claim", HttpMethod.Post, _ => $"/api/v1/accounts/{world.ContributorAccounts[0]}/claims", n => Obj(new
        {
            claimId = $"fuzz-claim-{n}", amount = 1, destination = ApiWorld.Destination, signature = world.SignClaim($"fuzz-claim-{n}", world.ContributorAccounts[0], 1, world.ContributorWallet),
        }), ["claimId", "amount", "destination", "signature"], () => world.ContributorKeys[0]),
        new("stake", HttpMethod.Post, _ => $"/api/v1/accounts/{world.ContributorAccounts[2]}/stakes", n => Obj(new { stakeId = $"fuzz-stake-{n}", amount = 1 }),
            ["stakeId", "amount"], () => world.ContributorKeys[2]),
        new("vote", HttpMethod.Post, _ => "/api/v1/governance/proposals/fuzz-proposal/votes", _ => Obj(new { support = true }), ["support"], () => world.ContributorKeys[0]),
        new("reject-adversarial", HttpMethod.Post, _ => $"/api/v1/datanets/{world.DatanetId}/adversarial-rejections", _ => Obj(new { rowIds = new[] { 999_999L }, reason = "r" }),
            ["rowIds", "reason"], () => world.CuratorKey),
        new("issue-key", HttpMethod.Post, _ => "/api/v1/api-keys", _ => Obj(new { account = "fuzz-account", roles = new[] { "platform" } }), ["account", "roles"], () => world.Host.OperatorKey),
    ];

    public IReadOnlyList<FuzzCase> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var generators = new Func<Random, FuzzCase>[]
        {
            MalformedJson, WrongTypes, MissingFields, UnknownFields, BadVectors, EmptyBodies, HugePayloads, UnknownIds,
            BadAmounts, UnicodeOddities, BadSignatures, OtherUsersKeys, BadKeys, IdempotencyMisuse, BadPaging, WrongMediaOrMethod, TrustBoundary,
        };
        var cases = new List<FuzzCase>(count);
        for (var i = 0; i < count; i++) cases.Add(generators[i % generators.Length](random));
        return cases;
    }

    private FuzzCase FromTemplate(string category, string description, Template t, int n, string? body, string? key = null, string? idempotencyKey = null) =>
        new(category, $"{t.Name}: {description}", t.Method, t.Path(n), body, key ?? t.Key(), idempotencyKey ?? (t.NeedsIdempotencyKey ? $"fuzz-{n}" : null));

    private (Template Template, int Serial, JsonObject Body) Pick(Random random)
    {
        var t = Templates[random.Next(Templates.Length)];
        var n = ++_serial;
        return (t, n, t.Body(n));
    }

    private FuzzCase MalformedJson(Random random)
    {
        var (t, n, body) = Pick(random);
        var json = body.ToJsonString();
        var (how, text) = random.Next(7) switch
        {
            0 => ("truncated", json[..random.Next(1, json.Length - 1)]),
            1 => ("trailing garbage", json + "}x"),
            2 => ("single quotes", json.Replace('"', '\'')),
            3 => ("comment", "/* c */" + json),
            4 => ("trailing comma", json[..^1] + ",}"),
            5 => ("bare NaN literal", json[..^1] + ",\"x\":NaN}"),
            _ => ("random bytes as text", RandomText(random, 40)),
        };
        return FromTemplate("malformed-json", how, t, n, text);
    }

    private FuzzCase WrongTypes(Random random)
    {
        var (t, n, body) = Pick(random);
        var field = t.Required[random.Next(t.Required.Length)];
        var original = body[field]!.GetValueKind();
        var replacements = new List<(string, JsonNode?)> { ("null", null), ("object", new JsonObject { ["a"] = 1 }) };
        if (original != JsonValueKind.String) replacements.Add(("string", JsonValue.Create("12")));
        if (original != JsonValueKind.Number) replacements.Add(("fraction", JsonValue.Create(12.5)));
        if (original is not (JsonValueKind.True or JsonValueKind.False)) replacements.Add(("bool", JsonValue.Create(true)));
        if (original != JsonValueKind.Array) replacements.Add(("array", new JsonArray(1, 2)));
        var (kind, value) = replacements[random.Next(replacements.Count)];
        body[field] = value;
        return FromTemplate("wrong-types", $"{field} as {kind}", t, n, body.ToJsonString());
    }

    private FuzzCase MissingFields(Random random)
    {
        var (t, n, body) = Pick(random);
        var field = t.Required[random.Next(t.Required.Length)];
        body.Remove(field);
        return FromTemplate("missing-fields", $"no {field}", t, n, body.ToJsonString());
    }

    private FuzzCase UnknownFields(Random random)
    {
        var (t, n, body) = Pick(random);
        var name = random.Next(3) switch { 0 => "ownerAccount", 1 => "payerAccount", _ => $"extra{random.Next(100)}" };
        body[name] = "someone-else";
        return FromTemplate("unknown-fields", $"extra member {name}", t, n, body.ToJsonString());
    }

    private FuzzCase BadVectors(Random random)
    {
        var n = ++_serial;
        var (what, vector) = random.Next(8) switch
        {
            0 => ("NaN as string", "[\"NaN\"" + string.Concat(Enumerable.Repeat(",1", Dimension - 1)) + "]"),
            1 => ("Infinity as string", "[\"Infinity\"" + string.Concat(Enumerable.Repeat(",1", Dimension - 1)) + "]"),
            2 => ("1e400", "[1e400" + string.Concat(Enumerable.Repeat(",1", Dimension - 1)) + "]"),
            3 => ("-1e309", "[-1e309" + string.Concat(Enumerable.Repeat(",1", Dimension - 1)) + "]"),
            4 => ("empty", "[]"),
            5 => ("too short", JsonSerializer.Serialize(Vector(random.Next(1, Dimension)))),
            6 => ("too long", JsonSerializer.Serialize(Vector(Dimension + 1 + random.Next(500)))),
            _ => ("out of range 1e300", "[1e300" + string.Concat(Enumerable.Repeat(",1", Dimension - 1)) + "]"),
        };
        return random.Next(3) switch
        {
            0 => new("vectors", $"inference features {what}", HttpMethod.Post, $"/api/v1/sessions/{world.SessionId}/inferences",
                $"{{\"features\":{vector}}}", world.PlatformKey, $"fuzz-vec-{n}"),
            1 => new("vectors", $"submitted row {what}", HttpMethod.Post, $"/api/v1/datanets/{world.DatanetId}/submissions",
                $"{{\"submissionId\":\"fuzz-vec-{n}\",\"rows\":[{{\"features\":{vector},\"label\":0}}]}}", world.ContributorKeys[1]),
            _ => new("vectors", $"inference representation on a built-in model ({what})", HttpMethod.Post, $"/api/v1/sessions/{world.SessionId}/inferences",
                $"{{\"features\":{JsonSerializer.Serialize(world.Query(3))},\"representation\":{vector}}}", world.PlatformKey, $"fuzz-rep-{n}"),
        };
    }

    private FuzzCase EmptyBodies(Random random)
    {
        var (t, n, _) = Pick(random);
        var body = random.Next(5) switch { 0 => "", 1 => "{}", 2 => "null", 3 => "[]", _ => "\"\"" };
        return FromTemplate("empty-payloads", $"body '{body}'", t, n, body);
    }

    private FuzzCase HugePayloads(Random random)
    {
        var n = ++_serial;
        switch (random.Next(4))
        {
            case 0:
                // Over the 4 MiB body limit: refused while reading, before anything runs.
                var huge = "[" + string.Join(",", Enumerable.Repeat("1.2345678", 460_000)) + "]";
                return new("huge-payloads", "5 MB feature vector", HttpMethod.Post, $"/api/v1/sessions/{world.SessionId}/inferences", $"{{\"features\":{huge}}}", world.PlatformKey, $"fuzz-huge-{n}");
            case 1:
                return new("huge-payloads", "100k-character Datanet name", HttpMethod.Put, $"/api/v1/datanets/fuzz-big-{n}",
                    Obj(new { name = new string('n', 100_000), summary = "", description = "", tags = Array.Empty<string>(), modality = "tabular", dimension = 3, classCount = 2 }).ToJsonString(), world.CuratorKey);
            case 2:
                return new("huge-payloads", "1,000 tags", HttpMethod.Put, $"/api/v1/datanets/fuzz-big-{n}",
                    Obj(new { name = "n", summary = "", description = "", tags = Enumerable.Range(0, 1_000).Select(i => $"t{i}").ToArray(), modality = "tabular", dimension = 3, classCount = 2 }).ToJsonString(), world.CuratorKey);
            default:
                return new("huge-payloads", "30,000 reviewed rows beyond the Datanet", HttpMethod.Post, $"/api/v1/datanets/{world.DatanetId}/reviews",
                    Obj(new { rowIds = Enumerable.Range(1_000_000, 30_000).Select(i => (long)i).ToArray(), approve = true }).ToJsonString(), world.CuratorKey);
        }
    }

    private FuzzCase UnknownIds(Random random)
    {
        var n = ++_serial;
        var id = $"nope-{n}";
        return random.Next(14) switch
        {
            0 => new("unknown-ids", "GET unknown Datanet", HttpMethod.Get, $"/api/v1/datanets/{id}"),
            1 => new("unknown-ids", "contributions of unknown Datanet", HttpMethod.Get, $"/api/v1/datanets/{id}/contributions"),
            2 => new("unknown-ids", "unknown version", HttpMethod.Get, $"/api/v1/datanets/{world.DatanetId}/versions/{random.Next(2, 1_000)}"),
            3 => new("unknown-ids", "unknown model", HttpMethod.Get, $"/api/v1/models/{id}"),
            4 => new("unknown-ids", "training rows of unknown model", HttpMethod.Get, $"/api/v1/models/{id}/training-rows"),
            5 => new("unknown-ids", "unknown session", HttpMethod.Get, $"/api/v1/sessions/{id}", ApiKey: world.PlatformKey),
            6 => new("unknown-ids", "unknown inference key", HttpMethod.Get, $"/api/v1/sessions/{world.SessionId}/inferences/{id}", ApiKey: world.PlatformKey),
            7 => new("unknown-ids", "unknown receipt", HttpMethod.Get, $"/api/v1/receipts/{world.SessionId}%7C{id}", ApiKey: world.PlatformKey),
            8 => new("unknown-ids", "submit to unknown Datanet", HttpMethod.Post, $"/api/v1/datanets/{id}/submissions",
                Obj(new { submissionId = id, rows = new[] { new { features = Vector(Dimension), label = 0 } } }).ToJsonString(), world.ContributorKeys[0]),
            9 => new("unknown-ids", "train on unknown Datanet", HttpMethod.Post, $"/api/v1/models/{id}/training",
                Obj(new { datanetId = id, datanetVersion = 1, feePerInference = 1 }).ToJsonString(), world.ModelOwnerKey),
            10 => new("unknown-ids", "train on unknown version", HttpMethod.Post, $"/api/v1/models/{id}/training",
                Obj(new { datanetId = world.DatanetId, datanetVersion = random.Next(2, 50), feePerInference = 1 }).ToJsonString(), world.ModelOwnerKey),
            11 => new("unknown-ids", "session on unknown model", HttpMethod.Put, $"/api/v1/sessions/{id}", Obj(new { modelId = id }).ToJsonString(), world.PlatformKey),
            12 => new("unknown-ids", "infer in unknown session", HttpMethod.Post, $"/api/v1/sessions/{id}/inferences", Obj(new { features = Vector(Dimension) }).ToJsonString(), world.PlatformKey, id),
            _ => new("unknown-ids", "revoke unknown key", HttpMethod.Delete, $"/api/v1/api-keys/{id}", ApiKey: world.Host.OperatorKey),
        };
    }

    private FuzzCase BadAmounts(Random random)
    {
        var n = ++_serial;
        var amounts = new[] { "0", "-1", "-9223372036854775808", "9223372036854775808", "1e30", "1.5", "-0.0001" };
        var amount = amounts[random.Next(amounts.Length)];
        return random.Next(8) switch
        {
            0 => new("amounts", $"deposit {amount}", HttpMethod.Post, $"/api/v1/accounts/{world.PlatformAccount}/deposits",
                $"{{\"depositId\":\"fuzz-amt-{n}\",\"amount\":{amount}}}", world.Host.OperatorKey),
            1 => new("amounts", "deposit overflowing the balance", HttpMethod.Post, $"/api/v1/accounts/{world.PlatformAccount}/deposits",
                $"{{\"depositId\":\"fuzz-amt-{n}\",\"amount\":{long.MaxValue}}}", world.Host.OperatorKey),
            2 => new("amounts", $"claim {amount}", HttpMethod.Post, $"/api/v1/accounts/{world.ContributorAccounts[0]}/claims",
                $"{{\"claimId\":\"fuzz-amt-{n}\",\"amount\":{amount},\"destination\":\"{ApiWorld.Destination}\",\"signature\":\"0x00\"}}", world.ContributorKeys[0]),
            3 => new("amounts", "signed claim above the balance", HttpMethod.Post, $"/api/v1/accounts/{world.ContributorAccounts[0]}/claims",
                Obj(new { claimId = $"fuzz-amt-{n}", amount = 1_000_000_000L, destination = ApiWorld.Destination,
                    signature = world.SignClaim($"fuzz-amt-{n}", world.ContributorAccounts[0], 1_000_000_000L, world.ContributorWallet) }).ToJsonString(), world.ContributorKeys[0]),
            4 => new("amounts", $"model fee {amount}", HttpMethod.Post, $"/api/v1/models/fuzz-fee-{n}/training",
                $"{{\"datanetId\":\"{world.DatanetId}\",\"datanetVersion\":1,\"feePerInference\":{(amount == "0" ? "-5" : amount)}}}", world.ModelOwnerKey),
            5 => new("amounts", "credit limit without operator", HttpMethod.Put, $"/api/v1/accounts/{world.ContributorAccounts[1]}",
                $"{{\"kind\":\"Payer\",\"creditLimit\":{random.Next(1, 1_000_000)}}}", world.ContributorKeys[1]),
            6 => new("amounts", "top-k out of range", HttpMethod.Put, $"/api/v1/sessions/fuzz-topk-{n}",
                $"{{\"modelId\":\"{world.ModelId}\",\"topK\":{(random.Next(2) == 0 ? "0" : "100000")}}}", world.PlatformKey),
            _ => new("amounts", "label out of range", HttpMethod.Post, $"/api/v1/sessions/{world.SessionId}/inferences",
                $"{{\"features\":{JsonSerializer.Serialize(world.Query(5))},\"label\":{(random.Next(2) == 0 ? "-1" : "2")}}}", world.PlatformKey, $"fuzz-lbl-{n}"),
        };
    }

    private static readonly string[] OddStrings =
    [
        "é", "😀", "a\u200Db", "\u202Eevil", "a\u0301", "\u0000", "\uFEFF", "ＡＢＣ", "𝔘𝔫𝔦", "x\u0007y", "a b", "a/b", "%",
    ];

    private FuzzCase UnicodeOddities(Random random)
    {
        var n = ++_serial;
        var odd = OddStrings[random.Next(OddStrings.Length)];
        var escaped = Uri.EscapeDataString($"id{odd}{n}");
        return random.Next(9) switch
        {
            0 => new("unicode", $"Datanet id with {Describe(odd)}", HttpMethod.Put, $"/api/v1/datanets/{escaped}",
                Obj(new { name = "n", summary = "", description = "", tags = Array.Empty<string>(), modality = "tabular", dimension = 3, classCount = 2 }).ToJsonString(), world.CuratorKey,
                RefusedByServer: odd.Contains('\0')),
            1 => new("unicode", $"Datanet name with control character", HttpMethod.Put, $"/api/v1/datanets/fuzz-uni-{n}",
                Obj(new { name = $"n{(char)random.Next(0, 32)}x", summary = "", description = "", tags = Array.Empty<string>(), modality = "tabular", dimension = 3, classCount = 2 }).ToJsonString(), world.CuratorKey),
            2 => new("unicode", $"submission id with {Describe(odd)}", HttpMethod.Post, $"/api/v1/datanets/{world.DatanetId}/submissions",
                Obj(new { submissionId = $"s{odd}{n}", rows = new[] { new { features = Vector(Dimension), label = 0 } } }).ToJsonString(), world.ContributorKeys[0]),
            3 => new("unicode", $"account in path with {Describe(odd)}", HttpMethod.Get, $"/api/v1/accounts/{escaped}/balance", ApiKey: world.Host.OperatorKey,
                RefusedByServer: odd.Contains('\0')),
            4 => new("unicode", $"api key account with {Describe(odd)}", HttpMethod.Post, "/api/v1/api-keys",
                Obj(new { account = $"acct{odd}", roles = new[] { "platform" } }).ToJsonString(), world.Host.OperatorKey),
            5 => new("unicode", "lone surrogate escape", HttpMethod.Put, $"/api/v1/sessions/fuzz-uni-{n}", $"{{\"modelId\":\"m\\ud800{n}\"}}", world.PlatformKey),
            6 => new("unicode", "invalid UTF-8 bytes", HttpMethod.Put, $"/api/v1/sessions/fuzz-uni-{n}", null, world.PlatformKey,
                RawBody: [.. Encoding.UTF8.GetBytes("{\"modelId\":\""), 0xC3, 0x28, 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}")]),
            7 => new("unicode", $"model id with {Describe(odd)}", HttpMethod.Put, $"/api/v1/sessions/fuzz-uni-{n}", Obj(new { modelId = $"m{odd}" }).ToJsonString(), world.PlatformKey),
            _ => new("unicode", $"role name with {Describe(odd)}", HttpMethod.Post, "/api/v1/api-keys",
                Obj(new { account = "fuzz-account", roles = new[] { $"operator{odd}" } }).ToJsonString(), world.Host.OperatorKey),
        };
    }

    private FuzzCase BadSignatures(Random random)
    {
        var n = ++_serial;
        var account = world.ContributorAccounts[0];
        var claimId = $"fuzz-sig-{n}";
        var valid = world.SignClaim(claimId, account, 1, world.ContributorWallet);
        var (what, claim) = random.Next(9) switch
        {
            0 => ("forged by another wallet", new { claimId, amount = 1L, destination = ApiWorld.Destination, signature = world.SignClaim(claimId, account, 1, world.StrangerWallet) }),
            1 => ("replayed under another claim id", new { claimId = $"{claimId}-b", amount = 1L, destination = ApiWorld.Destination, signature = valid }),
            2 => ("replayed with another amount", new { claimId, amount = 2L, destination = ApiWorld.Destination, signature = valid }),
            3 => ("replayed to another destination", new { claimId, amount = 1L, destination = "0x00000000000000000000000000000000000000d2", signature = valid }),
            4 => ("the paid claim replayed with a larger amount", new { claimId = paidClaimId, amount = paidClaimAmount + 1, destination = ApiWorld.Destination,
                signature = world.SignClaim(paidClaimId, account, paidClaimAmount, world.ContributorWallet) }),
            5 => ("truncated signature", new { claimId, amount = 1L, destination = ApiWorld.Destination, signature = valid[..^2] }),
            6 => ("signature with a flipped byte", new { claimId, amount = 1L, destination = ApiWorld.Destination, signature = FlipByte(valid, random) }),
            7 => ("non-hex signature", new { claimId, amount = 1L, destination = ApiWorld.Destination, signature = "0x" + new string('z', 130) }),
            _ => ("invalid destination", new { claimId, amount = 1L, destination = random.Next(2) == 0 ? "0x1234" : "not-an-address", signature = valid }),
        };
        return new("signatures", what, HttpMethod.Post, $"/api/v1/accounts/{account}/claims", JsonSerializer.Serialize(claim, ApiHost.Json), world.ContributorKeys[0]);
    }

    private FuzzCase OtherUsersKeys(Random random)
    {
        var n = ++_serial;
        var (t, _, body) = Pick(random);
        var wrongKey = t.Name switch
        {
            "create-datanet" or "review" => world.PlatformKey,
            "submit" => world.ModelOwnerKey,
            "train" or "register-external" => world.ContributorKeys[2],
            "open-session" or "infer" => world.CuratorKey,
            "deposit" or "issue-key" => world.PlatformKey,
            _ => null,
        };
        if (wrongKey is not null && random.Next(3) > 0)
            return FromTemplate("other-users-keys", "key without the role", t, n, body.ToJsonString(), wrongKey);

        return random.Next(12) switch
        {
            9 => new("other-users-keys", "read another's receipt", HttpMethod.Get, $"/api/v1/receipts/{world.SessionId}%7C{world.InferenceKeys[0]}", ApiKey: world.OtherPlatformKey),
            10 => new("other-users-keys", "ledger summary without the operator role", HttpMethod.Get, "/api/v1/ledger/summary", ApiKey: world.PlatformKey),
            11 => new("other-users-keys", "revoke a key without the operator role", HttpMethod.Delete,
                $"/api/v1/api-keys/{Actors.Http.Auth.ApiKeyFormat.KeyIdOf(world.PlatformKey)}", ApiKey: world.CuratorKey),
            0 => new("other-users-keys", "another platform infers in the session", HttpMethod.Post, $"/api/v1/sessions/{world.SessionId}/inferences",
                Obj(new { features = world.Query(9) }).ToJsonString(), world.OtherPlatformKey, $"fuzz-other-{n}"),
            1 => new("other-users-keys", "another curator reviews", HttpMethod.Post, $"/api/v1/datanets/{world.DatanetId}/reviews",
                Obj(new { rowIds = new[] { 1L }, approve = false }).ToJsonString(), world.OtherCuratorKey),
            2 => new("other-users-keys", "another curator publishes", HttpMethod.Post, $"/api/v1/datanets/{world.DatanetId}/versions", null, world.OtherCuratorKey),
            3 => new("other-users-keys", "a contributor claims another's balance", HttpMethod.Post, $"/api/v1/accounts/{world.ContributorAccounts[0]}/claims",
                Obj(new { claimId = $"fuzz-other-{n}", amount = 1, destination = ApiWorld.Destination, signature = world.SignClaim($"fuzz-other-{n}", world.ContributorAccounts[0], 1, world.ContributorWallet) }).ToJsonString(), world.ContributorKeys[1]),
            4 => new("other-users-keys", "a contributor registers another's account", HttpMethod.Put, $"/api/v1/accounts/{world.ContributorAccounts[0]}",
                Obj(new { kind = "Contributor", ownerAddress = world.StrangerWallet.GetPublicAddress() }).ToJsonString(), world.ContributorKeys[2]),
            5 => new("other-users-keys", "read another's statement", HttpMethod.Get, $"/api/v1/accounts/{world.PlatformAccount}/statement", ApiKey: world.ContributorKeys[0]),
            6 => new("other-users-keys", "read another's session", HttpMethod.Get, $"/api/v1/sessions/{world.SessionId}", ApiKey: world.OtherPlatformKey),
            7 => new("other-users-keys", "read another's inference", HttpMethod.Get, $"/api/v1/sessions/{world.SessionId}/inferences/{world.InferenceKeys[0]}", ApiKey: world.OtherPlatformKey),
            _ => new("other-users-keys", "take over another's session id", HttpMethod.Put, $"/api/v1/sessions/{world.SessionId}", Obj(new { modelId = world.ModelId }).ToJsonString(), world.OtherPlatformKey),
        };
    }

    private FuzzCase BadKeys(Random random)
    {
        var (t, n, body) = Pick(random);
        var keyId = Actors.Http.Auth.ApiKeyFormat.KeyIdOf(t.Key())!;
        var (what, key) = random.Next(6) switch
        {
            0 => ("no key", (string?)null),
            1 => ("revoked key", revokedKey),
            2 => ("right key id, wrong secret", $"olk_{keyId}_{RandomToken(random)}"),
            3 => ("unknown key id", $"olk_{RandomToken(random)[..16]}_{RandomToken(random)}"),
            4 => ("malformed key", RandomToken(random)),
            _ => ("key with a changed last character", t.Key()[..^1] + (t.Key()[^1] == 'A' ? 'B' : 'A')),
        };
        return new FuzzCase("bad-keys", $"{t.Name}: {what}", t.Method, t.Path(n), body.ToJsonString(), key, t.NeedsIdempotencyKey ? $"fuzz-{n}" : null);
    }

    /// <summary>Issue 14's findings: operators spending in others' sessions, misleading display texts, forged key ids, probing for sessions.</summary>
    private FuzzCase TrustBoundary(Random random)
    {
        var n = ++_serial;
        var misleading = new[] { "\u202E", "\u200B", "\uFEFF", "\u2066", "\u200D", "\u00AD", "\u3164" }[random.Next(7)];
        var realKeyId = Actors.Http.Auth.ApiKeyFormat.KeyIdOf(world.PlatformKey)!;
        return random.Next(6) switch
        {
            0 => new("trust-boundary", "an operator+platform key infers in another account's session", HttpMethod.Post, $"/api/v1/sessions/{world.SessionId}/inferences",
                Obj(new { features = world.Query(11) }).ToJsonString(), operatorPlatformKey, $"fuzz-op-{n}"),
            1 => new("trust-boundary", $"Datanet name with {Describe(misleading)}", HttpMethod.Put, $"/api/v1/datanets/fuzz-bidi-{n}", Obj(new
            {
                name = "Digits" + misleading + "gnp.exe", summary = "s", description = "d", tags = new[] { "t" }, modality = "tabular", dimension = Dimension, classCount = 2,
            }).ToJsonString(), world.CuratorKey),
            2 => new("trust-boundary", "signed-looking key id that was never issued", HttpMethod.Get, "/api/v1/ledger/summary",
                ApiKey: $"olk_{RandomToken(random)[..32]}_{RandomToken(random)}"),
            3 => new("trust-boundary", "unsigned (old-format) key id", HttpMethod.Get, $"/api/v1/accounts/{world.PlatformAccount}/balance",
                ApiKey: $"olk_{RandomToken(random)[..16]}_{RandomToken(random)}"),
            4 => new("trust-boundary", "an issued key id with its MAC altered", HttpMethod.Get, $"/api/v1/accounts/{world.PlatformAccount}/balance",
                ApiKey: $"olk_{realKeyId[..^1]}{(realKeyId[^1] == '0' ? '1' : '0')}_{RandomToken(random)}"),
            _ => new("trust-boundary", "probe for a session that does not exist", HttpMethod.Get, $"/api/v1/sessions/fuzz-missing-{n}", ApiKey: world.OtherPlatformKey),
        };
    }

    private FuzzCase IdempotencyMisuse(Random random)
    {
        var n = ++_serial;
        return random.Next(4) switch
        {
            0 => new("idempotency", "setup inference key with other features", HttpMethod.Post, $"/api/v1/sessions/{world.SessionId}/inferences",
                Obj(new { features = world.Query(60 + random.Next(30)) }).ToJsonString(), world.PlatformKey, world.InferenceKeys[random.Next(world.InferenceKeys.Count)]),
            1 => new("idempotency", "inference without Idempotency-Key", HttpMethod.Post, $"/api/v1/sessions/{world.SessionId}/inferences",
                Obj(new { features = world.Query(8) }).ToJsonString(), world.PlatformKey),
            2 => new("idempotency", "invalid Idempotency-Key", HttpMethod.Post, $"/api/v1/accounts/{world.PlatformAccount}/deposits",
                Obj(new { depositId = $"fuzz-idem-{n}", amount = 1 }).ToJsonString(), world.Host.OperatorKey, random.Next(2) == 0 ? "has space" : new string('k', 200)),
            _ => new("idempotency", "deposit key reused with another body", HttpMethod.Post, $"/api/v1/accounts/{world.PlatformAccount}/deposits",
                Obj(new { depositId = $"fuzz-idem-{n}", amount = 1 }).ToJsonString(), world.Host.OperatorKey, SetupDepositIdempotencyKey),
        };
    }

    private FuzzCase BadPaging(Random random)
    {
        var limits = new[] { "0", "-1", "201", "100000", "abc", "1.5", "99999999999" };
        var cursors = new[] { "bogus", "djE6LTU", "dj E6", "%FF%FE", new string('A', 600), "djE6YWJj" };
        var path = random.Next(4) switch
        {
            0 => $"/api/v1/datanets/{world.DatanetId}/contributions",
            1 => $"/api/v1/models/{world.ModelId}/training-rows",
            2 => $"/api/v1/contributors/{world.ContributorAccounts[0]}/contributions",
            _ => $"/api/v1/datanets/{world.DatanetId}/versions",
        };
        var query = random.Next(2) == 0 ? $"limit={limits[random.Next(limits.Length)]}" : $"cursor={cursors[random.Next(cursors.Length)]}";
        return random.Next(6) switch
        {
            0 => new("paging", $"statement {query}", HttpMethod.Get, $"/api/v1/accounts/{world.PlatformAccount}/statement?{query}", ApiKey: world.PlatformKey),
            1 => new("paging", "claimables limit out of range", HttpMethod.Get, $"/api/v1/ledger/claimables?limit={(random.Next(2) == 0 ? "0" : "500")}", ApiKey: world.Host.OperatorKey),
            _ => new("paging", $"{path} {query}", HttpMethod.Get, $"{path}?{query}"),
        };
    }

    private FuzzCase WrongMediaOrMethod(Random random)
    {
        var (t, n, body) = Pick(random);
        return random.Next(3) switch
        {
            0 => new("media-and-methods", $"{t.Name}: text/plain body", t.Method, t.Path(n), body.ToJsonString(), t.Key(), t.NeedsIdempotencyKey ? $"fuzz-{n}" : null, "text/plain"),
            1 => new("media-and-methods", $"{t.Name}: form body", t.Method, t.Path(n), "a=1&b=2", t.Key(), t.NeedsIdempotencyKey ? $"fuzz-{n}" : null, "application/x-www-form-urlencoded"),
            _ => new("media-and-methods", $"{t.Name}: PATCH", HttpMethod.Patch, t.Path(n), body.ToJsonString(), t.Key()),
        };
    }

    private static JsonObject Obj(object value) => JsonSerializer.SerializeToNode(value, ApiHost.Json)!.AsObject();

    private static double[] Vector(int length) => Enumerable.Range(0, length).Select(i => 0.5 + i * 0.01).ToArray();

    private static string RandomText(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)random.Next(33, 127)).ToArray());

    private static string RandomToken(Random random) =>
        Convert.ToHexStringLower(Enumerable.Range(0, 24).Select(_ => (byte)random.Next(256)).ToArray());

    private static string FlipByte(string signature, Random random)
    {
        var bytes = Convert.FromHexString(signature.StartsWith("0x", StringComparison.Ordinal) ? signature[2..] : signature);
        bytes[random.Next(bytes.Length - 1)] ^= 0x5A;
        return "0x" + Convert.ToHexStringLower(bytes);
    }

    private static string Describe(string odd) =>
        string.Join(" ", odd.EnumerateRunes().Select(r => $"U+{r.Value.ToString("X4", CultureInfo.InvariantCulture)}"));
}
