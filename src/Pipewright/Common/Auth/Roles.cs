namespace Pipewright.Common.Auth;

/// <summary>The six roles of api-v1.md. Their data scopes live in <see cref="CurrentUser"/>.</summary>
public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string SalesRep = nameof(SalesRep);
    public const string Engineer = nameof(Engineer);
    public const string RegionalManager = nameof(RegionalManager);
    public const string Finance = nameof(Finance);
    public const string GeneralManager = nameof(GeneralManager);

    public static readonly IReadOnlyList<string> All =
        [Admin, SalesRep, Engineer, RegionalManager, Finance, GeneralManager];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
