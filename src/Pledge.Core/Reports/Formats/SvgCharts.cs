using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using Pledge.Measures;

namespace Pledge.Reports.Formats;

/// <summary>
/// Inline SVG charts for the HTML report: pure functions from numbers to markup. No external resource, no
/// script, numbers in the invariant culture, every text HTML-encoded here (callers pass plain text).
/// </summary>
/// <remarks>
/// Every chart is one <c>&lt;svg role="img"&gt;</c> with a viewBox, an aria-label and a <c>&lt;title&gt;</c>,
/// a <c>&lt;title&gt;</c> tooltip on each mark, text labels and a legend. Marks carry a shape or glyph as well as a
/// colour, so charts read in black and white print and without colour vision. The SVG has no xmlns: the HTML
/// parser puts inline <c>&lt;svg&gt;</c> in the SVG namespace, and the page has no URL at all. Ids inside a
/// chart (patterns) are prefixed with the chart's id, so several charts live on one page.
/// </remarks>
internal static class SvgCharts
{
    /// <summary>The width of line, bar and timeline charts in SVG units (CSS pixels at natural size).</summary>
    public const int Width = 720;

    /// <summary>Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.</summary>
    private static readonly string[] Palette = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#8c6d31"];

    private const string Met = "#1e7a3c";
    private const string Missed = "#b3261e";
    private const string Grey = "#8a949e";
    private const string Grid = "#d8dde3";
    private const string Ink = "#1d232b";

    /// <summary>
    /// A line per series over <paramref name="categories"/> (periods), each point marked and titled, each
    /// objective dashed in its line's colour.
    /// </summary>
    /// <param name="id">The chart's id, unique in the page.</param>
    /// <param name="label">What the chart shows, for screen readers and its tooltip.</param>
    /// <param name="categories">The x axis, left to right.</param>
    /// <param name="lines">The series; each has one value per category.</param>
    /// <param name="axis">The y axis; values outside it are drawn at its edge.</param>
    /// <param name="format">Writes a value ("99.5%").</param>
    public static string LineChart(string id, string label, IReadOnlyList<string> categories, IReadOnlyList<SvgLine> lines, SvgAxis axis, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentNullException.ThrowIfNull(format);
        const double left = 64, right = 16, top = 12, plotHeight = 180;
        var plotWidth = Width - left - right;
        var bottom = top + plotHeight;
        var hasObjective = lines.Any(l => l.Objective is not null);
        var legendRows = (lines.Count + (hasObjective ? 1 : 0) + 1) / 2;
        var height = bottom + 30 + (legendRows * 18) + 6;
        var text = Open(id, "line-chart", label, Width, height);
        ValueGrid(text, axis, format, left, Width - right, top, plotHeight);
        double X(int i) => left + (plotWidth * (i + 0.5) / Math.Max(1, categories.Count));
        double Y(double v) => ValueY(v, axis, top, plotHeight);
        for (var i = 0; i < categories.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"<text class=\"category\" x=\"{F(X(i))}\" y=\"{F(bottom + 16)}\" text-anchor=\"middle\">{E(categories[i])}</text>");
        }

        for (var l = 0; l < lines.Count; l++)
        {
            var line = lines[l];
            var colour = Palette[l % Palette.Length];
            text.Append(CultureInfo.InvariantCulture, $"<g class=\"series\" data-series=\"{E(line.Name)}\">");
            if (line.Objective is { } objective)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"<line class=\"objective\" x1=\"{F(left)}\" x2=\"{F(Width - right)}\" y1=\"{F(Y(objective))}\" y2=\"{F(Y(objective))}\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"><title>{E($"{line.Name}: objective {format(objective)}")}</title></line>");
            }

