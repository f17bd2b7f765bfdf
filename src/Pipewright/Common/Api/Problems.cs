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

    public static ProblemHttpResult NotFound() => Create(404, "problem.notFound", L["problem.notFound.detail"]);

    public static ProblemHttpResult Forbidden() => Create(403, "problem.forbidden", L["problem.forbidden.detail"]);

    public static ProblemHttpResult Unauthorized(string? detail = null) =>
        Create(401, "problem.unauthorized", detail ?? L["problem.unauthorized.detail"]);

    public static ProblemHttpResult TooManyRequests(HttpContext _) =>
        Create(429, "problem.tooManyRequests", L["problem.tooManyRequests.detail"]);

    public static ProblemHttpResult Concurrency() =>
        Create(409, "problem.concurrency", L["problem.concurrency.detail"],
            new Dictionary<string, object?> { ["kind"] = "concurrency" });

    public static ProblemHttpResult Rule(string detailKey, params object[] args) =>
        Create(422, "problem.rule", L[detailKey, args]);

    /// <summary>400 with per-field messages; messages are already localized.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors)
    {
        var detail = string.Join(" ", errors.SelectMany(e => e.Value));
        return Create(400, "problem.invalid", detail, new Dictionary<string, object?> { ["errors"] = errors });
    }

    public static ProblemHttpResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });
}
