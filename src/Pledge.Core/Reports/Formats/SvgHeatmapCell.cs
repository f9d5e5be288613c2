namespace Pledge.Reports.Formats;

/// <summary>A filled cell of a <see cref="SvgCharts.Heatmap"/>; cells not given are not drawn.</summary>
/// <param name="Row">The row's index.</param>
/// <param name="Column">The column's index.</param>
/// <param name="Category">The index of its category.</param>
/// <param name="Tooltip">Its tooltip text.</param>
internal sealed record SvgHeatmapCell(int Row, int Column, int Category, string Tooltip);
