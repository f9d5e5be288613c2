using NodaTime;

namespace Pledge.Availability;

/// <summary>
/// A stretch [<see cref="Start"/>, <see cref="End"/>) of a period during which the service counted as down
/// with one weight: overlapping outages merged (the heaviest wins), exclusions applied, clipped to the period.
/// For timelines and burn rates.
/// </summary>
/// <remarks>
/// The bounds are real time and may reach outside the service hours; the downtime a segment holds is its
/// business time (<c>BusinessCalendar.Elapsed(Start, End)</c>) times <see cref="Weight"/>. Segments are in
/// time order, never overlap, and two that touch have different weights. Under <see cref="UnknownPolicy.Down"/>
/// unknown time appears as segments of weight 1, so the segments add up to the result's downtime.
/// </remarks>
/// <param name="Start">Start (inclusive).</param>
/// <param name="End">End (exclusive).</param>
/// <param name="Weight">The share of its service time that counts as downtime (0 &lt; weight ≤ 1).</param>
public sealed record DowntimeSegment(Instant Start, Instant End, double Weight);
