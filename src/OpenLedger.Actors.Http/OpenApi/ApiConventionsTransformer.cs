using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Contracts;
using OpenLedger.Actors.Http.Idempotency;

namespace OpenLedger.Actors.Http.OpenApi;

/// <summary>
/// The API's conventions, stated once in the OpenAPI document for every operation (so an endpoint added later gets them
/// by default): a summary; the roles it needs; the <c>Idempotency-Key</c> request header where honoured (required where
/// it is the operation's identity) and <c>Idempotent-Replayed</c> on its successes; <c>Location</c> on 201/202;
/// <c>Retry-After</c> on 429/503; and every refusal the operation can answer, each an <c>application/problem+json</c>
/// <c>ProblemDetails</c> whose <c>code</c> and <c>traceId</c> are declared and whose extra members are allowed.
/// Roles are an enum. Only <c>/api/v1</c> is described (not the explorer's HTML, not the problem pages).
/// </summary>
internal sealed class ApiConventionsTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer, IOpenApiSchemaTransformer
{
    public const string ProblemSchema = "ProblemDetails";
    private const string ProblemMediaType = "application/problem+json";

    /// <summary>Only the JSON API: the explorer's pages and the problem pages are HTML for people.</summary>
    public static bool ShouldInclude(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description) =>
        description.RelativePath?.StartsWith(OpenLedgerApiExtensions.BasePath.TrimStart('/') + "/", StringComparison.Ordinal) == true;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "OpenLedger API";
        document.Info.Description = "Datanets, models, inference sessions with attribution receipts, and the ledger paying contributors. "
            + "Every refusal is application/problem+json with a stable `code` (meanings at /problems) and a `traceId`.";
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem();
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var name = operation.OperationId;
        operation.Summary ??= OperationDocs.Summary(name) ?? (name is null ? null : OperationDocs.FromName(name));

        var authorized = metadata.OfType<IAuthorizeData>().ToArray();
        var roles = authorized.Select(a => ApiPolicies.RoleOf(a.Policy)).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
        if (authorized.Length > 0)
            operation.Description = Join(operation.Description, roles.Length == 0
                ? "Needs an API key."
                : $"Needs an API key with the role {string.Join(" or ", roles.Select(r => $"`{r}`"))}.");

        var idempotency = metadata.OfType<IdempotencyKeyMetadata>().LastOrDefault();
        if (idempotency is not null)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKeyFilter.HeaderName,
                In = ParameterLocation.Header,
                Required = idempotency.Required,
                Description = idempotency.Required
                    ? "Required: the operation's identity. The same key with the same request answers the stored result and charges nothing more."
                    : "Optional: the same key with the same request replays the stored response (Idempotent-Replayed: true); with a different request it is 422 idempotency.key_reused.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 128 },
            });
        }

        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete) continue;
            if (status.StartsWith('2') && idempotency is not null)
                AddHeader(concrete, IdempotencyKeyFilter.ReplayedHeader, "`true` when this response replays the one stored for the Idempotency-Key.",
                    new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] });
            if (status is "201" or "202")
                AddHeader(concrete, "Location", "Where the created resource or the started job is read.", new OpenApiSchema { Type = JsonSchemaType.String });
        }

        foreach (var status in Refusals(description, authorized.Length > 0, idempotency is not null).Concat(OperationDocs.ExtraStatuses(name)).Distinct().Order())
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse r ? r : new OpenApiResponse();
            response.Description = string.IsNullOrEmpty(response.Description) ? ReasonPhrases.GetReasonPhrase(status) : response.Description;
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content.Clear();
            response.Content[ProblemMediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) };
            if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
                AddHeader(response, "Retry-After", "Seconds to wait before retrying.", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" });
            operation.Responses[key] = response;
        }
        return Task.CompletedTask;
    }

    /// <summary>Roles are one of <see cref="ApiRoles.All"/>, not any string.</summary>
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var property = context.JsonPropertyInfo;
        if (property is { Name: "roles" } && (property.DeclaringType == typeof(IssueApiKeyRequest) || property.DeclaringType == typeof(IssuedApiKey) || property.DeclaringType == typeof(ApiKeyView)))
            schema.Items = RoleSchema();
        return Task.CompletedTask;
    }

    private static OpenApiSchema RoleSchema() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. ApiRoles.All.Order(StringComparer.Ordinal).Select(r => (JsonNode)JsonValue.Create(r))],
        Description = "operator: issues keys, funds accounts, reads any account; platform: opens sessions and runs inferences; "
            + "contributor: submits rows; curator: creates and curates Datanets; model-owner: trains and registers models.",
    };

    /// <summary>What any operation of this shape can be refused with (more specific ones are in <see cref="OperationDocs"/>).</summary>
    private static IEnumerable<int> Refusals(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, bool authorized, bool mutating)
    {
        var parameters = description.ParameterDescriptions;
        var hasBody = parameters.Any(p => p.Source == BindingSource.Body)
            || description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().Any();
        if (parameters.Count > 0 || hasBody) yield return StatusCodes.Status400BadRequest;
        yield return StatusCodes.Status401Unauthorized; // a wrong key is refused even where none is needed
        if (authorized) yield return StatusCodes.Status403Forbidden;
        if (parameters.Any(p => p.Source == BindingSource.Path)) yield return StatusCodes.Status404NotFound;
        if (mutating) yield return StatusCodes.Status409Conflict;
        if (mutating) yield return StatusCodes.Status422UnprocessableEntity;
        if (hasBody) yield return StatusCodes.Status413PayloadTooLarge;
        if (hasBody) yield return StatusCodes.Status415UnsupportedMediaType;
        yield return StatusCodes.Status429TooManyRequests;
        yield return StatusCodes.Status503ServiceUnavailable;
    }

    private static OpenApiSchema Problem()
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        static OpenApiSchema Strings(string description) => new() { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = description };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details. Branch on `code`; other members (errors, requiredRoles, balance, …) depend on the code.",
            Required = new HashSet<string> { "type", "status", "code", "traceId" },
            AdditionalPropertiesAllowed = true,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("The code's page on this server (/problems/{code})."),
                ["title"] = Text("The status's reason phrase."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = Text("What was wrong with this request, for people."),
                ["instance"] = Text("The request path, when given."),
                ["code"] = Text("The stable, machine-readable error code (see /problems)."),
                ["traceId"] = Text("Identifies the request in the server's logs."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "request.invalid_fields: each field (a JSON path) and what is wrong with it.",
                    AdditionalProperties = Strings("What is wrong with the field."),
                },
                ["requiredRoles"] = Strings("auth.role_required: the roles that would allow the operation."),
                ["keyRoles"] = Strings("auth.role_required: the roles the API key holds."),
                ["accepted"] = Strings("request.unsupported_media_type: the media types accepted."),
                ["balance"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "ledger.insufficient_funds: the account's balance in micro-units." },
                ["amount"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "ledger.insufficient_funds: the amount asked for in micro-units." },
            },
        };
    }

    private static void AddHeader(OpenApiResponse response, string name, string description, OpenApiSchema schema)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = schema };
    }

    private static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : $"{first} {second}";
}
