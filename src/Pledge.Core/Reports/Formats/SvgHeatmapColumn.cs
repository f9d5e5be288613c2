namespace Pledge.Reports.Formats;

/// <summary>A column of a <see cref="SvgCharts.Heatmap"/> (a day): a label, a small label above it, and whether to grey the labels (weekends).</summary>
internal sealed record SvgHeatmapColumn(string Label, string Sublabel, bool Muted);
