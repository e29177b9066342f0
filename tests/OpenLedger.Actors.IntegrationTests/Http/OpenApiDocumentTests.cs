using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>A silo + HTTP host with nothing set up: the OpenAPI document does not depend on data.</summary>
public sealed class BareApiHostFixture : IAsyncLifetime
{
    internal ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync($"doc-{Guid.NewGuid():N}"[..12]);

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

/// <summary>
/// The OpenAPI document is usable by generated clients as it is (issue 15): loaded and validated with Microsoft.OpenApi,
/// every operation has a summary, declares its refusals as ProblemDetails (with <c>code</c> and <c>traceId</c>, open to
/// more members), the Idempotency-Key header where honoured and the response headers a client needs; roles are an enum;
/// only the JSON API is described; and the README's endpoint table lists exactly the document's operations.
/// </summary>
public sealed partial class OpenApiDocumentTests(BareApiHostFixture fixture) : IClassFixture<BareApiHostFixture>
{
    private async Task<OpenApiDocument> LoadAsync()
    {
        using var client = fixture.Host.Client();
        await using var stream = await client.GetStreamAsync("/openapi/v1.json");
        var read = await OpenApiDocument.LoadAsync(stream, "json");
        Assert.True(read.Diagnostic is null || read.Diagnostic.Errors.Count == 0, string.Join("; ", read.Diagnostic?.Errors.Select(e => e.ToString()) ?? []));
        Assert.NotNull(read.Document);
        var invalid = read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToArray() ?? [];
        Assert.True(invalid.Length == 0, string.Join("; ", invalid.Select(e => $"{e.Pointer}: {e.Message}")));
        return read.Document;
    }

    private static IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(p => (p.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>()).Select(o => (p.Key, o.Key, o.Value)));

