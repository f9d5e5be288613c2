namespace Pledge.Reports.Formats;

/// <summary>What a stretch of a <see cref="SvgCharts.Timeline"/> shows.</summary>
internal enum SvgSpanKind
{
    /// <summary>Downtime, drawn in red, full or partial by its weight.</summary>
    Down,

    /// <summary>No monitoring data: hatched grey.</summary>
    Unknown,

    /// <summary>Planned maintenance the agreement excludes: blue.</summary>
    Excluded,

    /// <summary>Not measured yet (after the report's instant): pale.</summary>
    Future,

    /// <summary>Agreed service hours: a thin strip under the bar.</summary>
    ServiceHours,
}
