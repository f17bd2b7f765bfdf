using Microsoft.Extensions.Hosting;
using Pipewright.Common;
using Pipewright.Customers;
using Pipewright.Demo;
using Pipewright.Organisation;

namespace Pipewright.Bench.ReportsData;

/// <summary>
/// The app's own service registrations over SQLite (a data folder) or PostgreSQL (a connection string), without the
/// web server: migrations, Identity and the demo organisation come from the app, so the data is what the app reads.
/// </summary>
internal static class ReportsHost
{
    public static IHost Create(Target target, string adminPassword)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            EnvironmentName = Environments.Production,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:Root"] = target.SqliteRoot ?? Path.GetTempPath(),
            ["Database:Provider"] = target.IsPostgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings:Default"] = target.PostgresConnection,
            ["Customers:CodePrefix"] = "KH",
            ["Bootstrap:AdminPassword"] = adminPassword,
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddPipewrightCommon(builder.Configuration)
            .AddOrganisation()
            .AddCustomers()
            .AddDemoCompany();
        return builder.Build();
    }
}

/// <summary>Where the data goes: a SQLite file under a folder, or a PostgreSQL database.</summary>
internal sealed record Target(string? SqliteRoot, string? PostgresConnection)
{
    public bool IsPostgres => PostgresConnection is not null;

    public override string ToString() => IsPostgres ? "PostgreSQL" : Path.Combine(SqliteRoot!, "pipewright.db");
}
