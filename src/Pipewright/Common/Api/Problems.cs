using Microsoft.AspNetCore.Http.HttpResults;
using Pipewright.Common.Localization;

namespace Pipewright.Common.Api;

/// <summary>RFC 9457 problem details with titles and details in the caller's language.</summary>
public static class Problems
{
    private static readonly Strings L = new();

    public static ProblemHttpResult Create(int status, string titleKey, string? detail = null,
        IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = L[titleKey],
            Detail = detail,
            Extensions = extensions ?? new Dictionary<string, object?>(),
        });

    public static ProblemHttpResult TooManyRequests() =>
        Create(429, "problem.tooManyRequests", L["problem.tooManyRequests.detail"]);
}
