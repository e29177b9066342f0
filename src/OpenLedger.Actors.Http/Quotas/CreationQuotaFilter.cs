using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Quotas;

/// <summary>
/// Per-key creation quotas (<see cref="OpenLedgerApiOptions.CreationQuotas"/>): each create call counts against its API
/// key's allowance for the window before it runs (a failed call gives the count back); past the allowance it is 429
/// <c>quota.{kind}</c> and runs nothing. Applied inside the idempotency filter, so a replayed response does not count.
/// </summary>
internal static class CreationQuotaFilter
{
    public static RouteHandlerBuilder CreationQuota(this RouteHandlerBuilder endpoint, string kind) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            if (Caller.From(context.HttpContext.User) is not { } caller) return await next(context);
            var services = context.HttpContext.RequestServices;
            var options = services.GetRequiredService<IOptions<OpenLedgerApiOptions>>().Value;
            var limit = options.CreationQuotas.For(kind);
            var window = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcTicks / options.CreationQuotaWindow.Ticks;
            var usage = services.GetRequiredService<IGrainFactory>().GetGrain<IApiKeyUsageGrain>(caller.KeyId);
            if (!await usage.TryConsumeAsync(kind, window, limit))
                throw new ApiProblemException(StatusCodes.Status429TooManyRequests, $"quota.{kind}",
                    $"This API key has created its {limit} {kind.Replace('_', ' ')} for the current window ({options.CreationQuotaWindow}).");
            try
            {
                var result = await next(context);
                if (result is IStatusCodeHttpResult { StatusCode: >= 400 }) await usage.RefundAsync(kind, window);
                return result;
            }
            catch
            {
                await usage.RefundAsync(kind, window);
                throw;
            }
        });
}
