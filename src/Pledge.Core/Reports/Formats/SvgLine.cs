using System.Collections.Immutable;

namespace Pledge.Reports.Formats;

/// <summary>One line of a <see cref="SvgCharts.LineChart"/>: a value per category (null: none, the line breaks) and its objective.</summary>
/// <param name="Name">The legend's text.</param>
/// <param name="Values">One value per category of the chart, in the chart's order.</param>
/// <param name="Objective">Drawn as a dashed line in the line's colour; null: none.</param>
internal sealed record SvgLine(string Name, ImmutableArray<double?> Values, double? Objective)
{
    /// <summary>Extra text per point for its tooltip ("8 of 10 met"); empty or shorter than the values: none.</summary>
    public ImmutableArray<string?> Notes { get; init; } = [];
}
