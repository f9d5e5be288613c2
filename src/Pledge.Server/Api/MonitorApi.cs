using Pledge.Server.Security;
using Pledge.Server.Monitoring;

namespace Pledge.Server.Api;

/// <summary><c>GET /api/v1/monitor</c>: the live monitor's state.</summary>
internal static class MonitorApi
{
    public static IEndpointRouteBuilder MapMonitorApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/monitor")
            .WithTags("Monitor")
            .MapGet("/", Get)
            .RequireScope(Scopes.ReportsRead)
            .WithName("GetMonitor")
            .WithSummary("The live monitor: its state, open clocks, the timer queue's size and next due instant, and the lag of its last firing.")
            .Produces<MonitorBody>();
        return app;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<MonitorBody> Get(LiveMonitor monitor)
    {
        var s = monitor.Status;
        return TypedResults.Ok(new MonitorBody(
            s.State,
            s.OpenClocks,
            s.Queued,
            s.NextDue?.ToDateTimeOffset(),
            s.LastFired is { } fired ? new FiringBody(s.LastDue!.Value.ToDateTimeOffset(), fired.ToDateTimeOffset(), s.LastLag!.Value.TotalSeconds) : null,
            s.Raised,
            s.RebuiltAt?.ToDateTimeOffset()));
    }
}

/// <summary>The live monitor's state.</summary>
/// <param name="State"><c>starting</c>, <c>running</c>, <c>no-repository</c> or <c>failing</c> (it retries).</param>
/// <param name="OpenClocks">Ticket clocks with an open measurement.</param>
/// <param name="QueueSize">Clocks with an alert still to come: the timer queue's entries.</param>
/// <param name="NextDue">When the next alert falls due (the timer is armed for it); null when none is to come.</param>
/// <param name="LastFiring">The last firing that raised alerts; null before the first.</param>
/// <param name="AlertsRaised">Alerts raised since the server started.</param>
/// <param name="RebuiltAt">When the queue was last rebuilt from the database.</param>
internal sealed record MonitorBody(string State, int OpenClocks, int QueueSize, DateTimeOffset? NextDue, FiringBody? LastFiring, long AlertsRaised, DateTimeOffset? RebuiltAt);

/// <summary>One firing of the monitor.</summary>
/// <param name="Due">The due instant of its latest alert.</param>
/// <param name="Fired">When it raised them.</param>
/// <param name="LagSeconds">Seconds from due to fired.</param>
internal sealed record FiringBody(DateTimeOffset Due, DateTimeOffset Fired, double LagSeconds);
