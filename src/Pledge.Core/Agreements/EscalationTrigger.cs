using System.Globalization;

namespace Pledge.Agreements;

/// <summary>
/// The <c>when:</c> of an escalation rule: <c>breach</c>, <c>warning</c> (every warning), <c>warning 75%</c> (the
/// warning at that share only), <c>budget</c> or <c>budget 50%</c>.
/// </summary>
/// <param name="Event">The kind of alert.</param>
/// <param name="Share">The alert's threshold share (0 &lt; share &lt; 1 for warnings, ≤ 1 for budgets); null: any.</param>
public sealed record EscalationTrigger(EscalationEvent Event, double? Share)
{
    // Shares are written with at most a few decimals ("75%", "0.9"): equal within this they are the same level.
    private const double Tolerance = 1e-9;

    /// <summary>Whether an alert of <paramref name="alertEvent"/> at <paramref name="share"/> sets this rule off.</summary>
    public bool Matches(EscalationEvent alertEvent, double? share) =>
        alertEvent == Event && (Share is not { } wanted || (share is { } actual && Math.Abs(actual - wanted) < Tolerance));

    /// <summary>Reads <c>breach</c>, <c>warning</c>, <c>warning 75%</c>, <c>budget</c>, <c>budget 0.5</c>; false when the text is none of them.</summary>
    public static bool TryParse(string text, out EscalationTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(text);
        trigger = null!;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > 2)
        {
            return false;
        }

        EscalationEvent? alertEvent = parts[0].ToLowerInvariant() switch
        {
            "warning" => EscalationEvent.Warning,
            "breach" => EscalationEvent.Breach,
            "budget" => EscalationEvent.Budget,
            _ => null,
        };
        if (alertEvent is not { } e)
        {
            return false;
        }

        if (parts.Length == 1)
        {
            trigger = new EscalationTrigger(e, null);
            return true;
        }

        // A breach has no level: it is the whole allowed time.
        if (e == EscalationEvent.Breach || !TryParseShare(parts[1], out var share) || (e == EscalationEvent.Warning && share >= 1))
        {
            return false;
        }

        trigger = new EscalationTrigger(e, share);
        return true;
    }

    /// <summary>The text it was read from, normalised: <c>warning 75%</c>.</summary>
    public override string ToString()
    {
        var name = Event switch
        {
            EscalationEvent.Warning => "warning",
            EscalationEvent.Breach => "breach",
            _ => "budget",
        };
        return Share is { } share ? string.Create(CultureInfo.InvariantCulture, $"{name} {share * 100:0.###}%") : name;
    }

    private static bool TryParseShare(string text, out double share)
    {
        var percent = text.EndsWith('%');
        var ok = double.TryParse(percent ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out share);
        if (percent)
        {
            share /= 100;
        }

        return ok && share is > 0 and <= 1;
    }
}
