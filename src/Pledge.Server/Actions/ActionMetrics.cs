using System.Diagnostics.Metrics;

namespace Pledge.Server.Actions;

/// <summary>
/// Counts corrective actions opened (<c>pledge.actions.opened</c>, tagged <c>opened_by</c> = <c>hand</c> or
/// <c>policy</c>) on the <c>Pledge.Server</c> meter, so an operator sees whether the policies fire.
/// </summary>
internal sealed class ActionMetrics
{
    private readonly Counter<long> _opened;

    public ActionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create("Pledge.Server");
        _opened = meter.CreateCounter<long>("pledge.actions.opened", unit: "{action}", description: "Corrective actions opened, by hand or by an agreement's policy.");
    }

    /// <summary>Counts one action opened.</summary>
    public void Opened(bool byPolicy) => _opened.Add(1, new KeyValuePair<string, object?>("opened_by", byPolicy ? "policy" : "hand"));
}
