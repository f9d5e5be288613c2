using System.Diagnostics.Metrics;
using NodaTime;

namespace Pledge.Server.Monitoring;

/// <summary>
/// The monitor's instruments on the <c>Pledge.Server</c> meter: <c>pledge.clocks.open</c> (gauge),
/// <c>pledge.monitor.lag</c> (histogram, seconds from due to raised) and <c>pledge.alerts.raised</c> (counter,
/// tagged with the alert's kind).
/// </summary>
internal sealed class MonitorMetrics
{
    /// <summary>The meter every server instrument is on.</summary>
    public const string MeterName = "Pledge.Server";

    private readonly Counter<long> _raised;
    private readonly Histogram<double> _lag;

    public MonitorMetrics(IMeterFactory meterFactory, Func<int> openClocks)
    {
        var meter = meterFactory.Create(MeterName);
        _raised = meter.CreateCounter<long>("pledge.alerts.raised", "{alert}", "Alerts the live monitor raised (recorded for the first time), by kind.");
        _lag = meter.CreateHistogram<double>("pledge.monitor.lag", "s", "How long after its due instant the live monitor raised an alert.");
        meter.CreateObservableGauge("pledge.clocks.open", openClocks, "{clock}", "Ticket clocks with an open measurement, as the live monitor sees them.");
    }

    /// <summary>Counts one alert raised and its lag.</summary>
    public void Raised(string kind, Duration lag)
    {
        _raised.Add(1, new KeyValuePair<string, object?>("kind", kind));
        _lag.Record(Math.Max(0, lag.TotalSeconds));
    }
}
