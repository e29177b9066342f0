using Microsoft.AspNetCore.Http;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Endpoints;

/// <summary>Checks ids taken from the URL before they become grain keys (the same rules the grains apply).</summary>
internal static class RouteIds
{
    public static string Id(string? value, string field)
    {
        if (AccountId.ValidateIdentifier(value, field) is { } problem)
            throw new ApiProblemException(StatusCodes.Status400BadRequest, problem.Code, problem.Message);
        return value!;
    }

    public static string Account(string? value)
    {
        if (AccountId.Validate(value) is { } problem)
            throw new ApiProblemException(StatusCodes.Status400BadRequest, problem.Code, problem.Message);
        return value!;
    }
}