            var path = Path(line.Values, categories.Count, X, Y);
            if (path.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"<path class=\"trend\" d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>");
            }

            for (var i = 0; i < categories.Count && i < line.Values.Length; i++)
            {
                if (line.Values[i] is { } v)
                {
                    var note = i < line.Notes.Length && line.Notes[i] is { Length: > 0 } n ? $" ({n})" : string.Empty;
                    var goal = line.Objective is { } o ? $", objective {format(o)}" : string.Empty;
                    Marker(text, l, X(i), Y(v), colour, $"{line.Name}, {categories[i]}: {format(v)}{note}{goal}");
                }
            }

            text.Append("</g>");
        }

        var column = plotWidth / 2;
        for (var l = 0; l < lines.Count; l++)
        {
            var colour = Palette[l % Palette.Length];
            var x = left + (column * (l % 2));
            var y = bottom + 36 + (18 * (l / 2));
            text.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\"><line x1=\"{F(x)}\" x2=\"{F(x + 22)}\" y1=\"{F(y - 4)}\" y2=\"{F(y - 4)}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            Marker(text, l, x + 11, y - 4, colour, null);
            text.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 28)}\" y=\"{F(y)}\">{E(lines[l].Name)}</text></g>");
        }

        if (hasObjective)
        {
            var x = left + (column * (lines.Count % 2));
            var y = bottom + 36 + (18 * (lines.Count / 2));
            text.Append(CultureInfo.InvariantCulture,
                $"<g class=\"legend\"><line x1=\"{F(x)}\" x2=\"{F(x + 22)}\" y1=\"{F(y - 4)}\" y2=\"{F(y - 4)}\" stroke=\"{Ink}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/><text x=\"{F(x + 28)}\" y=\"{F(y)}\">objective (dashed, in the line's colour)</text></g>");
        }

        return Close(text);
    }

    /// <summary>
    /// One small panel per line, each with its own y axis, so targets of different scales (availability near
    /// 99.9%, deliveries near 90%) stay readable side by side: the line, its objective dashed, and a point per
    /// value, a green circle where it reaches the objective and a red square where it does not (higher is better).
    /// </summary>
    /// <param name="id">The chart's id, unique in the page.</param>
    /// <param name="label">What the chart shows.</param>
    /// <param name="categories">The x axis of every panel, left to right.</param>
    /// <param name="lines">One panel each, left to right then top to bottom.</param>
    /// <param name="axisOf">The y axis of a line's panel.</param>
    /// <param name="format">Writes a value.</param>
    public static string SmallMultiples(string id, string label, IReadOnlyList<string> categories, IReadOnlyList<SvgLine> lines, Func<SvgLine, SvgAxis> axisOf, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(axisOf);
        ArgumentNullException.ThrowIfNull(format);
        const double gap = 16, panelHeight = 130, plotTop = 36, plotHeight = 62, plotLeft = 46, plotRight = 10;
        var columns = Math.Clamp(lines.Count, 1, 3);
        var rows = (lines.Count + columns - 1) / columns;
        var panelWidth = (Width - (gap * (columns - 1))) / columns;
        var height = (rows * (panelHeight + gap)) + 16;
        var text = Open(id, "small-multiples", label, Width, height);
        for (var l = 0; l < lines.Count; l++)
        {
            var line = lines[l];
            var axis = axisOf(line);
            var (x0, y0) = ((l % columns) * (panelWidth + gap), (l / columns) * (panelHeight + gap));
            var (left, right, top) = (x0 + plotLeft, x0 + panelWidth - plotRight, y0 + plotTop);
            var plotWidth = right - left;
            double X(int i) => left + (plotWidth * (i + 0.5) / Math.Max(1, categories.Count));
            double Y(double v) => ValueY(v, axis, top, plotHeight);
            // About 6.8 units a bold character: the name is cut to the panel, its tooltip has it whole.
            var room = (int)((panelWidth - 12) / 6.8);
            var name = line.Name.Length > room ? line.Name[..(room - 1)] + "…" : line.Name;
            var latest = line.Values.Take(categories.Count).LastOrDefault(v => v is not null);
            var summary = string.Join(" · ", new[]
            {
                latest is { } last ? $"latest {format(last)}" : "no data",
                line.Objective is { } wanted ? $"objective {format(wanted)}" : null,
            }.OfType<string>());
            text.Append(CultureInfo.InvariantCulture,
                $"<g class=\"panel\"><rect class=\"frame\" x=\"{F(x0)}\" y=\"{F(y0)}\" width=\"{F(panelWidth)}\" height=\"{F(panelHeight)}\" fill=\"none\" stroke=\"{Grid}\" rx=\"3\"/>");
            text.Append(CultureInfo.InvariantCulture, $"<text class=\"name\" x=\"{F(x0 + 6)}\" y=\"{F(y0 + 14)}\" font-weight=\"600\"><title>{E(line.Name)}</title>{E(name)}</text>");
            text.Append(CultureInfo.InvariantCulture, $"<text class=\"summary\" x=\"{F(x0 + 6)}\" y=\"{F(y0 + 27)}\" font-size=\"10\" fill=\"#3d4650\">{E(summary)}</text>");
            foreach (var tick in new[] { axis.Min, axis.Max })
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"<line class=\"grid\" x1=\"{F(left)}\" x2=\"{F(right)}\" y1=\"{F(Y(tick))}\" y2=\"{F(Y(tick))}\" stroke=\"{Grid}\"/><text class=\"tick\" x=\"{F(left - 4)}\" y=\"{F(Y(tick) + 3)}\" text-anchor=\"end\" font-size=\"9\">{E(format(tick))}</text>");
            }

            if (categories.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"<text class=\"category\" x=\"{F(X(0))}\" y=\"{F(top + plotHeight + 14)}\" text-anchor=\"middle\" font-size=\"9\">{E(categories[0])}</text>");
            }

            if (categories.Count > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $"<text class=\"category\" x=\"{F(X(categories.Count - 1))}\" y=\"{F(top + plotHeight + 14)}\" text-anchor=\"middle\" font-size=\"9\">{E(categories[^1])}</text>");
            }

            text.Append(CultureInfo.InvariantCulture, $"<g class=\"series\" data-series=\"{E(line.Name)}\">");
            if (line.Objective is { } objective)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"<line class=\"objective\" x1=\"{F(left)}\" x2=\"{F(right)}\" y1=\"{F(Y(objective))}\" y2=\"{F(Y(objective))}\" stroke=\"{Ink}\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"><title>{E($"{line.Name}: objective {format(objective)}")}</title></line>");
            }

            var path = Path(line.Values, categories.Count, X, Y);
            if (path.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"<path class=\"trend\" d=\"{path}\" fill=\"none\" stroke=\"{Palette[0]}\" stroke-width=\"1.8\" stroke-linejoin=\"round\"/>");
            }

            for (var i = 0; i < categories.Count && i < line.Values.Length; i++)
            {
                if (line.Values[i] is not { } v)
                {
                    continue;
                }

                var note = i < line.Notes.Length && line.Notes[i] is { Length: > 0 } n ? $" ({n})" : string.Empty;
                var goal = line.Objective is { } o ? $", objective {format(o)}" : string.Empty;
                var tooltip = E($"{line.Name}, {categories[i]}: {format(v)}{note}{goal}");
                var (x, y) = (X(i), Y(v));
                text.Append(line.Objective is { } target && v < target
                    ? string.Create(CultureInfo.InvariantCulture, $"<rect class=\"point missed\" x=\"{F(x - 3.5)}\" y=\"{F(y - 3.5)}\" width=\"7\" height=\"7\" fill=\"{Missed}\"><title>{tooltip}</title></rect>")
                    : string.Create(CultureInfo.InvariantCulture, $"<circle class=\"point met\" cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"3.5\" fill=\"{Met}\"><title>{tooltip}</title></circle>"));
            }

            text.Append("</g></g>");
        }

        var legendY = height - 6;
        text.Append(CultureInfo.InvariantCulture,
            $"<g class=\"legend\"><circle cx=\"6\" cy=\"{F(legendY - 4)}\" r=\"3.5\" fill=\"{Met}\"/><text x=\"14\" y=\"{F(legendY)}\">objective reached</text>"
            + $"<rect x=\"132\" y=\"{F(legendY - 7.5)}\" width=\"7\" height=\"7\" fill=\"{Missed}\"/><text x=\"144\" y=\"{F(legendY)}\">objective missed</text>"
            + $"<line x1=\"258\" x2=\"280\" y1=\"{F(legendY - 4)}\" y2=\"{F(legendY - 4)}\" stroke=\"{Ink}\" stroke-dasharray=\"5 3\"/><text x=\"286\" y=\"{F(legendY)}\">objective</text></g>");
        return Close(text);
    }

    /// <summary>
    /// A bar per category from the axis' zero (or its nearest end), coloured by verdict, labelled with its value;
    /// a category without a value gets a hatched "n/a" placeholder. The objective is one dashed line.
    /// </summary>
    /// <param name="id">The chart's id, unique in the page.</param>
    /// <param name="label">What the chart shows.</param>
    /// <param name="bars">The bars, left to right.</param>
    /// <param name="axis">The y axis.</param>
    /// <param name="objective">The objective line; null: none.</param>
    /// <param name="format">Writes a value.</param>
    public static string BarChart(string id, string label, IReadOnlyList<SvgBar> bars, SvgAxis axis, double? objective, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentNullException.ThrowIfNull(format);
        const double left = 64, right = 16, top = 12, plotHeight = 160;
        var plotWidth = Width - left - right;
        var bottom = top + plotHeight;
        var height = bottom + 52;
        var text = Open(id, "bar-chart", label, Width, height);
        text.Append(CultureInfo.InvariantCulture, $"<defs>{Hatch(id)}</defs>");
        ValueGrid(text, axis, format, left, Width - right, top, plotHeight);
        var slot = plotWidth / Math.Max(1, bars.Count);
        var barWidth = Math.Min(56, slot * 0.6);
        var zero = ValueY(Math.Clamp(0, axis.Min, axis.Max), axis, top, plotHeight);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var x = left + (slot * i) + ((slot - barWidth) / 2);
            var centre = x + (barWidth / 2);
            if (bar.Value is { } v)
            {
                var y = ValueY(v, axis, top, plotHeight);
                var (css, fill) = bar.Verdict switch
                {
                    Verdict.Met => ("met", Met),
                    Verdict.Missed => ("missed", Missed),
                    _ => ("nodata", Grey),
                };
                text.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar {css}\" x=\"{F(x)}\" y=\"{F(Math.Min(y, zero))}\" width=\"{F(barWidth)}\" height=\"{F(Math.Max(1, Math.Abs(zero - y)))}\" fill=\"{fill}\"><title>{E(bar.Tooltip)}</title></rect>");
                var labelY = v >= 0 || zero <= y ? Math.Min(y, zero) - 4 : Math.Max(y, zero) + 12;
                text.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{F(centre)}\" y=\"{F(labelY)}\" text-anchor=\"middle\">{E(format(v))}</text>");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar nodata\" x=\"{F(x)}\" y=\"{F(top)}\" width=\"{F(barWidth)}\" height=\"{F(plotHeight)}\" fill=\"url(#{E(id)}-hatch)\" stroke=\"{Grey}\" stroke-dasharray=\"3 3\"><title>{E(bar.Tooltip)}</title></rect>");
                text.Append(CultureInfo.InvariantCulture, $"<text class=\"value nodata\" x=\"{F(centre)}\" y=\"{F(top + (plotHeight / 2))}\" text-anchor=\"middle\">n/a</text>");
            }

            text.Append(CultureInfo.InvariantCulture, $"<text class=\"category\" x=\"{F(centre)}\" y=\"{F(bottom + 16)}\" text-anchor=\"middle\">{E(bar.Category)}</text>");
        }

        if (objective is { } o)
        {
            var y = ValueY(o, axis, top, plotHeight);
            text.Append(CultureInfo.InvariantCulture,
                $"<line class=\"objective\" x1=\"{F(left)}\" x2=\"{F(Width - right)}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"{Ink}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"><title>{E($"objective {format(o)}")}</title></line>");
        }

        var legendY = bottom + 40;
        Swatch(text, left, legendY, "met", Met, "met");
        Swatch(text, left + 80, legendY, "missed", Missed, "missed");
        Swatch(text, left + 170, legendY, "nodata", $"url(#{E(id)}-hatch)", "not enough data");
        if (objective is not null)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"<g class=\"legend\"><line x1=\"{F(left + 310)}\" x2=\"{F(left + 334)}\" y1=\"{F(legendY - 4)}\" y2=\"{F(legendY - 4)}\" stroke=\"{Ink}\" stroke-dasharray=\"6 4\"/><text x=\"{F(left + 340)}\" y=\"{F(legendY)}\">objective</text></g>");
        }

        return Close(text);
    }

    /// <summary>
    /// A period as a horizontal bar (up, in pale green) with its stretches drawn over it: downtime in red
    /// (opacity by weight), unknown time hatched grey, excluded maintenance blue, time not yet measured pale;
    /// service hours as a strip under it, ticks under that. Every mark is at least 1.5 units wide so a short
    /// outage on a month stays visible.
    /// </summary>
    /// <param name="id">The chart's id, unique in the page.</param>
    /// <param name="label">What the chart shows.</param>
    /// <param name="axis">The period, left to right.</param>
    /// <param name="spans">The stretches; clipped to <paramref name="axis"/>, empty ones left out.</param>
    /// <param name="ticks">Ticks (days) inside the period.</param>
    public static string Timeline(string id, string label, Interval axis, IReadOnlyList<SvgSpan> spans, IReadOnlyList<SvgTick> ticks)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(ticks);
        const double left = 8, right = 8, barTop = 8, barHeight = 30, hoursTop = 42, hoursHeight = 6, tickTop = 50;
        var plotWidth = Width - left - right;
        var present = spans.Where(s => s.End > axis.Start && s.Start < axis.End).ToList();
        var legend = new List<(string Css, string Fill, string Text)> { ("up", "#dff0e3", "up") };
        if (present.Any(s => s.Kind == SvgSpanKind.Down && s.Weight >= 1))
        {
            legend.Add(("down full", Missed, "down (full)"));
        }

        if (present.Any(s => s.Kind == SvgSpanKind.Down && s.Weight < 1))
        {
            legend.Add(("down partial", "#e0928d", "down (partial)"));
        }

        foreach (var (kind, css, fill, caption) in new[]
        {
            (SvgSpanKind.Unknown, "unknown", $"url(#{E(id)}-hatch)", "no monitoring data"),
            (SvgSpanKind.Excluded, "excluded", "#56b4e9", "excluded maintenance"),
            (SvgSpanKind.Future, "future", "#f3f5f7", "not yet measured"),
            (SvgSpanKind.ServiceHours, "hours", "#5f6b76", "service hours"),
        })
        {
            if (present.Any(s => s.Kind == kind))
            {
                legend.Add((css, fill, caption));
            }
        }

        var keys = Flow(legend.Select(l => KeyWidth(l.Text)).ToList(), left, Width - right);
        var legendTop = tickTop + 34;
        var height = legendTop + (16 * keys.Max(k => k.Row)) + 8;
        var text = Open(id, "timeline", label, Width, height);
        text.Append(CultureInfo.InvariantCulture, $"<defs>{Hatch(id)}</defs>");
        double X(Instant at)
        {
            var total = (axis.End - axis.Start).TotalTicks;
            var share = total <= 0 ? 0 : (at - axis.Start).TotalTicks / total;
            return left + (plotWidth * Math.Clamp(share, 0, 1));
        }

        text.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"period\" x=\"{F(left)}\" y=\"{F(barTop)}\" width=\"{F(plotWidth)}\" height=\"{F(barHeight)}\" fill=\"#dff0e3\" stroke=\"{Grid}\"><title>{E(label)}</title></rect>");
        foreach (var kind in new[] { SvgSpanKind.ServiceHours, SvgSpanKind.Future, SvgSpanKind.Excluded, SvgSpanKind.Unknown, SvgSpanKind.Down })
        {
            foreach (var span in spans)
            {
                if (span.Kind != kind)
                {
                    continue;
                }

                var start = Instant.Max(span.Start, axis.Start);
                var end = Instant.Min(span.End, axis.End);
                if (end <= start)
                {
                    continue;
                }

                var x = X(start);
                var width = Math.Max(1.5, X(end) - x);
                var (css, fill, extra) = span.Kind switch
                {
                    SvgSpanKind.Down => (span.Weight >= 1 ? "mark down full" : "mark down partial", Missed,
                        string.Create(CultureInfo.InvariantCulture, $" fill-opacity=\"{F(0.35 + (0.65 * Math.Clamp(span.Weight, 0, 1)))}\"")),
                    SvgSpanKind.Unknown => ("mark unknown", $"url(#{E(id)}-hatch)", string.Empty),
                    SvgSpanKind.Excluded => ("mark excluded", "#56b4e9", string.Empty),
                    SvgSpanKind.Future => ("mark future", "#f3f5f7", string.Empty),
                    _ => ("hours", "#5f6b76", string.Empty),
                };
                var (y, h) = span.Kind == SvgSpanKind.ServiceHours ? (hoursTop, hoursHeight) : (barTop, barHeight);
                text.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"{css}\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(width)}\" height=\"{F(h)}\" fill=\"{fill}\"{extra}><title>{E(span.Tooltip)}</title></rect>");
            }
        }

        for (var i = 0; i < ticks.Count; i++)
        {
            var tick = ticks[i];
            if (tick.At < axis.Start || tick.At >= axis.End)
            {
                continue;
            }

            var x = X(tick.At);
            if (tick.At > axis.Start)
            {
                var length = tick.Label is null ? 4 : 7;
                text.Append(CultureInfo.InvariantCulture, $"<line class=\"tick\" x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{F(tickTop)}\" y2=\"{F(tickTop + length)}\" stroke=\"{Grey}\"/>");
            }

            if (tick.Label is { } tickLabel)
            {
                // A label names the stretch from its tick to the next one (a day), so it stands in its middle.
                var next = i + 1 < ticks.Count ? Instant.Min(ticks[i + 1].At, axis.End) : axis.End;
                text.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F((x + X(next)) / 2)}\" y=\"{F(tickTop + 18)}\" text-anchor=\"middle\" font-size=\"10\">{E(tickLabel)}</text>");
            }
        }

        for (var i = 0; i < legend.Count; i++)
        {
            Swatch(text, keys[i].X, legendTop + (16 * keys[i].Row), legend[i].Css, legend[i].Fill, legend[i].Text);
        }

        return Close(text);
    }

    /// <summary>
    /// A grid of cells, rows by columns; only the cells given are drawn (one <c>&lt;rect class="cell …"&gt;</c>
    /// each, with its category's glyph), so gaps show what was not scheduled.
    /// </summary>
    /// <param name="id">The chart's id, unique in the page.</param>
    /// <param name="label">What the chart shows.</param>
    /// <param name="rows">Row labels, top to bottom.</param>
    /// <param name="columns">Columns, left to right.</param>
    /// <param name="categories">What a cell can be, in legend order.</param>
    /// <param name="cells">The cells to draw.</param>
    public static string Heatmap(string id, string label, IReadOnlyList<string> rows, IReadOnlyList<SvgHeatmapColumn> columns, IReadOnlyList<SvgHeatmapCategory> categories, IReadOnlyList<SvgHeatmapCell> cells)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(cells);
        const double top = 32, size = 16, pitch = 18;
        var labelWidth = Math.Clamp(rows.Select(r => r.Length).DefaultIfEmpty(0).Max() * 6.5 + 12, 60, 200);
        var captions = categories.Select(c => c.Glyph.Length > 0 ? $"{c.Name} ({c.Glyph})" : c.Name).ToList();
        var width = Math.Max(labelWidth + (columns.Count * pitch) + 8, 360);
        var keys = Flow(captions.Select(KeyWidth).ToList(), 8, width - 8);
        var legendTop = top + (rows.Count * pitch) + 24;
        var height = legendTop + (16 * keys.Max(k => k.Row)) + 8;
        var text = Open(id, "heatmap", label, width, height);
        for (var c = 0; c < columns.Count; c++)
        {
            var x = labelWidth + (c * pitch) + (size / 2);
            var muted = columns[c].Muted ? $" fill=\"{Grey}\"" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"<text class=\"sublabel\" x=\"{F(x)}\" y=\"12\" text-anchor=\"middle\" font-size=\"9\"{muted}>{E(columns[c].Sublabel)}</text>");
            text.Append(CultureInfo.InvariantCulture, $"<text class=\"column\" x=\"{F(x)}\" y=\"26\" text-anchor=\"middle\" font-size=\"10\"{muted}>{E(columns[c].Label)}</text>");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"<text class=\"row\" x=\"{F(labelWidth - 6)}\" y=\"{F(top + (r * pitch) + 12)}\" text-anchor=\"end\">{E(rows[r])}</text>");
        }

        foreach (var cell in cells)
        {
            if (cell.Row < 0 || cell.Row >= rows.Count || cell.Column < 0 || cell.Column >= columns.Count || cell.Category < 0 || cell.Category >= categories.Count)
            {
                continue;
            }

            var category = categories[cell.Category];
            var x = labelWidth + (cell.Column * pitch);
            var y = top + (cell.Row * pitch);
            text.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"cell {E(category.Css)}\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(size)}\" height=\"{F(size)}\" rx=\"2\" fill=\"{E(category.Fill)}\"><title>{E(cell.Tooltip)}</title></rect>");
            if (category.Glyph.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"<text class=\"glyph\" x=\"{F(x + (size / 2))}\" y=\"{F(y + 12)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#ffffff\" pointer-events=\"none\">{E(category.Glyph)}</text>");
            }
        }

        for (var i = 0; i < categories.Count; i++)
        {
            Swatch(text, keys[i].X, legendTop + (16 * keys[i].Row), categories[i].Css, categories[i].Fill, captions[i]);
        }

        return Close(text);
    }

    /// <summary>A number as SVG writes it: invariant culture, at most two decimals.</summary>
    internal static string F(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    private static StringBuilder Open(string id, string css, string label, double width, double height)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{E(id)}\" class=\"chart {css}\" viewBox=\"0 0 {F(width)} {F(height)}\" width=\"{F(width)}\" height=\"{F(height)}\" role=\"img\" aria-label=\"{E(label)}\" font-family=\"system-ui, sans-serif\" font-size=\"11\" fill=\"{Ink}\"><title>{E(label)}</title>");
        return text;
    }

    private static string Close(StringBuilder text) => text.Append("</svg>").ToString();

    private static string Hatch(string id) =>
        $"<pattern id=\"{E(id)}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e4e7eb\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{Grey}\" stroke-width=\"2.5\"/></pattern>";

    /// <summary>"M x y L x y …" through the values, starting again after each gap.</summary>
    private static string Path(ImmutableArray<double?> values, int count, Func<int, double> x, Func<double, double> y)
    {
        var path = new StringBuilder();
        var pen = false;
        for (var i = 0; i < count && i < values.Length; i++)
        {
            if (values[i] is { } v)
            {
                path.Append(CultureInfo.InvariantCulture, $"{(pen ? " L" : (path.Length == 0 ? "M" : " M"))}{F(x(i))} {F(y(v))}");
                pen = true;
            }
            else
            {
                pen = false;
            }
        }

        return path.ToString();
    }

    private static double ValueY(double value, SvgAxis axis, double top, double plotHeight)
    {
        var span = axis.Max - axis.Min;
        var share = span <= 0 ? 0 : (value - axis.Min) / span;
        return top + (plotHeight * (1 - Math.Clamp(share, 0, 1)));
    }

    private static void ValueGrid(StringBuilder text, SvgAxis axis, Func<double, string> format, double left, double right, double top, double plotHeight)
    {
        foreach (var tick in axis.Ticks())
        {
            var y = ValueY(tick, axis, top, plotHeight);
            text.Append(CultureInfo.InvariantCulture,
                $"<line class=\"grid\" x1=\"{F(left)}\" x2=\"{F(right)}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"{Grid}\"/><text class=\"tick\" x=\"{F(left - 6)}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{E(format(tick))}</text>");
        }

        text.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{F(left)}\" x2=\"{F(left)}\" y1=\"{F(top)}\" y2=\"{F(top + plotHeight)}\" stroke=\"{Grey}\"/>");
    }

    // Circle, square, diamond, triangle: lines stay apart in black and white.
    private static void Marker(StringBuilder text, int index, double x, double y, string colour, string? tooltip)
    {
        var title = tooltip is null ? string.Empty : $"<title>{E(tooltip)}</title>";
        var css = tooltip is null ? "marker" : "point";
        switch (index % 4)
        {
            case 0:
                text.Append(CultureInfo.InvariantCulture, $"<circle class=\"{css}\" cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"4\" fill=\"{colour}\">{title}</circle>");
                break;
            case 1:
                text.Append(CultureInfo.InvariantCulture, $"<rect class=\"{css}\" x=\"{F(x - 3.5)}\" y=\"{F(y - 3.5)}\" width=\"7\" height=\"7\" fill=\"{colour}\">{title}</rect>");
                break;
            case 2:
                text.Append(CultureInfo.InvariantCulture, $"<polygon class=\"{css}\" points=\"{F(x)},{F(y - 5)} {F(x + 5)},{F(y)} {F(x)},{F(y + 5)} {F(x - 5)},{F(y)}\" fill=\"{colour}\">{title}</polygon>");
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"<polygon class=\"{css}\" points=\"{F(x)},{F(y - 5)} {F(x + 5)},{F(y + 4)} {F(x - 5)},{F(y + 4)}\" fill=\"{colour}\">{title}</polygon>");
                break;
        }
    }

    // A legend key is a 16-unit swatch, a gap, its text (about 6.2 units a character at 11 units) and a margin.
    private static double KeyWidth(string caption) => 22 + (caption.Length * 6.2) + 14;

    /// <summary>Lays keys of the given widths left to right from <paramref name="left"/>, wrapping before <paramref name="right"/>.</summary>
    private static List<(double X, int Row)> Flow(IReadOnlyList<double> widths, double left, double right)
    {
        var keys = new List<(double X, int Row)>();
        var (x, row) = (left, 0);
        foreach (var width in widths)
        {
            if (x > left && x + width > right)
            {
                (x, row) = (left, row + 1);
            }

            keys.Add((x, row));
            x += width;
        }

        return keys.Count == 0 ? [(left, 0)] : keys;
    }

    private static void Swatch(StringBuilder text, double x, double y, string css, string fill, string caption) =>
        text.Append(CultureInfo.InvariantCulture,
            $"<g class=\"legend\"><rect class=\"swatch {css}\" x=\"{F(x)}\" y=\"{F(y - 10)}\" width=\"16\" height=\"12\" fill=\"{fill}\" stroke=\"{Grid}\"/><text x=\"{F(x + 22)}\" y=\"{F(y)}\">{E(caption)}</text></g>");
}
