using System.ComponentModel.DataAnnotations;

namespace Pipewright.Erp;

/// <summary>Section <c>Erp</c>: which ERP answers availability and how patiently we ask it.</summary>
public sealed class ErpOptions : IValidatableObject
{
    public const string BuiltIn = nameof(BuiltIn);
    public const string Http = nameof(Http);

    /// <summary><c>BuiltIn</c> (the stock table kept in Pipewright) or <c>Http</c> (an ERP behind docs/erp-contract.md).</summary>
    [AllowedValues(BuiltIn, Http)] public string Mode { get; set; } = BuiltIn;

    /// <summary>The ERP adapter's base address; <c>{BaseUrl}/availability</c> is asked.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c>.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// How long one attempt may take. A quote line waits for it, so it is short; a timed-out attempt is not
    /// repeated (an ERP that is slow now is slow again a moment later).
    /// </summary>
    [Range(0.05, 30)] public double TimeoutSeconds { get; set; } = 2;

    /// <summary>Further attempts after a failure that may pass (connection refused, 5xx, 429).</summary>
    [Range(0, 5)] public int Retries { get; set; } = 2;

    /// <summary>After this many failed calls in a row the ERP is not asked for <see cref="BreakSeconds"/>.</summary>
    [Range(1, 100)] public int BreakAfterFailures { get; set; } = 5;

    [Range(1, 3600)] public int BreakSeconds { get; set; } = 30;

    /// <summary>How long an answer is reused for the same model, quantity and date.</summary>
    [Range(0, 3600)] public int CacheSeconds { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == Http && BaseUrl is not { IsAbsoluteUri: true })
            yield return new ValidationResult("Erp:BaseUrl must be an absolute URL when Erp:Mode is Http.", [nameof(BaseUrl)]);
    }
}

/// <summary>Why an availability answer is unknown (<see cref="Availability.Reason"/>).</summary>
public static class ErpReasons
{
    public const string UnknownModel = "unknownModel";
    public const string Timeout = "timeout";
    public const string Unreachable = "unreachable";
    public const string Rejected = "rejected";
    public const string Malformed = "malformed";
    public const string CircuitOpen = "circuitOpen";
}
