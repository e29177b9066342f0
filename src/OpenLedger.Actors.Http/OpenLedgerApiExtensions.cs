using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Endpoints;
using OpenLedger.Actors.Http.Errors;
using OpenLedger.Actors.Http.OpenApi;

namespace OpenLedger.Actors.Http;

public static class OpenLedgerApiExtensions
{
    public const string BasePath = "/api/v1";

    /// <summary>
    /// The HTTP API's services: API-key authentication and role policies, ProblemDetails errors, strict JSON
    /// (unknown members, nulls in non-nullable fields, named float literals and numeric enums are refused), the
    /// per-key rate limiter, Kestrel's body-size limit and the OpenAPI document. Settings: <c>OpenLedger:Api</c>.
    /// </summary>
    public static IServiceCollection AddOpenLedgerApi(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(OpenLedgerApiOptions.Section);
        services.AddOptions<OpenLedgerApiOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<OpenLedgerApiOptions>() ?? new OpenLedgerApiOptions();

        services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            ApiProblems.Stamp(context.ProblemDetails, status, code: null, context.HttpContext);
            ApiProblems.ExplainBareStatus(context.ProblemDetails, status, context.HttpContext); // routing's own 404/405/415 carry no detail
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KeyIdSigner>();
        services.AddSingleton<AuthFailureLimiter>();
        if (string.IsNullOrWhiteSpace(options.KeyIdSecret)
            && string.Equals(configuration["OpenLedger:Storage:Provider"], "AzureStorage", StringComparison.OrdinalIgnoreCase))
            throw new Microsoft.Extensions.Options.OptionsValidationException(OpenLedgerApiOptions.Section, typeof(OpenLedgerApiOptions),
                ["OpenLedger:Api:KeyIdSecret is required with persistent storage (base64 of 32 random bytes, the same on every silo): issued keys must outlive the process."]);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(ApiPolicies.AddTo);

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!http.Request.Path.StartsWithSegments(BasePath)) return RateLimitPartition.GetNoLimiter("unlimited");
                var partition = Caller.From(http.User) is { } caller ? $"key:{caller.KeyId}" : $"ip:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RateLimitPermits,
                    Window = options.RateLimitWindow,
                    QueueLimit = 0,
                });
            });
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new ValueTask(ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "rate.limited",
                    "This API key (or client address) has used its requests for the current window."));
            };
        });

        services.AddOpenApi(o =>
        {
            o.ShouldInclude = ApiConventionsTransformer.ShouldInclude;
            o.AddDocumentTransformer<ApiKeySecurityTransformer>();
            o.AddOperationTransformer<ApiKeySecurityTransformer>();
            o.AddDocumentTransformer<ApiConventionsTransformer>();
            o.AddOperationTransformer<ApiConventionsTransformer>();
            o.AddSchemaTransformer<ApiConventionsTransformer>();
        });
        return services;
    }

    /// <summary>
    /// Adds the API's middleware (errors, authentication, the invalid-key gate, rate limiting, authorization) and
    /// maps its endpoints under <see cref="BasePath"/> and the OpenAPI document at <c>/openapi/v1.json</c>.
    /// </summary>
    public static WebApplication MapOpenLedgerApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            // The idempotency filter fingerprints the body after binding has read it, and a body binding refuses is explained
            // field by field from a second read (BodyExplainer): keep API bodies re-readable (bounded by Kestrel's limit).
            if (context.Request.Headers.ContainsKey(Idempotency.IdempotencyKeyFilter.HeaderName)
                || (context.Request.Path.StartsWithSegments(BasePath) && (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)))
                context.Request.EnableBuffering();
            return next(context);
        });
        app.UseAuthentication();
        app.UseMiddleware<InvalidKeyGate>();
        app.UseRateLimiter();
        app.UseAuthorization();

        var api = app.MapGroup(BasePath);
        DatanetEndpoints.Map(api);
        ModelEndpoints.Map(api);
        SessionEndpoints.Map(api);
        AccountEndpoints.Map(api);
        ApiKeyEndpoints.Map(api);
        GovernanceEndpoints.Map(api);
        TransparencyEndpoints.Map(api);
        Problems.ProblemPages.Map(app);
        app.MapOpenApi();
        return app;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.RespectNullableAnnotations = true;
        json.RespectRequiredConstructorParameters = true;
        json.NumberHandling = JsonNumberHandling.Strict;
        json.AllowDuplicateProperties = false;
    }
}
