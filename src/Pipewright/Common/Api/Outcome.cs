using Microsoft.AspNetCore.Http.HttpResults;
using Pipewright.Common.Localization;

namespace Pipewright.Common.Api;

/// <summary>
/// Why a use case said no: the HTTP status it means, a localized message, per-field errors and any
/// extra members (duplicates, unmet requirements). The API turns it into problem details; the UI shows it.
/// </summary>
public sealed record Failure(
    int Status,
    string TitleKey,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null)
{
    private static readonly Strings L = new();

    public static Failure NotFound() => new(404, "problem.notFound", L["problem.notFound.detail"]);
    public static Failure Forbidden() => new(403, "problem.forbidden", L["problem.forbidden.detail"]);
    public static Failure Concurrency() => new(409, "problem.concurrency", L["problem.concurrency.detail"],
        Extensions: new Dictionary<string, object?> { ["kind"] = "concurrency" });
    public static Failure Rule(string detailKey, params object[] args) => new(422, "problem.rule", L[detailKey, args]);

    public static Failure Invalid(string field, string messageKey, params object[] args)
    {
        var message = L[messageKey, args].Value;
        return new(400, "problem.invalid", message, new Dictionary<string, string[]> { [field] = [message] });
    }

    public static Failure Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, "problem.invalid", string.Join(" ", errors.SelectMany(e => e.Value)), errors);

    public ProblemHttpResult ToProblem()
    {
        var extensions = new Dictionary<string, object?>();
        if (Errors is not null) extensions["errors"] = Errors;
        foreach (var (key, value) in Extensions ?? new Dictionary<string, object?>()) extensions[key] = value;
        return Problems.Create(Status, TitleKey, Detail, extensions);
    }
}

/// <summary>A use case's answer: the value, or the <see cref="Failure"/> that explains why not.</summary>
public readonly record struct Outcome<T>(T? Value, Failure? Failure)
{
    public bool Succeeded => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}

public static class OutcomeResults
{
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> ok) =>
        outcome.Failure is { } failure ? failure.ToProblem() : ok(outcome.Value!);
}
