using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Pledge.Server.Monitoring;
using Pledge.Testing;

namespace Pledge.Server.Tests;

/// <summary>A test of the live monitor on a fake clock: the sample repository stored, events posted and time moved on,
/// each step waited for until the monitor has handled it.</summary>
public abstract class MonitorTest<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    /// <summary>A server on <paramref name="time"/> with the sample repository stored and the monitor caught up.</summary>
    protected async Task<PledgeTestServer> StartWithSampleAsync(FakeTimeProvider time, ILoggerProvider? logs = null)
    {
        var server = Start(time: time, logs: logs);
        await PutSampleRepositoryAsync(server.Client);
        await server.Service<LiveMonitor>().FlushAsync();
        return server;
    }

    /// <summary>Posts one event (it must be stored) and waits for the monitor to plan it.</summary>
    protected static async Task PostAsync(PledgeTestServer server, string line)
    {
        await PostEventsAsync(server.Client, [line]);
        await server.Service<LiveMonitor>().FlushAsync();
    }

    protected static Task AdvanceToAsync(PledgeTestServer server, FakeTimeProvider time, string instant) =>
        AdvanceToAsync(server, time, Instant.FromDateTimeOffset(At(instant)));

    /// <summary>Moves the clock to <paramref name="instant"/> and waits for the monitor to raise what fell due.</summary>
    protected static async Task AdvanceToAsync(PledgeTestServer server, FakeTimeProvider time, Instant instant)
    {
        time.SetUtcNow(instant.ToDateTimeOffset());
        await server.Service<LiveMonitor>().FlushAsync();
    }

    protected static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
