using System.Diagnostics.Metrics;

namespace Pledge.Server.Operations;

/// <summary>
/// The counters the server itself keeps (others, such as the monitor's, live beside the code they count). Every
/// instrument of Pledge belongs to the meter <see cref="MeterName"/>, made by the host's <see cref="IMeterFactory"/>
/// so that two hosts in one process (tests) never count into each other's numbers.
/// </summary>
internal sealed class ServerMetrics
{
    /// <summary>The name of Pledge's meter; <c>/metrics</c> exports every instrument of it.</summary>
    public const string MeterName = "Pledge.Server";

    private readonly Counter<long> _eventsIngested;

    public ServerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _eventsIngested = meter.CreateCounter<long>(
            "pledge.events.ingested",
            unit: "{event}",
            description: "Events received through the API, by outcome: inserted, or duplicate (an id already stored).");
    }

    /// <summary>Counts one successful append of the events API.</summary>
    public void EventsAppended(int inserted, int duplicates)
    {
        if (inserted > 0)
        {
            _eventsIngested.Add(inserted, new KeyValuePair<string, object?>("outcome", "inserted"));
        }

        if (duplicates > 0)
        {
            _eventsIngested.Add(duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        }
    }
}
