using NodaTime;

namespace Pledge.Reports.Formats;

/// <summary>A tick under a <see cref="SvgCharts.Timeline"/> (a local midnight), labelled or not.</summary>
internal sealed record SvgTick(Instant At, string? Label);
