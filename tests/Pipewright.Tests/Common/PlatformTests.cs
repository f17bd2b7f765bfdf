using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Common.Geo;
using Pipewright.Common.Localization;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Common;

public sealed class PlatformTests(PipewrightApp app) : IClassFixture<PipewrightApp>
{
    [Fact]
    public async Task Health_answers_200_when_the_database_does()
    {
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await PipewrightApp.ReadAsync(response))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_v1_endpoints()
    {
        var document = await app.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject();
        foreach (var path in new[] { "/api/v1/auth/token", "/api/v1/customers", "/api/v1/customers/{id}", "/api/v1/customers/{id}/contacts", "/api/v1/teams", "/api/v1/users", "/api/v1/users/{id}/deactivate", "/api/v1/audit" })
            Assert.True(paths.ContainsKey(path), $"{path} missing from /openapi/v1.json");
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        var response = await app.Anonymous().GetAsync("/api-docs/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_api_paths_are_a_localized_404_problem()
    {
        var admin = await app.AdminAsync("en-US");
        var response = await admin.GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found", (await PipewrightApp.ReadAsync(response))["title"]!.GetValue<string>());
    }

    [Fact]
    public void Sqlite_runs_in_wal_mode_under_the_storage_root()
    {
        Assert.True(File.Exists(Path.Combine(app.Root, "pipewright.db")) || TestDatabase.IsPostgres);
        if (TestDatabase.IsPostgres) return;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(DatabaseSetup.SqliteConnectionString(app.Root));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }
}

public sealed class ModelTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteMigrations(new DbContextOptionsBuilder<PipewrightDb>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "run scripts/add-migration.sh");
    }

    /// <summary>EF Core cannot say WITHOUT ROWID; a migration that rebuilds the table would silently lose it.</summary>
    [Fact]
    public void The_sqlite_search_table_keeps_its_rows_in_the_primary_key_alone()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var db = new SqliteMigrations(new DbContextOptionsBuilder<PipewrightDb>().UseSqlite(connection).Options);
        db.Database.Migrate();
        string Schema(string type, string name) => db.Database
            .SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE type = {0} AND name = {1}", type, name).Single();
        Assert.EndsWith("WITHOUT ROWID", Schema("table", "SearchTerms"));
        Assert.Contains("PRIMARY KEY (\"EntityId\", \"Kind\", \"Term\")", Schema("table", "SearchTerms"));
        Assert.Contains("(\"Kind\", \"Term\", \"SharedPrefix\", \"EntityId\")", Schema("index", "IX_SearchTerms_Kind_Term_SharedPrefix_EntityId"));
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresMigrations(new DbContextOptionsBuilder<PipewrightDb>().UseNpgsql("Host=localhost;Database=none").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "run scripts/add-migration.sh");
    }

    [Fact]
    public void Both_languages_have_the_same_strings()
    {
        var chinese = Strings.Table("zh-CN").Keys.ToHashSet();
        var english = Strings.Table("en-US").Keys.ToHashSet();
        Assert.Empty(chinese.Except(english));
        Assert.Empty(english.Except(chinese));
    }

    [Fact]
    public void Every_string_key_used_in_code_exists()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Pipewright"));
        var keys = Strings.Table("zh-CN").Keys.ToHashSet();
        // L["key"] anywhere, and message keys passed as string literals in C# (Failure.Invalid(field, "key") …).
        var prefixes = "(?:validation|problem|customer|customers|contact|contacts|team|teams|user|users|signIn|ui|nav|home|field|identity|role|audit|lead|leads|leadForm|leadForms|activity|activities|attachment|attachments|pool|import|export|opportunity|opportunities|handover|notification|notifications|pipeline|stage|stages|requirement|requirements|kanban|product|products|catalog|erp|stock|quote|quotes|approval|approvals|task|tasks|techRequest|channel|channels|outbox|mobile|preferences|voice|dictation|speech|competitor|competitors|report|reports|dashboard|metric|metrics|effectiveness|conflict|conflicts|delegation|delegations)";
        var inRazor = new System.Text.RegularExpressions.Regex("L\\[\"(" + prefixes + "\\.[A-Za-z.]+)\"");
        var inCode = new System.Text.RegularExpressions.Regex("\"(" + prefixes + "\\.[A-Za-z]+(?:\\.[A-Za-z]+)*)\"");
        var missing = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".razor")) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => (f.EndsWith(".cs") ? inCode : inRazor).Matches(File.ReadAllText(f))
                .Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(x => !keys.Contains(x.Key))
            .ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing.Select(m => $"{m.File}: {m.Key}")));
    }
}

public sealed class CoordinateTests
{
    [Theory]
    [InlineData(31.1774276, 121.5272106, 31.17530398364597, 121.531541859215)]
    [InlineData(39.915, 116.404, 39.91640428150164, 116.41024449916938)]
    public void Converts_wgs84_to_gcj02_and_back_as_domain_facts_say(double lat, double lng, double gcjLat, double gcjLng)
    {
        var (gLat, gLng) = Coordinates.Wgs84ToGcj02(lat, lng);
        Assert.Equal(gcjLat, gLat, 9);
        Assert.Equal(gcjLng, gLng, 9);
        var (wLat, wLng) = Coordinates.Gcj02ToWgs84(gcjLat, gcjLng);
        Assert.Equal(lat, wLat, 7);
        Assert.Equal(lng, wLng, 7);
    }

    [Fact]
    public void Leaves_points_outside_china_unchanged()
    {
        Assert.Equal((48.8584, 2.2945), Coordinates.Wgs84ToGcj02(48.8584, 2.2945));
    }

    [Fact]
    public void Measures_distance_with_haversine()
    {
        // One degree of latitude is about 111.2 km on a sphere of radius 6,371,008.8 m.
        Assert.Equal(111_195, Coordinates.DistanceMeters(30, 120, 31, 120), 0);
    }
}
