using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Geo;
using Pipewright.Common.Phones;
using Pipewright.Common.Search;
using Pipewright.Customers;
using Pipewright.Customers.CreateCustomer;
using Pipewright.Customers.ListCustomers;
using Pipewright.Customers.Rules;
using Pipewright.Demo;
using Pipewright.Organisation;

namespace Pipewright.Bench;

/// <summary>
/// generate: a database with the demo company's organisation and N customers, written the way the app
/// writes them (codes from the sequence, E.164 phones, the name key, the suffix search rows) but in bulk.
/// </summary>
internal static class Generate
{
    public const string DefaultAdminPassword = "Bench2026admin";
    public const string DefaultPassword = "Pipewright2026";

    public static async Task<int> RunAsync(CommandLine options)
    {
        var root = Path.GetFullPath(options.Required("root"));
        var count = options.Number("customers", 20_000);
        var seed = options.Number("seed", 1);
        var adminPassword = options.Text("admin-password", DefaultAdminPassword);
        var password = options.Text("password", DefaultPassword);

        var dbFile = Path.Combine(root, "pipewright.db");
        if (File.Exists(dbFile))
        {
            if (!options.Flag("force"))
                throw new CommandLineException($"{dbFile} exists; pass --force to replace it.");
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbFile + suffix);
        }
        Directory.CreateDirectory(root);

        var total = Stopwatch.StartNew();
        using var host = BenchHost.Create(root, [new("Bootstrap:AdminPassword", adminPassword)]);
        var services = host.Services;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Pipewright.Bench");
        var clock = services.GetRequiredService<TimeProvider>();

        var step = Stopwatch.StartNew();
        await DatabaseSetup.MigrateAsync(services);
        await OrganisationModule.BootstrapAsync(services, services.GetRequiredService<IConfiguration>(), logger);
        Console.WriteLine($"migrated, roles and admin      {step.Elapsed.TotalSeconds,6:F1} s");

        step.Restart();
        var reps = await CreateOrganisationAsync(services, clock.GetUtcNow(), password);
        Console.WriteLine($"teams and people ({DemoCatalogue.People.Count,2} people)  {step.Elapsed.TotalSeconds,6:F1} s");

        step.Restart();
        var prefix = services.GetRequiredService<IOptions<CustomerOptions>>().Value.CodePrefix;
        var now = clock.GetUtcNow();
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        await using var db = await services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        var first = await db.NextAsync(prefix, year, default, count);
        var customers = BuildCustomers(count, seed, reps, now, i => CodeSequences.Format(prefix, year, first + i));
        var contacts = customers.SelectMany(c => c.Contacts).ToList();
        // Sorted by term, the search rows append to the search index instead of splitting pages all over it.
        var terms = customers.SelectMany(CustomerQueries.SearchTerms)
            .OrderBy(t => t.Kind, StringComparer.Ordinal).ThenBy(t => t.Term, StringComparer.Ordinal).ToList();
        Console.WriteLine($"built {count} customers in memory  {step.Elapsed.TotalSeconds,6:F1} s");

