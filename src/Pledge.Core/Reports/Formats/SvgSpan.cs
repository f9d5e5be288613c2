using NodaTime;

namespace Pledge.Reports.Formats;

/// <summary>A stretch [<see cref="Start"/>, <see cref="End"/>) of a <see cref="SvgCharts.Timeline"/>.</summary>
/// <param name="Start">Start (inclusive); clipped to the timeline.</param>
/// <param name="End">End (exclusive); clipped to the timeline.</param>
/// <param name="Kind">What it shows.</param>
/// <param name="Tooltip">Its tooltip text.</param>
internal sealed record SvgSpan(Instant Start, Instant End, SvgSpanKind Kind, string Tooltip)
{
    /// <summary>For downtime: the share that counts (1 full, less partial); it sets the opacity.</summary>
    public double Weight { get; init; } = 1;
}