    [Fact]
    public async Task Every_operation_has_a_summary_and_declares_its_refusals_as_problem_details()
    {
        var document = await LoadAsync();
        var operations = Operations(document).ToArray();
        Assert.True(operations.Length >= 40, $"only {operations.Length} operations");
        foreach (var (path, method, operation) in operations)
        {
            var name = $"{method} {path} ({operation.OperationId})";
            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{name} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation.OperationId), $"{name} has no operationId");
            var refusals = operation.Responses!.Where(r => r.Key[0] is '4' or '5').ToArray();
            foreach (var status in new[] { "401", "429", "503" })
                Assert.True(operation.Responses!.ContainsKey(status), $"{name} does not declare {status}");
            if (path.Contains('{')) Assert.True(operation.Responses!.ContainsKey("404"), $"{name} has path parameters but no 404");
            if (operation.Security is { Count: > 0 }) Assert.True(operation.Responses!.ContainsKey("403"), $"{name} needs a key but declares no 403");
            if (operation.RequestBody is not null)
                foreach (var status in new[] { "400", "413", "415" })
                    Assert.True(operation.Responses!.ContainsKey(status), $"{name} takes a body but does not declare {status}");
            foreach (var (status, response) in refusals)
            {
                var media = Assert.Single(response.Content!);
                Assert.Equal("application/problem+json", media.Key);
                var reference = Assert.IsType<OpenApiSchemaReference>(media.Value.Schema);
                Assert.Equal("ProblemDetails", reference.Reference.Id);
                if (status is "429" or "503") Assert.True(response.Headers?.ContainsKey("Retry-After") == true, $"{name} {status} lacks Retry-After");
            }
            foreach (var (status, response) in operation.Responses!.Where(r => r.Key is "201" or "202"))
                Assert.True(response.Headers?.ContainsKey("Location") == true, $"{name} {status} lacks Location");
        }
        Assert.Contains(operations, o => o.Method == HttpMethod.Get && o.Operation.Responses!.ContainsKey("404"));
        Assert.Contains(operations, o => o.Operation.OperationId == "Claim" && o.Operation.Responses!.ContainsKey("402"));
        Assert.Contains(operations, o => o.Operation.OperationId == "Infer" && o.Operation.Responses!.ContainsKey("402"));
    }

    [Fact]
    public async Task Every_mutating_operation_declares_the_idempotency_headers_and_an_inference_requires_its_key()
    {
        var document = await LoadAsync();
        foreach (var (path, method, operation) in Operations(document).Where(o => o.Method != HttpMethod.Get))
        {
            var name = $"{method} {path}";
            var header = operation.Parameters?.SingleOrDefault(p => p.In == ParameterLocation.Header && p.Name == "Idempotency-Key");
            Assert.True(header is not null, $"{name} does not declare the Idempotency-Key header it honours");
            Assert.Equal(operation.OperationId == "Infer", header.Required);
            foreach (var (_, success) in operation.Responses!.Where(r => r.Key[0] == '2'))
                Assert.True(success.Headers?.ContainsKey("Idempotent-Replayed") == true, $"{name} does not declare Idempotent-Replayed");
        }
        foreach (var (path, _, operation) in Operations(document).Where(o => o.Method == HttpMethod.Get))
            Assert.DoesNotContain(operation.Parameters ?? [], p => p.Name == "Idempotency-Key");
    }

    [Fact]
    public async Task Problem_details_declare_code_and_trace_id_and_allow_more_members_roles_are_an_enum_and_only_the_api_is_described()
    {
        var document = await LoadAsync();
        var problem = document.Components!.Schemas!["ProblemDetails"];
        Assert.Contains("code", problem.Properties!.Keys);
        Assert.Contains("traceId", problem.Properties!.Keys);
        Assert.Contains("code", problem.Required!);
        Assert.True(problem.AdditionalPropertiesAllowed);
        Assert.NotEqual(JsonSchemaType.Boolean, problem.AdditionalProperties?.Type); // not "additionalProperties: false"

        var roles = document.Components.Schemas["IssueApiKeyRequest"].Properties!["roles"].Items!;
        Assert.Equal(["contributor", "curator", "model-owner", "operator", "platform"], roles.Enum!.Select(e => e!.GetValue<string>()));

        Assert.All(document.Paths.Keys, p => Assert.StartsWith("/api/v1/", p));
        Assert.Equal(Operations(document).Count(), Operations(document).Select(o => o.Operation.OperationId).Distinct().Count());
    }

    /// <summary>The README's HTTP API section names every operation of the document, and nothing else.</summary>
    [Fact]
    public async Task The_readme_lists_exactly_the_documents_endpoints()
    {
        var document = await LoadAsync();
        var documented = Operations(document).Select(o => $"{o.Method.Method} {Normalise(o.Path)}").ToHashSet(StringComparer.Ordinal);

        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf("\n## HTTP API", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no '## HTTP API' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var table = string.Join('\n', section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal)));
        var listed = EndpointMention().Matches(table)
            .Select(m => $"{m.Groups[1].Value} {Normalise(m.Groups[2].Value.StartsWith("/api/v1/", StringComparison.Ordinal) ? m.Groups[2].Value : "/api/v1" + m.Groups[2].Value)}")
            .ToHashSet(StringComparer.Ordinal);

        var undocumentedInReadme = documented.Except(listed).Order(StringComparer.Ordinal).ToArray();
        var notInDocument = listed.Except(documented).Order(StringComparer.Ordinal).ToArray();
        Assert.True(undocumentedInReadme.Length == 0, $"In the OpenAPI document but not in README's HTTP API table: {string.Join(", ", undocumentedInReadme)}");
        Assert.True(notInDocument.Length == 0, $"In README's HTTP API table but not in the OpenAPI document: {string.Join(", ", notInDocument)}");
    }

    private static string Normalise(string path) => PathParameter().Replace(path.TrimEnd('/'), "{}");

    [GeneratedRegex(@"`(GET|POST|PUT|DELETE|PATCH) (/[A-Za-z0-9_{}\-/.]+)")]
    private static partial Regex EndpointMention();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex PathParameter();
}
