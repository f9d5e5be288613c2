using Pledge.Measures;

namespace Pledge.Reports.Formats;

/// <summary>One bar of a <see cref="SvgCharts.BarChart"/>, coloured by its verdict.</summary>
/// <param name="Category">The label under the bar (a period).</param>
/// <param name="Value">The bar's value; null without one (drawn as a hatched "n/a" placeholder).</param>
/// <param name="Verdict">Met, missed or not enough data.</param>
/// <param name="Tooltip">The bar's tooltip text.</param>
internal sealed record SvgBar(string Category, double? Value, Verdict Verdict, string Tooltip);
