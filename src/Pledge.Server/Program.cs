using NodaTime;
using Pledge.Server;
using Pledge.Server.Api;
using Pledge.Server.Operations;
using Pledge.Server.Monitoring;
using Pledge.Server.Notifications;
using Pledge.Server.Security;
using Scalar.AspNetCore;

// The composition root: the only place that picks the real clocks, the database and the address.
var builder = WebApplication.CreateBuilder(ServerOptions.HostArguments(args));
builder.Configuration.AddEnvironmentVariables(ServerOptions.EnvironmentPrefix).AddCommandLine(ServerOptions.NormalizeArguments(args));
builder.WebHost.UseUrls(builder.Configuration[ServerOptions.UrlsKey] ?? ServerOptions.DefaultUrl);

builder.Services.AddSingleton(TimeProvider.System);
#pragma warning disable RS0030 // The wall clock is injected from here and nowhere else.
builder.Services.AddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
builder.Services.AddSingleton<PledgeDatabase>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<PledgeDatabase>());
builder.Services.AddPledgeSecurity(); // after the database: its start-up creates the first admin (docs/security.md)
builder.Services.AddSingleton<Pledge.Server.Actions.ActionMetrics>();
builder.Services.AddSingleton<Pledge.Server.Actions.CorrectiveActionOpener>();
// The live monitor: timer queue, alerts (docs/monitor.md).
builder.Services.AddSingleton<EventFollower>(); // events appended by every instance on the database (docs/server.md)
builder.Services.AddSingleton<LiveMonitor>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveMonitor>());
// What a new alert sets off: its notifications and a breach's corrective action in the same transaction, then the dispatcher.
builder.Services.AddSingleton<IAlertAlongside, NotificationsWithAlerts>();
builder.Services.AddSingleton<IAlertAlongside, CorrectiveActionsWithAlerts>();
builder.Services.AddSingleton<IAlertFollowUp, AlertFollowUps>();
builder.Services.AddProblemDetails();
// Bodies and query values the framework cannot bind become problems naming the field (BadRequestProblems).
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<BadRequestProblems>();
builder.Services.AddOpenApi();
builder.AddOperations();
builder.Services.AddNotifications();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseOperations();

// Access control: every endpoint needs a credential and the scope it declares, except those marked AllowAnonymous
// (the API's description is public: it holds no data). docs/security.md.
app.UsePledgeSecurity();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/reference", options => options.WithTitle("Pledge API").DisableDefaultFonts()).AllowAnonymous();
app.MapPledgeSecurityApi();
app.MapHealthApi();
app.MapEventsApi();
app.MapRepositoryApi();
app.MapDefinitionsApi();
app.MapReportApi();
app.MapActionsApi();
app.MapReadsApi();
app.MapAlertsApi();
app.MapMonitorApi();
app.MapChannelsApi();
app.MapNotificationsApi();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));

await app.RunAsync();

/// <summary>The server's entry point (public so that tests can host it with <c>WebApplicationFactory</c>).</summary>
public partial class Program;
