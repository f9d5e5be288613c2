using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Clocks;

/// <summary>A clock evaluated on one ticket at one instant: its measurements and the timeline that explains them.</summary>
public sealed record ClockOutcome(
    ClockDefinition Definition,
    string TicketId,
    Instant AsOf,
    ClockState State,
    ImmutableArray<Measurement> Measurements,
    ImmutableArray<ClockStep> Timeline)
{
    /// <summary>The open measurement, if any.</summary>
    public Measurement? Open
    {
        get
        {
            var measurements = Measurements;
            for (var i = measurements.Length - 1; i >= 0; i--)
            {
                if (measurements[i].IsOpen)
                {
                    return measurements[i];
                }
            }

            return null;
        }
    }

    /// <summary>Whether any measurement passed its threshold.</summary>
    public bool IsBreached
    {
        get
        {
            foreach (var measurement in Measurements)
            {
                if (measurement.IsBreached)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The deadline of the open, running measurement.</summary>
    public Instant? Deadline => Open?.Deadline;

    /// <summary>The largest business time any measurement used (for update clocks: the longest gap).</summary>
    public Duration LongestConsumed
    {
        get
        {
            if (Measurements.IsEmpty)
            {
                return Duration.Zero;
            }

            var longest = Measurements[0].Consumed;
            foreach (var measurement in Measurements)
            {
                if (measurement.Consumed > longest)
                {
                    longest = measurement.Consumed;
                }
            }

            return longest;
        }
    }
}