        step.Restart();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // A bigger page cache for this connection only; the file's settings are untouched.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144;");
            await GeneratorInsert.InsertAsync(db, customers);
            Console.WriteLine($"  customers                    {step.Elapsed.TotalSeconds,6:F1} s");
            await GeneratorInsert.InsertAsync(db, contacts);
            Console.WriteLine($"  contacts                     {step.Elapsed.TotalSeconds,6:F1} s");
            await GeneratorInsert.InsertAsync(db, terms);
            Console.WriteLine($"  search rows                  {step.Elapsed.TotalSeconds,6:F1} s");
            await transaction.CommitAsync();
        }
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine($"inserted                       {step.Elapsed.TotalSeconds,6:F1} s");

        step.Restart();
        await CheckAsync(services, customers[0]);
        Console.WriteLine($"checked through ListCustomers  {step.Elapsed.TotalSeconds,6:F1} s");

        var size = new FileInfo(dbFile).Length;
        Console.WriteLine($"""

            {dbFile} ({size / 1024.0 / 1024.0:F0} MB)
              customers     {customers.Count,9:N0}   codes {customers[0].Code} … {customers[^1].Code}
              contacts      {contacts.Count,9:N0}
              search rows   {terms.Count,9:N0}
              users         {DemoCatalogue.People.Count + 1,9:N0}   (admin / {adminPassword}; everyone else / {password})
              sales reps    {reps.Count,9:N0}   owning ~{customers.Count(c => c.OwnerId != null) / reps.Count:N0} customers each; {customers.Count(c => c.OwnerId == null):N0} in the public pool
            total {total.Elapsed.TotalSeconds:F1} s
            """);
        SqliteConnection.ClearAllPools();
        return 0;
    }

    /// <summary>Teams with their managers and the demo company's people, exactly as <see cref="DemoCompany"/> creates them.</summary>
    private static async Task<List<AppUser>> CreateOrganisationAsync(IServiceProvider services, DateTimeOffset now, string password)
    {
        await using var scope = services.CreateAsyncScope();
        var people = await DemoCompany.CreateOrganisationAsync(scope.ServiceProvider.GetRequiredService<PipewrightDb>(),
            scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), password, now);
        return people.Where(x => x.Person.Role == Roles.SalesRep).Select(x => x.User).ToList();
    }

    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Bench data must be reproducible from a seed.")]
    private static List<Customer> BuildCustomers(int count, int seed, List<AppUser> reps, DateTimeOffset now, Func<int, string> code)
    {
        var random = new Random(seed);
        var customers = new List<Customer>(count);
        var i = 0;
        foreach (var d in DemoCatalogue.Customers(count, seed))
        {
            // Created over the last three years, in code order, like a real book of customers.
            var created = now.AddMinutes(-(count - i) * 75.0 - random.Next(0, 60));
            var customer = new Customer
            {
                Code = code(i),
                Name = d.Name,
                NameKey = CompanyNameKey.Compute(d.Name),
                CreditCode = d.CreditCode,
                Aliases = [.. d.Aliases],
                Industry = d.Industry,
                Region = d.Region,
                Address = d.Address,
                Location = GeoPoint.From(d.Lat, d.Lng, CoordinateSystem.Wgs84),
                Level = Enum.Parse<CustomerLevel>(d.Level),
                IsKey = d.IsKey,
                Source = d.Source,
                // As in the demo company: every 20th customer waits in the public pool, the rest go round the reps.
                OwnerId = i % 20 == 19 ? null : reps[i % reps.Count].Id,
                CreatedAt = created,
                UpdatedAt = created.AddDays(random.Next(0, 30)),
            };
            customer.Contacts = d.Contacts.Select(c => new Contact
            {
                CustomerId = customer.Id,
                Name = c.Name,
                Title = c.Title,
                Mobile = PhoneNumber.ToE164(c.Mobile),
                Phone = PhoneNumber.ToE164(c.Phone),
                Email = c.Email,
                WeChat = c.WeChat,
                CreatedAt = created,
            }).ToList();
            customers.Add(customer);
            i++;
        }
        return customers;
    }

    /// <summary>The app's own list handler must find what was written: a code, a contact's mobile, a name fragment.</summary>
    private static async Task CheckAsync(IServiceProvider services, Customer sample)
    {
        var loader = services.GetRequiredService<CurrentUserLoader>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PipewrightDb>();
        var adminId = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
        var admin = await loader.FindAsync(adminId) ?? throw new InvalidOperationException("admin not found");
        var handler = scope.ServiceProvider.GetRequiredService<ListCustomersHandler>();

        var mobile = sample.Contacts.Select(c => c.Mobile).OfType<string>().First();
        var checks = new[]
        {
            sample.Code,
            PhoneNumber.Digits(mobile)[^7..],
            sample.Name.Substring(2, 4),
            sample.Contacts[0].Name,
        };
        foreach (var term in checks)
        {
            var page = await handler.HandleAsync(new ListCustomersRequest { Search = term, PageSize = 200 }, admin, default);
            if (page.Total == 0 || (term == sample.Code && page.Total != 1))
                throw new InvalidOperationException($"Search for '{term}' found {page.Total} customers: the data is not what the app reads.");
        }
        var all = await handler.HandleAsync(new ListCustomersRequest(), admin, default);
        if (all.Items.Count == 0) throw new InvalidOperationException("The customer list is empty.");
    }
}
