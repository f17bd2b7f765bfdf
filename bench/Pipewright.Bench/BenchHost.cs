using Microsoft.Extensions.Hosting;
using Pipewright.Common;
using Pipewright.Customers;
using Pipewright.Demo;
using Pipewright.Organisation;

namespace Pipewright.Bench;

/// <summary>
/// The app's own service registrations (database, Identity, modules) over a data folder, without the web
/// server: the generator writes the database exactly as the app would read it.
/// </summary>
internal static class BenchHost
{
    public static IHost Create(string root, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            EnvironmentName = Environments.Production,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:Root"] = Path.GetFullPath(root),
            ["Database:Provider"] = "Sqlite",
            ["Customers:CodePrefix"] = "KH",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddPipewrightCommon(builder.Configuration)
            .AddOrganisation()
            .AddCustomers()
            .AddDemoCompany();
        return builder.Build();
    }
}
