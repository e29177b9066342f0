using Microsoft.AspNetCore.Http;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Endpoints;

/// <summary>What JSON binding cannot say about a body: list elements must not be null.</summary>
internal static class BodyChecks
{
    public static IReadOnlyList<T> NoNullItems<T>(IReadOnlyList<T> items, string field) where T : class
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
                throw new ApiProblemException(StatusCodes.Status400BadRequest, "request.null_item", $"{field}[{i}] must not be null.");
        }
        return items;
    }
}
