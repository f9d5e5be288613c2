using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using NodaTime;
using Pledge.Measures;
using Pledge.Reports.Formats;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Reports.Formats;

/// <summary>
/// The chart functions on their own. Coordinates are computed by hand from the layouts: line and bar charts plot
/// from x = 64 to 704 (640 wide) and y = 12 down 180 (bars: 160); a timeline from x = 8 to 712 (704 wide).
/// </summary>
public sealed class SvgChartsTests
{
    private static readonly Func<double, string> Percent = v => (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    [Theory]
    [InlineData(0.9975, 1, 0.9975, 1, 0.0005)]
    [InlineData(0.77, 1, 0.75, 1, 0.05)]
    [InlineData(0, 1, 0, 1, 0.2)]
    [InlineData(1, 5, 1, 5, 1)]
    [InlineData(-100, 100, -100, 100, 50)]
    [InlineData(180, 212, 180, 220, 10)]
    [InlineData(3, 3, 2.8, 3.2, 0.1)]
    public void Nice_axes_step_by_one_two_or_five_and_hold_the_range(double low, double high, double min, double max, double step)
    {
        var axis = SvgAxis.Nice(low, high);
        Assert.Equal(new SvgAxis(min, max, step), axis);
        Assert.InRange(axis.Ticks().Count(), 2, 8);
    }

    [Fact]
    public void A_line_chart_has_one_point_per_value_and_its_line_breaks_at_a_gap()
    {
        var line = new SvgLine("acme/availability", [0.9, null, 0.95, 0.97], 0.95);
        var svg = Parse(SvgCharts.LineChart("t", "trend", ["2026-08", "2026-09", "2026-10", "2026-11"], [line], new SvgAxis(0.8, 1, 0.05), Percent));

        var series = Assert.Single(svg.Elements("g"), g => HasClass(g, "series"));
        var points = series.Elements().Where(e => HasClass(e, "point")).ToList();
        Assert.Equal(3, points.Count);
        // Category 0 of 4 sits at 64 + 640 × 0.5 / 4 = 144; 90% on 80–100% at 12 + 180 × (1 − 0.5) = 102.
        Assert.Equal(("144", "102"), (points[0].Attribute("cx")!.Value, points[0].Attribute("cy")!.Value));
        Assert.Equal("acme/availability, 2026-08: 90%, objective 95%", points[0].Element("title")!.Value);
        // 2026-09 has no value: the path starts again at 2026-10 (x = 464) and goes on to 2026-11 (x = 624).
        Assert.Equal("M144 102 M464 57 L624 39", series.Element("path")!.Attribute("d")!.Value);
        var objective = Assert.Single(series.Elements("line"), l => HasClass(l, "objective"));
        Assert.Equal("6 4", objective.Attribute("stroke-dasharray")!.Value);
        Assert.Equal("57", objective.Attribute("y1")!.Value);
        Assert.Equal(["2026-08", "2026-09", "2026-10", "2026-11"], svg.Elements("text").Where(t => HasClass(t, "category")).Select(t => t.Value));
    }

    [Fact]
    public void Lines_differ_by_colour_and_marker_shape()
    {
        SvgLine[] lines = [new("a", [0.9], null), new("b", [0.9], null), new("c", [0.9], null), new("d", [0.9], null)];
        var svg = Parse(SvgCharts.LineChart("t", "trend", ["2026-11"], lines, new SvgAxis(0, 1, 0.2), Percent));
        var markers = svg.Elements("g").Where(g => HasClass(g, "series")).Select(g => g.Elements().Single(e => HasClass(e, "point"))).ToList();
        Assert.Equal(["circle", "rect", "polygon", "polygon"], markers.Select(m => m.Name.LocalName));
        Assert.Equal(4, markers.Select(m => m.Attribute("fill")!.Value).Distinct().Count());
        // No objective, no objective key.
        Assert.DoesNotContain(svg.Descendants("text"), t => t.Value.StartsWith("objective", StringComparison.Ordinal));
    }

    [Fact]
    public void Small_multiples_give_each_line_its_panel_its_scale_and_points_by_objective()
    {
        SvgLine[] lines =
        [
            new("acme/availability", [0.9995, 0.998, null], 0.999),
            new("acme/deliveries", [0.7, 0.96, 0.97], 0.95),
            new("a target whose name is far too long for its panel", [null, null, null], 0.9),
            new("acme/compliance", [1, 1, 1], null),
        ];
        var svg = Parse(SvgCharts.SmallMultiples("m", "trend", ["2026-09", "2026-10", "2026-11"], lines, l => l.Name.EndsWith("availability", StringComparison.Ordinal) ? new SvgAxis(0.997, 1, 0.001) : new SvgAxis(0, 1, 0.2), Percent));

        var panels = svg.Elements("g").Where(g => HasClass(g, "panel")).ToList();
        Assert.Equal(4, panels.Count);
        // Three panels a row: (720 − 2 × 16) / 3 = 229.33 wide, 130 high, 16 apart.
        Assert.Equal([("0", "0"), ("245.33", "0"), ("490.67", "0"), ("0", "146")], panels.Select(p => p.Element("rect")!).Select(r => (r.Attribute("x")!.Value, r.Attribute("y")!.Value)));
        Assert.Equal(["99.7%", "100%"], panels[0].Elements("text").Where(t => HasClass(t, "tick")).Select(t => t.Value));
        Assert.Equal(["0%", "100%"], panels[1].Elements("text").Where(t => HasClass(t, "tick")).Select(t => t.Value));

        string[] Points(int panel) =>
            [.. panels[panel].Descendants().Where(e => HasClass(e, "point")).Select(e => $"{e.Name.LocalName} {e.Attribute("class")!.Value}")];
        Assert.Equal(["circle point met", "rect point missed"], Points(0));
        Assert.Equal(["rect point missed", "circle point met", "circle point met"], Points(1));
        Assert.Empty(Points(2));
        Assert.Equal(["circle point met", "circle point met", "circle point met"], Points(3)); // no objective: nothing to miss

        Assert.Equal("latest 99.8% · objective 99.9%", panels[0].Elements("text").Single(t => HasClass(t, "summary")).Value);
        Assert.Equal("no data · objective 90%", panels[2].Elements("text").Single(t => HasClass(t, "summary")).Value);
        var name = panels[2].Elements("text").Single(t => HasClass(t, "name"));
        Assert.Equal("a target whose name is far too long for its panel", name.Element("title")!.Value);
        Assert.EndsWith("…", name.LastNode!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(panels[3].Descendants("line"), l => HasClass(l, "objective"));
    }

    [Fact]
    public void A_timeline_has_one_mark_per_downtime_span_clipped_and_never_thinner_than_one_and_a_half()
    {
        var day = new Interval(Iso.Instant("2026-03-02T00:00Z"), Iso.Instant("2026-03-03T00:00Z"));
        SvgSpan[] spans =
        [
            new(At("06:00"), At("12:00"), SvgSpanKind.Down, "six hours"),
            new(At("13:00"), At("13:01"), SvgSpanKind.Down, "one minute") { Weight = 0.6 },
            new(At("23:00"), Iso.Instant("2026-03-03T02:00Z"), SvgSpanKind.Down, "across the end"),
            new(Iso.Instant("2026-03-04T00:00Z"), Iso.Instant("2026-03-04T01:00Z"), SvgSpanKind.Down, "outside"),
        ];
        var svg = Parse(SvgCharts.Timeline("t", "availability", day, spans, []));

        var marks = svg.Elements("rect").Where(r => HasClass(r, "mark") && HasClass(r, "down")).ToList();
        Assert.Equal(3, marks.Count);
        // 06:00 is a quarter of the day: 8 + 704 / 4 = 184, six hours 176 wide.
        Assert.Equal(("184", "176"), (marks[0].Attribute("x")!.Value, marks[0].Attribute("width")!.Value));
        Assert.Equal("1.5", marks[1].Attribute("width")!.Value);
        Assert.True(HasClass(marks[1], "partial"));
        Assert.Equal("0.74", marks[1].Attribute("fill-opacity")!.Value); // 0.35 + 0.65 × 0.6
        Assert.Equal(("682.67", "29.33"), (marks[2].Attribute("x")!.Value, marks[2].Attribute("width")!.Value));
        Assert.Equal(["six hours", "one minute", "across the end"], marks.Select(m => m.Element("title")!.Value));
    }

    [Fact]
    public void Unknown_time_is_hatched_with_the_charts_own_pattern_and_the_legend_lists_only_what_is_shown()
    {
        var day = new Interval(Iso.Instant("2026-03-02T00:00Z"), Iso.Instant("2026-03-03T00:00Z"));
        SvgSpan[] spans =
        [
            new(At("02:00"), At("04:00"), SvgSpanKind.Unknown, "no data"),
            new(At("20:00"), Iso.Instant("2026-03-03T00:00Z"), SvgSpanKind.Future, "later"),
        ];
        var svg = Parse(SvgCharts.Timeline("avail-7", "availability", day, spans, []));

        var unknown = Assert.Single(svg.Elements("rect"), r => HasClass(r, "mark") && HasClass(r, "unknown"));
        Assert.Equal("url(#avail-7-hatch)", unknown.Attribute("fill")!.Value);
        Assert.Equal("avail-7-hatch", svg.Element("defs")!.Element("pattern")!.Attribute("id")!.Value);
        Assert.Single(svg.Elements("rect"), r => HasClass(r, "mark") && HasClass(r, "future"));
        var legend = svg.Elements("g").Where(g => HasClass(g, "legend")).Select(g => g.Element("text")!.Value);
        Assert.Equal(["up", "no monitoring data", "not yet measured"], legend);
    }

    [Fact]
    public void Timeline_ticks_are_drawn_inside_the_period_and_labels_centred_on_their_day()
    {
        var days = new Interval(Iso.Instant("2026-03-02T00:00Z"), Iso.Instant("2026-03-04T00:00Z"));
        SvgTick[] ticks = [new(days.Start, "2"), new(Iso.Instant("2026-03-03T00:00Z"), "3")];
        var svg = Parse(SvgCharts.Timeline("t", "two days", days, [], ticks));

        var line = Assert.Single(svg.Elements("line"), l => HasClass(l, "tick"));
        Assert.Equal("360", line.Attribute("x1")!.Value);
        var labels = svg.Elements("text").Where(t => HasClass(t, "tick")).ToList();
        Assert.Equal([("2", "184"), ("3", "536")], labels.Select(t => (t.Value, t.Attribute("x")!.Value)));
    }

    [Fact]
    public void A_heatmap_draws_exactly_the_cells_given_with_their_category()
    {
        SvgHeatmapCategory[] categories = [new("on time", "on-time", "#1e7a3c", string.Empty), new("missed", "missed", "#b3261e", "×")];
        SvgHeatmapColumn[] columns = [new("1", "Mo", false), new("2", "Tu", false), new("3", "We", false)];
        SvgHeatmapCell[] cells =
        [
            new(0, 0, 0, "a on 1"),
            new(1, 2, 1, "bb on 3"),
            new(2, 0, 0, "no such row"),
            new(0, 3, 0, "no such column"),
        ];
        var svg = Parse(SvgCharts.Heatmap("h", "deliveries", ["a", "bb"], columns, categories, cells));

        var drawn = svg.Elements("rect").Where(r => HasClass(r, "cell")).ToList();
        Assert.Equal(2, drawn.Count);
        Assert.True(HasClass(drawn[0], "on-time"));
        Assert.Equal("#1e7a3c", drawn[0].Attribute("fill")!.Value);
        // Row labels take at least 60 units: row 1, column 2 is at 60 + 2 × 18 = 96, 32 + 18 = 50.
        Assert.Equal(("96", "50"), (drawn[1].Attribute("x")!.Value, drawn[1].Attribute("y")!.Value));
        Assert.Equal("bb on 3", drawn[1].Element("title")!.Value);
        var glyph = Assert.Single(svg.Elements("text"), t => HasClass(t, "glyph"));
        Assert.Equal("×", glyph.Value);
        Assert.Equal(["on time", "missed (×)"], svg.Elements("g").Where(g => HasClass(g, "legend")).Select(g => g.Element("text")!.Value));
    }

    [Fact]
    public void A_bar_chart_marks_missing_values_and_draws_negative_bars_down_from_zero()
    {
        SvgBar[] bars =
        [
            new("2026-09", 30, Verdict.Met, "NPS 30"),
            new("2026-10", null, Verdict.NotEnoughData, "3 responses: not enough data"),
            new("2026-11", -20, Verdict.Missed, "NPS -20"),
        ];
        var svg = Parse(SvgCharts.BarChart("b", "nps", bars, new SvgAxis(-100, 100, 50), 10, v => v.ToString("0", CultureInfo.InvariantCulture)));

        var rects = svg.Elements("rect").Where(r => HasClass(r, "bar")).ToList();
        Assert.Equal(["met", "nodata", "missed"], rects.Select(r => r.Attribute("class")!.Value.Split(' ')[1]));
        Assert.Equal("url(#b-hatch)", rects[1].Attribute("fill")!.Value);
        Assert.Contains(svg.Elements("text"), t => HasClass(t, "nodata") && t.Value == "n/a");
        // Zero is half way down 160 from 12: 92; -20 reaches 12 + 160 × 0.6 = 108.
        Assert.Equal(("92", "16"), (rects[2].Attribute("y")!.Value, rects[2].Attribute("height")!.Value));
        Assert.Equal(("68", "24"), (rects[0].Attribute("y")!.Value, rects[0].Attribute("height")!.Value));
        Assert.Equal("84", Assert.Single(svg.Elements("line"), l => HasClass(l, "objective")).Attribute("y1")!.Value);
    }

    [Fact]
    public void Every_chart_is_an_accessible_svg_and_encodes_its_text()
    {
        var day = new Interval(Iso.Instant("2026-03-02T00:00Z"), Iso.Instant("2026-03-03T00:00Z"));
        string[] charts =
        [
            SvgCharts.LineChart("l", "<b>trend</b>", ["<i>"], [new SvgLine("<script>x</script>", [0.5], 0.6)], new SvgAxis(0, 1, 0.2), Percent),
            SvgCharts.SmallMultiples("m", "<b>panels</b>", ["<i>"], [new SvgLine("<script>x</script>", [0.5], 0.6)], _ => new SvgAxis(0, 1, 0.2), Percent),
            SvgCharts.BarChart("b", "<b>bars</b>", [new SvgBar("<i>", 0.5, Verdict.Met, "<script>")], new SvgAxis(0, 1, 0.2), null, Percent),
            SvgCharts.Timeline("t", "<b>timeline</b>", day, [new SvgSpan(At("01:00"), At("02:00"), SvgSpanKind.Excluded, "<script>")], [new SvgTick(At("12:00"), "<i>")]),
            SvgCharts.Heatmap("h", "<b>heatmap</b>", ["<i>"], [new SvgHeatmapColumn("<i>", "<i>", true)], [new SvgHeatmapCategory("<i>", "x", "#000000", "<")], [new SvgHeatmapCell(0, 0, 0, "<script>")]),
        ];
        foreach (var chart in charts)
        {
            Assert.DoesNotContain("<script", chart, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", chart, StringComparison.Ordinal);
            Assert.DoesNotContain("<i>", chart, StringComparison.Ordinal);
            Assert.DoesNotContain("http", chart, StringComparison.Ordinal);
            var svg = Parse(chart);
            Assert.Equal("img", svg.Attribute("role")!.Value);
            Assert.StartsWith("<b>", svg.Attribute("aria-label")!.Value, StringComparison.Ordinal);
            Assert.Equal("title", svg.Elements().First().Name.LocalName);
            var box = svg.Attribute("viewBox")!.Value.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal([0, 0, double.Parse(svg.Attribute("width")!.Value, CultureInfo.InvariantCulture), double.Parse(svg.Attribute("height")!.Value, CultureInfo.InvariantCulture)], box);
            Assert.All(svg.Descendants().Where(e => e.Name.LocalName is "rect" or "circle" or "polygon" && e.Parent?.Name.LocalName != "pattern" && !HasClass(e.Parent!, "legend") && !HasClass(e, "frame")),
                mark => Assert.NotNull(mark.Element("title")));
        }
    }

    private static Instant At(string time) => Iso.Instant($"2026-03-02T{time}Z");

    private static XElement Parse(string svg) => XElement.Parse(svg, LoadOptions.PreserveWhitespace);

    private static bool HasClass(XElement element, string css) =>
        (element.Attribute("class")?.Value ?? string.Empty).Split(' ').Contains(css, StringComparer.Ordinal);
}
