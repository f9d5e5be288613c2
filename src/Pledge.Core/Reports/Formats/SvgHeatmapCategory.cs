namespace Pledge.Reports.Formats;

/// <summary>What a <see cref="SvgCharts.Heatmap"/> cell can be: a legend name, a CSS class, a fill, and a glyph so it reads without colour.</summary>
internal sealed record SvgHeatmapCategory(string Name, string Css, string Fill, string Glyph);
