using Microsoft.EntityFrameworkCore;
using Pipewright.Activities;
using Pipewright.Approvals;
using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;
using Pipewright.Components;
using Pipewright.Customers;
using Pipewright.Customers.ImportCustomers;
using Pipewright.Demo;
using Pipewright.Dictation;
using Pipewright.Dictation.Speech;
using Pipewright.Erp;
using Pipewright.Evidence;
using Pipewright.Leads;
using Pipewright.Notifications;
using Pipewright.Organisation;
using Pipewright.Organisation.SignIn;
using Pipewright.Pipeline;
using Pipewright.PublicPool;
using Pipewright.Quotes;
using Pipewright.Reports;
using Pipewright.Reports.Effectiveness;
using Pipewright.Reports.Exports;
using Pipewright.Tasks;

// --demo is a switch, not a configuration key: take it out before configuration reads the arguments.
var loadDemo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());

builder.Services
    .AddPipewrightCommon(builder.Configuration)
    .AddOrganisation()
    .AddCustomers()
    .AddCatalog()
    .AddPipeline()
    .AddEvidence()
    .AddErp()
    .AddActivities()
    .AddLeads()
    .AddNotifications()
    .AddPublicPool()
    .AddTasks()
    .AddApprovals()
    .AddQuotes()
    .AddReports()
    .AddDictation()
    .AddSpeech()
    .AddEffectivenessDashboard()
    .AddAuditTrail()
    .AddDemoCompany()
    .AddPipewrightUi();

var app = builder.Build();

app.UsePipewrightCommon();
app.MapGet("/health", HealthCheck.HandleAsync).AllowAnonymous().ExcludeFromDescription();
app.MapPipewrightApi()
    .MapOrganisation()
    .MapCustomers()
    .MapCatalog()
    .MapErp()
    .MapPipeline()
    .MapActivities()
    .MapLeads()
    .MapNotifications()
    .MapPublicPool()
    .MapTasks()
    .MapApprovals()
    .MapQuotes()
    .MapReports()
    .MapDictation()
    .MapAuditTrail();
app.MapCookieSignIn();
app.MapActivityFiles();
app.MapTaskPhoneApi();
app.MapLeadPages();
app.MapCustomerFiles();
app.MapCatalogFiles();
app.MapErpFiles();
app.MapQuoteFiles();
app.MapReportFiles();
app.MapSpeech();
app.MapEffectivenessFiles();
app.MapPipewrightUi<App>();

await DatabaseSetup.MigrateAsync(app.Services);
await ReportTotals.RebuildAsync(app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>(), force: false, default);
await OrganisationModule.BootstrapAsync(app.Services, app.Configuration, app.Logger);
if (loadDemo) await app.Services.GetRequiredService<DemoCompany>().LoadAsync(app.Logger);
app.LogWhereToFind();
await app.RunAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
