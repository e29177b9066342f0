using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Problems;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// Errors a user can act on without reading the source (issue 15), over real HTTP: bodies refused field by field, the
/// role needed and the key's roles, the media type accepted, the balance behind a 402, problem type URIs that resolve
/// to the silo's own page for the code, and training that defaults to the latest Datanet version.
/// </summary>
public sealed partial class ActionableErrorTests(ApiWorldFixture fixture) : IClassFixture<ApiWorldFixture>
{
    private ApiWorld W => fixture.World;

    [Fact]
    public async Task A_Datanet_created_with_only_a_name_names_every_missing_field()
    {
        using var curator = W.Curator;
        var refused = (await curator.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/dn-only-name", new { name = "Only a name" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("request.invalid_fields", refused.Code);
        var errors = refused.Body.GetProperty("errors");
        foreach (var field in new[] { "summary", "description", "tags", "modality", "dimension", "classCount" })
        {
            Assert.True(errors.TryGetProperty(field, out var problems), $"{field} not named: {refused}");
            Assert.StartsWith("is required", problems[0].GetString());
            Assert.Contains(field, refused.Body.GetProperty("detail").GetString());
        }
        Assert.False(errors.TryGetProperty("name", out _));
        Assert.DoesNotContain("System.", refused.Text);
        Assert.DoesNotContain("(at $)", refused.Text);
    }

    [Fact]
    public async Task Wrong_types_nulls_unknown_members_and_nested_rows_are_named_by_their_path()
    {
        using var curator = W.Curator;
        var refused = (await curator.SendRawAsync(HttpMethod.Put, "/api/v1/datanets/dn-wrong-types",
            """{"name":"n","summary":null,"description":"d","tags":["a"],"modality":"tabular","dimension":"ten","classCount":2.5,"colour":"red"}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("request.invalid_fields", refused.Code);
        var errors = refused.Body.GetProperty("errors");
        Assert.Equal("must not be null", errors.GetProperty("summary")[0].GetString());
        Assert.StartsWith("must be a whole number", errors.GetProperty("dimension")[0].GetString());
        Assert.StartsWith("must be a whole number", errors.GetProperty("classCount")[0].GetString());
        Assert.Equal("is not a field of this operation", errors.GetProperty("colour")[0].GetString());
        Assert.DoesNotContain("red", refused.Text); // values are never echoed
        Assert.DoesNotContain("ten", refused.Text.Replace("often", "", StringComparison.Ordinal));

        using var contributor = W.Contributor(1);
        var rows = (await contributor.SendRawAsync(HttpMethod.Post, $"/api/v1/datanets/{W.DatanetId}/submissions",
            """{"submissionId":"s-bad-rows","rows":[{"features":[1,2],"label":0},{"features":[1,2]},{"features":"x","label":1}]}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("request.invalid_fields", rows.Code);
        var rowErrors = rows.Body.GetProperty("errors");
        Assert.StartsWith("is required", rowErrors.GetProperty("rows[1].label")[0].GetString());
        Assert.Equal("must be an array", rowErrors.GetProperty("rows[2].features")[0].GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_says_where_it_breaks()
    {
        using var curator = W.Curator;
        var refused = (await curator.SendRawAsync(HttpMethod.Put, "/api/v1/datanets/dn-broken", "{\n  \"name\": \"n\",\n  \"summary\": }")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("request.malformed_json", refused.Code);
        Assert.Contains("line 3", refused.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Role_required_names_the_role_needed_and_the_keys_roles()
    {
        using var curator = W.Curator;
        var refused = (await curator.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{W.CuratorAccount}/deposits", new { depositId = "d-role", amount = 5 }))
            .Expect(HttpStatusCode.Forbidden);
        Assert.Equal("auth.role_required", refused.Code);
        Assert.Equal([ApiRoles.Operator], refused.Body.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([ApiRoles.Curator], refused.Body.GetProperty("keyRoles").EnumerateArray().Select(r => r.GetString()));
        var detail = refused.Body.GetProperty("detail").GetString()!;
        Assert.Contains("'operator'", detail);
        Assert.Contains("curator", detail);
        Assert.Contains(W.CuratorAccount, detail);
    }

    [Fact]
    public async Task Unsupported_media_type_says_which_is_accepted()
    {
        using var curator = W.Curator;
        var refused = (await curator.SendRawAsync(HttpMethod.Put, "/api/v1/datanets/dn-text", "name=x", contentType: "text/plain"))
            .Expect(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("request.unsupported_media_type", refused.Code);
        Assert.Contains("application/json", refused.Body.GetProperty("detail").GetString());
        Assert.Equal(["application/json"], refused.Body.GetProperty("accepted").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_claim_above_the_balance_gives_the_balance_and_the_amount()
    {
        var account = W.ContributorAccounts[0];
        using var contributor = W.Contributor(0);
        var balance = (await contributor.GetApiAsync($"/api/v1/accounts/{account}/balance")).Expect(HttpStatusCode.OK).Body.GetProperty("balance").GetInt64();
        var amount = balance + 1_000_000;
        var signature = W.SignClaim("claim-too-much", account, amount, W.ContributorWallet);
        var refused = (await contributor.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{account}/claims",
            new { claimId = "claim-too-much", amount, destination = ApiWorld.Destination, signature })).Expect(HttpStatusCode.PaymentRequired);
        Assert.Equal("ledger.insufficient_funds", refused.Code);
        Assert.Equal(balance, refused.Body.GetProperty("balance").GetInt64());
        Assert.Equal(amount, refused.Body.GetProperty("amount").GetInt64());
        Assert.Contains(balance.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Every_problem_type_uri_resolves_to_the_silos_page_for_its_code()
    {
        using var anonymous = W.Host.Client();
        var index = await anonymous.GetAsync("/problems");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var listing = await index.Content.ReadAsStringAsync();
        foreach (var code in ProblemCatalogue.All)
        {
            Assert.Contains($">{code.Code}<", listing);
            using var page = await anonymous.GetAsync(new Uri(W.Host.BaseAddress, $"/problems/{code.Code}"));
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"/problems/{code.Code}: {(int)page.StatusCode}");
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/problems/no.such_code")).StatusCode);

        // A real refusal's type is an absolute URI on this silo, and it answers.
        using var curator = W.Curator;
        var refused = (await curator.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{W.CuratorAccount}/deposits", new { depositId = "d-type", amount = 5 }))
            .Expect(HttpStatusCode.Forbidden);
        var type = new Uri(refused.Body.GetProperty("type").GetString()!);
        Assert.Equal(W.Host.BaseAddress.Authority, type.Authority);
        var explained = await anonymous.GetAsync(type);
        Assert.Equal(HttpStatusCode.OK, explained.StatusCode);
        Assert.Contains("auth.role_required", await explained.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(refused.Body.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task Training_without_a_version_trains_on_the_latest_and_a_Datanet_without_one_says_so()
    {
        using var modeller = W.Host.Client(W.ModelOwnerKey);
        await modeller.TrainAndWaitAsync("model-latest", new { datanetId = W.DatanetId, feePerInference = 10 });
        var model = (await modeller.GetApiAsync("/api/v1/models/model-latest")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(1, model.GetProperty("manifest").GetProperty("datanetVersion").GetInt32());

        using (var curator = W.Curator)
        {
            (await curator.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/dn-unpublished", new
            {
                name = "Unpublished", summary = "s", description = "d", tags = Array.Empty<string>(), modality = "tabular", dimension = 3, classCount = 2,
            })).Expect(HttpStatusCode.OK);
        }
        var refused = (await modeller.SendJsonAsync(HttpMethod.Post, "/api/v1/models/model-unpublished/training", new { datanetId = "dn-unpublished", feePerInference = 10 }))
            .Expect(HttpStatusCode.NotFound);
        Assert.Equal("version.not_found", refused.Code);
        Assert.Contains("no published version", refused.Body.GetProperty("detail").GetString());
    }

    /// <summary>
    /// Every error code in the source is in the catalogue (so its type URI resolves and its meaning is written down):
    /// dotted lower-case string literals in the grain, domain, contract and HTTP projects, minus those that are not codes.
    /// </summary>
    [Fact]
    public void Every_error_code_in_the_source_is_in_the_catalogue()
    {
        string[] projects = ["OpenLedger.Actors.Abstractions", "OpenLedger.Actors.Domain", "OpenLedger.Actors.Grains", "OpenLedger.Actors.Http"];
        var literals = projects
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)) // comments quote examples
            .SelectMany(line => CodeLiteral().Matches(line).Select(m => m.Groups[1].Value))
            .Where(c => !NotErrorCodes(c))
            .ToHashSet(StringComparer.Ordinal);
        var missing = literals.Where(c => ProblemCatalogue.Find(c) is null).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, $"Add these codes (with their meaning) to src/OpenLedger.Actors.Http/Problems/ProblemCatalogue.cs: {string.Join(", ", missing)}");
        Assert.True(literals.Count > 100, $"only {literals.Count} codes found: is the scan broken?");
    }

    /// <summary>Dotted literals that are posting codes, serializer aliases, metric or activity names, not error codes.</summary>
    private static bool NotErrorCodes(string literal) =>
        literal.StartsWith("fee.", StringComparison.Ordinal) || literal.StartsWith("openledger.", StringComparison.Ordinal)
        || literal is "stake.slashed" or "model.train" or "inference.execute" or "attribution.attribute" or "attribution.attribute_representation";

    [GeneratedRegex("\"([a-z][a-z_]*\\.[a-z][a-z_0-9]*)\"")]
    private static partial Regex CodeLiteral();
}
