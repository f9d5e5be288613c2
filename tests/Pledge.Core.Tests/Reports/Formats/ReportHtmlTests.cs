using System.Collections.Immutable;
using System.Xml.Linq;
using NodaTime;
using Pledge.Actions;
using Pledge.Agreements;
using Pledge.Availability;
using Pledge.Budgets;
using Pledge.Calendars;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Reports.Formats;
using Pledge.Satisfaction;
using Pledge.Series;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Reports.Formats;

/// <summary>
/// The HTML report of a small hand-built November 2026: ACME (Europe/Berlin) with availability, delivery,
/// satisfaction, compliance, custom and ticket targets; Globex (America/New_York) with tickets only. The details
/// come from the real engines; the page is read back as XML.
/// </summary>
public sealed class ReportHtmlTests
{
    private static readonly Lazy<(ServiceReport Report, ServiceLevelRepository Repository, string Html, XDocument Page)> Built = new(Build);

    private static ServiceReport Report => Built.Value.Report;

    private static string Html => Built.Value.Html;

    private static XDocument Page => Built.Value.Page;

    [Fact]
    public void The_page_is_an_html5_document_that_parses_as_xml()
    {
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", Html, StringComparison.Ordinal);
        Assert.Equal("html", Page.Root!.Name.LocalName);
        Assert.Single(Page.Descendants("head"));
        Assert.Single(Page.Descendants("body"));
        Assert.Equal("utf-8", Page.Descendants("meta").First().Attribute("charset")?.Value);
    }

    [Fact]
    public void The_page_loads_nothing_and_names_no_url()
    {
        Assert.DoesNotContain("http://", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", Html.Replace("://", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(Page.Descendants("script"));
        Assert.Empty(Page.Descendants("link"));
        Assert.Empty(Page.Descendants("img"));
        Assert.DoesNotContain(Page.Descendants().Attributes(), a => a.Name.LocalName is "src" or "xmlns");
        Assert.DoesNotContain("@import", Html, StringComparison.Ordinal);
        // Only in-page references: anchors and the charts' own patterns.
        Assert.All(Page.Descendants("a").Select(a => a.Attribute("href")?.Value ?? "#"), href => Assert.StartsWith("#", href, StringComparison.Ordinal));
        Assert.All(Page.Descendants().Attributes("fill").Select(a => a.Value).Where(v => v.StartsWith("url(", StringComparison.Ordinal)),
            fill => Assert.StartsWith("url(#", fill, StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_are_unique_in_the_page_and_every_pattern_reference_resolves()
    {
        var ids = Page.Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var fill in Page.Descendants().Attributes("fill").Select(a => a.Value).Where(v => v.StartsWith("url(#", StringComparison.Ordinal)))
        {
            Assert.Contains(fill[5..^1], ids);
        }
    }

    [Fact]
    public void Customer_supplied_text_is_encoded_never_markup()
    {
        // The customer's name, a survey comment, a breach explanation and an action title all carry markup.
        Assert.DoesNotContain("<script", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<night>", Html, StringComparison.Ordinal);
        Assert.Contains("ACME &lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;", Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;survey&#39;)&lt;/script&gt;", Html, StringComparison.Ordinal);
        Assert.Contains("6h &lt;b&gt;over&lt;/b&gt;", Html, StringComparison.Ordinal);
        Assert.Contains("Retrain the &lt;night&gt; shift", Html, StringComparison.Ordinal);
        var heading = Section(1).Element("h2")!;
        Assert.StartsWith("ACME <script>alert('owned')</script>", heading.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Instants_are_written_in_the_zone_of_their_agreement_with_the_offset()
    {
        // Both breaches happened at 2026-11-03T09:15Z: ACME's agreement reads Berlin, Globex's New York.
        var acme = Table(Section(1), "breaches");
        Assert.Contains("2026-11-03 10:15 +01:00", acme.Value, StringComparison.Ordinal);
        var globex = Table(Section(2), "breaches");
        Assert.Contains("2026-11-03 04:15 -05:00", globex.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("09:15", acme.Value + globex.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("T09:15", Html, StringComparison.Ordinal);
        // The clock at risk and the action's opening instant read in Berlin too.
        Assert.Contains("2026-12-01 09:00 +01:00", Table(Section(1), "at-risk").Value, StringComparison.Ordinal);
        Assert.Contains("2026-11-04 09:30 +01:00", Table(Section(1), "actions").Value, StringComparison.Ordinal);
        // Customers in two zones: the header falls back to UTC, each section reads its own.
        Assert.Contains("as of 2026-11-30 23:00 +00:00", Page.Descendants("header").Single().Value, StringComparison.Ordinal);
        Assert.Contains("as of 2026-12-01 00:00 +01:00", Section(1).Value, StringComparison.Ordinal);
        Assert.Contains("as of 2026-11-30 18:00 -05:00", Section(2).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Customers_come_in_order_and_each_summary_is_grouped_by_agreement()
    {
        var sections = Page.Descendants("section").Where(s => HasClass(s, "customer")).ToList();
        Assert.Equal(["customer-1", "customer-2"], sections.Select(s => s.Attribute("id")!.Value));
        Assert.Equal(["acme", "globex"], sections.Select(s => s.Element("h2")!.Elements("span").Single().Value));

        var summary = Table(Section(1), "summary");
        var bodies = summary.Elements("tbody").ToList();
        var body = Assert.Single(bodies);
        var header = body.Elements("tr").First();
        Assert.True(HasClass(header, "agreement"));
        Assert.StartsWith("acme-gold", header.Value, StringComparison.Ordinal);
        // The ticket target first, then the measures in report order.
        var targets = body.Elements("tr").Skip(1).Select(r => r.Elements("td").First().Value).ToList();
        Assert.Equal(["resolution", "availability", "tea-rounds", "csat", "iso", "latency"], targets);
    }

    [Fact]
    public void The_summary_gives_value_objective_verdict_budget_burn_and_explanation()
    {
        var rows = Table(Section(1), "summary").Descendants("tr").Where(r => r.Elements("td").Any()).ToDictionary(r => r.Elements("td").First().Value);
        string[] Cells(string target) => [.. rows[target].Elements("td").Select(c => c.Value)];

        // Tickets: 13 of 15 met against 90%, the budget of 1.5 events overspent by 0.5.
        Assert.Equal(["resolution", "resolution", "tea", "86.67% (13/15)", "90%", "missed"], Cells("resolution")[..6]);
        Assert.Equal("overspent by 0.5 events of 1.5 events (-33.33%)", Cells("resolution")[6]);
        Assert.Contains("13 of 15 ticket measurement(s) within the threshold; 1 breach(es); 1 open clock(s) at risk", Cells("resolution")[8], StringComparison.Ordinal);

        var availability = Cells("availability");
        Assert.Equal("availability", availability[1]);
        Assert.Equal("web", availability[2]);
        Assert.Equal("99.9%", availability[4]);
        Assert.Equal("1h 2.5× · 6h 0.42× · 1d – · 3d 0.1× burn alert", availability[7]);
        var burn = rows["availability"].Elements("td").ElementAt(7);
        Assert.Single(burn.Elements("span"), s => HasClass(s, "hot"));
        Assert.Single(burn.Elements("strong"), s => HasClass(s, "alert"));

        Assert.Equal(["50%", "80%", "missed"], Cells("csat")[3..6]);
        Assert.Equal("<= 200 ms", Cells("latency")[4]);
        Assert.Equal("180 ms", Cells("latency")[3]);
    }

    [Fact]
    public void Watermelon_flags_stand_at_the_top_and_again_in_the_customers_section()
    {
        var body = Page.Descendants("body").Single();
        var top = body.Elements("section").First();
        Assert.True(HasClass(top, "flags"));
        Assert.Contains("green but unsatisfied", top.Value, StringComparison.Ordinal);
        Assert.Contains("all 3 operational targets met, but acme-gold/csat missed", top.Value, StringComparison.Ordinal);
        Assert.Equal("#customer-1", top.Descendants("a").Single().Attribute("href")!.Value);
        var inSection = Section(1).Elements("div").Single(d => HasClass(d, "flags"));
        Assert.Contains("all 3 operational targets met", inSection.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(Section(2).Elements("div"), d => HasClass(d, "flags"));
    }

    [Fact]
    public void The_delivery_heatmap_has_one_cell_per_scheduled_slot_coloured_by_outcome()
    {
        var delivery = (DeliveryResult)Report.Measures.Single(m => m.Kind == TargetKind.Delivery).Detail!;
        Assert.Equal(42, delivery.Scheduled); // 21 weekdays in November 2026, two slots each

        var heatmap = Chart(Section(1), "heatmap");
        var cells = heatmap.Elements("rect").Where(r => HasClass(r, "cell")).ToList();
        Assert.Equal(42, cells.Count);
        Assert.Equal(20, cells.Count(c => HasClass(c, "on-time")));
        Assert.Equal(1, cells.Count(c => HasClass(c, "late")));
        Assert.Equal(1, cells.Count(c => HasClass(c, "short")));
        Assert.Equal(20, cells.Count(c => HasClass(c, "missed")));
        Assert.All(cells.Where(c => HasClass(c, "late")), c => Assert.Equal("#b35c00", c.Attribute("fill")!.Value));

        // Rows in schedule order (morning before afternoon, not alphabetical), a column per day of November.
        Assert.Equal(["morning", "afternoon"], heatmap.Elements("text").Where(t => HasClass(t, "row")).Select(t => t.Value));
        Assert.Equal(30, heatmap.Elements("text").Count(t => HasClass(t, "column")));

        var late = cells.Single(c => HasClass(c, "late"));
        Assert.Equal("morning (tea), Tu 2026-11-03: late; window 2026-11-03 07:00–09:00 +01:00; delivered 2026-11-03 09:25 +01:00, 25m late", late.Element("title")!.Value);
        var shortCell = cells.Single(c => HasClass(c, "short"));
        Assert.EndsWith("; quantity 3 of 5", shortCell.Element("title")!.Value, StringComparison.Ordinal);
        // No cell on a weekend: each cell sits under a weekday's column.
        static double X(XElement e) => double.Parse(e.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var weekdays = heatmap.Elements("text").Where(t => HasClass(t, "sublabel")).ToDictionary(X, t => t.Value);
        Assert.All(cells, c => Assert.DoesNotContain(weekdays[X(c) + 8], new[] { "Sa", "Su" }));
    }

    [Fact]
    public void The_availability_timeline_has_a_mark_per_downtime_segment_and_the_excluded_maintenance()
    {
        var availability = (AvailabilityResult)Report.Measures.Single(m => m.Kind == TargetKind.Availability).Detail!;
        Assert.Equal(2, availability.Segments.Length);

        var timeline = Chart(Section(1), "timeline");
        var down = timeline.Elements("rect").Where(r => HasClass(r, "mark") && HasClass(r, "down")).ToList();
        Assert.Equal(2, down.Count);
        Assert.True(HasClass(down[0], "full"));
        Assert.True(HasClass(down[1], "partial"));
        Assert.Equal("down 2026-11-03 10:15–11:15 +01:00 (1h), counted in full; o-1", down[0].Element("title")!.Value);
        Assert.Equal("down 2026-11-10 14:00–16:00 +01:00 (2h), counted at 50%; o-2", down[1].Element("title")!.Value);
        var excluded = Assert.Single(timeline.Elements("rect"), r => HasClass(r, "excluded") && HasClass(r, "mark"));
        Assert.StartsWith("m-1, planned maintenance 2026-11-18 07:00–09:00 +01:00, excluded: <firmware>", excluded.Element("title")!.Value, StringComparison.Ordinal);
        // Office hours, not round the clock: a strip per working day; a tick per day after the first.
        Assert.Equal(21, timeline.Elements("rect").Count(r => HasClass(r, "hours")));
        Assert.Equal(29, timeline.Elements("line").Count(l => HasClass(l, "tick")));
        Assert.DoesNotContain(timeline.Elements("rect"), r => HasClass(r, "mark") && HasClass(r, "unknown"));
    }

    [Fact]
    public void The_attainment_trend_has_a_panel_per_target_and_a_point_per_period_with_data()
    {
        var trend = Chart(Section(1), "small-multiples");
        var panels = trend.Elements("g").Where(g => HasClass(g, "panel")).ToList();
        var series = panels.Select(p => p.Elements("g").Single(g => HasClass(g, "series"))).ToDictionary(g => g.Attribute("data-series")!.Value);
        // Share-valued targets only: the custom series (ms) has no place on a percentage axis.
        Assert.Equal(["acme-gold/resolution", "acme-gold/availability (web)", "acme-gold/tea-rounds", "acme-gold/csat", "acme-gold/iso"], series.Keys);
        Assert.All(panels, p => Assert.Equal(["2026-09", "2026-11"], p.Elements("text").Where(t => HasClass(t, "category")).Select(t => t.Value)));
        int Points(string name) => series[name].Elements().Count(e => HasClass(e, "point"));
        Assert.Equal(2, Points("acme-gold/resolution"));       // the ticket trend has 2026-10 only, then this period
        Assert.Equal(3, Points("acme-gold/availability (web)"));
        Assert.Equal(2, Points("acme-gold/csat"));              // 2026-10 had not enough data: no point
        Assert.Equal(1, Points("acme-gold/iso"));
        Assert.All(series.Values, s => Assert.Single(s.Elements("line"), l => HasClass(l, "objective") && l.Attribute("stroke-dasharray") is not null));
        var point = series["acme-gold/resolution"].Elements().Last(e => HasClass(e, "point"));
        Assert.True(HasClass(point, "missed"));
        Assert.Equal("acme-gold/resolution, 2026-11: 86.67% (13 of 15 met), objective 90%", point.Element("title")!.Value);
        Assert.Equal("latest 86.67% · objective 90%", panels[0].Elements("text").Single(t => HasClass(t, "summary")).Value);
        // Each panel its own scale. Availability: 99.05% less 15% of its distance to 100% is 98.91%, on steps of
        // 0.5% from 98.5%. Deliveries: 47.62% less 7.86% is 39.76%, on steps of 20% from 20%.
        Assert.Equal(["98.5%", "100%"], panels[1].Elements("text").Where(t => HasClass(t, "tick")).Select(t => t.Value));
        Assert.Equal(["20%", "100%"], panels[2].Elements("text").Where(t => HasClass(t, "tick")).Select(t => t.Value));
    }

    [Fact]
    public void The_satisfaction_trend_marks_the_period_without_enough_data()
    {
        var chart = Chart(Section(1), "bar-chart");
        var bars = chart.Elements("rect").Where(r => HasClass(r, "bar")).ToList();
        Assert.Equal(3, bars.Count);
        Assert.True(HasClass(bars[0], "met"));
        Assert.True(HasClass(bars[1], "nodata"));
        Assert.True(HasClass(bars[2], "missed"));
        Assert.StartsWith("2026-10: n/a, not enough data;", bars[1].Element("title")!.Value, StringComparison.Ordinal);
        Assert.Single(chart.Elements("line"), l => HasClass(l, "objective"));
    }

    [Fact]
    public void Tables_list_compliance_failures_series_values_and_overdue_actions()
    {
        var section = Section(1);
        var nonCompliant = Table(section, "non-compliant");
        Assert.Contains("press-2", nonCompliant.Value, StringComparison.Ordinal);
        Assert.Contains("failed", nonCompliant.Value, StringComparison.Ordinal);

        var series = Table(section, "series");
        Assert.Contains("2026-10: 210 ms", series.Value, StringComparison.Ordinal);
        var latency = Chart(section, "line-chart").Elements("g").Single(g => HasClass(g, "series"));
        Assert.Equal(
            ["acme-gold/latency, 2026-09: 190 ms (met), objective 200 ms", "acme-gold/latency, 2026-10: 210 ms (missed), objective 200 ms", "acme-gold/latency, 2026-11: 180 ms (met), objective 200 ms"],
            latency.Elements().Where(e => HasClass(e, "point")).Select(p => p.Element("title")!.Value));

        var actions = Table(section, "actions");
        var overdue = Assert.Single(actions.Descendants("tr"), r => HasClass(r, "overdue"));
        Assert.Contains("2026-11-15 overdue", overdue.Value, StringComparison.Ordinal);
        Assert.Contains("in progress", overdue.Value, StringComparison.Ordinal);
        Assert.Contains("ticket T-1", overdue.Value, StringComparison.Ordinal);

        var unsatisfied = Table(section, "unsatisfied");
        Assert.Equal(3, unsatisfied.Element("tbody")!.Elements("tr").Count());
        Assert.Contains("ticket-attainment", Section(2).Descendants("table").Select(t => t.Attribute("class")!.Value));
    }

    [Fact]
    public void Every_chart_is_an_accessible_svg_with_a_viewbox()
    {
        var charts = Page.Descendants("svg").ToList();
        Assert.Equal(6, charts.Count); // ACME: trend, timeline, heatmap, satisfaction, latency series; Globex: trend
        Assert.All(charts, svg =>
        {
            Assert.Equal("img", svg.Attribute("role")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(svg.Attribute("aria-label")!.Value));
            Assert.Matches(@"^0 0 \d+(\.\d+)? \d+(\.\d+)?$", svg.Attribute("viewBox")!.Value);
            Assert.Equal("title", svg.Elements().First().Name.LocalName);
            Assert.Equal("figure", svg.Parent!.Name.LocalName);
        });
    }

    [Fact]
    public void Writing_twice_gives_the_same_page()
    {
        var (report, repository, html, _) = Built.Value;
        Assert.Equal(html, ReportHtml.Write(report, repository));
    }

    [Fact]
    public void An_empty_report_is_still_a_well_formed_page()
    {
        var asOf = At("2026-12-01T00:00Z");
        var empty = new ServiceReport("2026-11", asOf, new AttainmentReport("2026-11", asOf, 0, [], [], []), [], [], [], [], [], []);
        var repository = new ServiceLevelRepository([], [], new Dictionary<string, BusinessCalendar>(), []);

        var page = XDocument.Parse(ReportHtml.Write(empty, repository), LoadOptions.PreserveWhitespace);

        Assert.Contains("0 customer(s); 0 target(s)", page.Descendants("header").Single().Value, StringComparison.Ordinal);
        Assert.Empty(page.Descendants("svg"));
        Assert.DoesNotContain(page.Descendants("section"), s => HasClass(s, "customer") || HasClass(s, "flags"));
    }

    [Fact]
    public void The_samples_november_is_a_well_formed_page_with_a_chart_for_every_measured_row()
    {
        var report = ServiceReportTests.SampleMonth.Report;
        var html = ReportHtml.Write(report, ServiceReportTests.SampleMonth.Repository);
        var page = XDocument.Parse(html, LoadOptions.PreserveWhitespace);

        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
        int Charts(string css) => page.Descendants("svg").Count(s => HasClass(s, css));
        Assert.Equal(report.Measures.Count(m => m.Detail is AvailabilityResult), Charts("timeline"));
        Assert.Equal(report.Measures.Count(m => m.Detail is DeliveryResult { Slots.IsEmpty: false }), Charts("heatmap"));
        Assert.Equal(report.Measures.Count(m => m.Detail is SatisfactionResult), Charts("bar-chart"));
        Assert.Equal(report.Customers.Count(), Charts("small-multiples"));
        Assert.Equal(report.Customers.Count(), page.Descendants("section").Count(s => HasClass(s, "customer")));
        var scheduled = report.Measures.Select(m => m.Detail).OfType<DeliveryResult>().Sum(d => d.Scheduled);
        Assert.Equal(scheduled, page.Descendants("rect").Count(r => HasClass(r, "cell")));
    }

    [Theory]
    [InlineData("2026-Q4")]
    [InlineData("2026-W48")]
    [InlineData("30d")]
    public void Quarters_weeks_and_rolling_periods_of_the_sample_render_too(string name)
    {
        var period = ServiceReportTests.SampleMonth.Period(name);
        var repository = ServiceReportTests.SampleMonth.Repository;
        var asOf = ServiceReportTests.SampleMonth.AsOf;
        var tickets = AttainmentReport.Build(repository, ServiceReportTests.SampleMonth.Tickets, period, asOf);
        var report = ServiceReport.Build(repository, tickets, ServiceReportTests.SampleMonth.Events, period, asOf, trendPeriods: 3);

        var page = XDocument.Parse(ReportHtml.Write(report, repository), LoadOptions.PreserveWhitespace);

        var timeline = page.Descendants("svg").First(s => HasClass(s, "timeline"));
        var days = report.Measures.First(m => m.Detail is AvailabilityResult).Interval.Duration.TotalDays;
        var labels = timeline.Elements("text").Where(t => HasClass(t, "tick")).Select(t => t.Value).ToList();
        // A label per day up to 31 days; on a quarter only the 1st and the 15th of each month.
        Assert.Equal(days <= 31 ? (int)Math.Round(days) : 6, labels.Count);
    }

    private static XElement Section(int number) =>
        Page.Descendants("section").Single(s => s.Attribute("id")?.Value == $"customer-{number}");

    private static XElement Table(XElement scope, string css) => scope.Descendants("table").Single(t => HasClass(t, css));

    private static XElement Chart(XElement scope, string css) => scope.Descendants("svg").Single(s => HasClass(s, css));

    private static bool HasClass(XElement element, string css) =>
        (element.Attribute("class")?.Value ?? string.Empty).Split(' ').Contains(css, StringComparer.Ordinal);

    private static Instant At(string iso) => Iso.Instant(iso);

    private static (ServiceReport, ServiceLevelRepository, string, XDocument) Build()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        Assert.True(ReportPeriod.TryParse("2026-11", out var period));
        var asOf = At("2026-12-01T00:00+01:00");
        var november = period.In(berlin, asOf);
        var office = CalendarFile.Load(TestCalendars.Week("Europe/Berlin", "08:00-18:00", TestCalendars.WorkingDays), "office.yaml");
        var always = TestCalendars.Get("24x7-berlin");
        var none = ImmutableDictionary<string, Duration>.Empty;

        var deliveryRules = new DeliveryRules
        {
            Objective = 0.95,
            Schedule =
            [
                new DeliverySlot("morning", "tea", [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], new LocalTime(7, 0), new LocalTime(9, 0)),
                new DeliverySlot("afternoon", "tea", [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], new LocalTime(14, 0), new LocalTime(15, 0)) { Quantity = 5 },
            ],
        };
        var availabilityRules = new AvailabilityRules { Objective = 0.999 };
        var satisfactionRules = new SatisfactionRules { Objective = 0.8 };
        var complianceRules = new ComplianceRules { Terms = ["iso-9001"] };
        var seriesRules = new SeriesRules { Series = "latency", Threshold = 200, Comparison = Comparison.AtMost, Unit = "ms" };
        Target[] acmeTargets =
        [
            new() { Id = "resolution", Kind = TargetKind.Resolution, CalendarId = "office", Thresholds = none.Add("P1", Duration.FromHours(4)), Objective = 0.9 },
            new() { Id = "availability", Kind = TargetKind.Availability, CalendarId = "office", Thresholds = none, Objective = 0.999, Availability = availabilityRules },
            new() { Id = "tea-rounds", Kind = TargetKind.Delivery, CalendarId = "always", Thresholds = none, Delivery = deliveryRules },
            new() { Id = "csat", Kind = TargetKind.Satisfaction, CalendarId = string.Empty, Thresholds = none, Satisfaction = satisfactionRules },
            new() { Id = "iso", Kind = TargetKind.Compliance, CalendarId = string.Empty, Thresholds = none, Compliance = complianceRules },
            new() { Id = "latency", Kind = TargetKind.Custom, CalendarId = string.Empty, Thresholds = none, Series = seriesRules },
        ];
        var acmeGold = new Agreement
        {
            Id = "acme-gold", Kind = AgreementKind.Sla, Level = AgreementLevel.Customer, Customer = "acme", Zone = berlin,
            Versions = [new AgreementVersion(1, AgreementStatus.Active, At("2026-01-01T00:00+01:00"), null, [.. acmeTargets])],
        };
        var globexBasic = new Agreement
        {
            Id = "globex-basic", Kind = AgreementKind.Sla, Level = AgreementLevel.Customer, Customer = "globex", Zone = newYork,
            Versions = [new AgreementVersion(1, AgreementStatus.Active, At("2026-01-01T00:00-05:00"), null, [acmeTargets[0]])],
        };
        var repository = new ServiceLevelRepository(
            [new CatalogueService("tea", "Tea", []), new CatalogueService("web", "Web shop", [])],
            [new Customer("acme", "ACME <script>alert('owned')</script>", []), new Customer("globex", "Globex", [])],
            new Dictionary<string, BusinessCalendar> { ["office"] = office, ["always"] = always },
            [acmeGold, globexBasic]);

        // Availability: a full hour, two partial hours, and announced maintenance the agreement excludes.
        Outage[] outages =
        [
            new("o-1", "web", At("2026-11-03T10:15+01:00"), At("2026-11-03T11:15+01:00")),
            new("o-2", "web", At("2026-11-10T14:00+01:00"), At("2026-11-10T16:00+01:00")) { Impact = OutageImpact.Partial },
            new("m-1", "web", At("2026-11-18T07:00+01:00"), At("2026-11-18T09:00+01:00")) { Planned = true, Description = "<firmware>" },
        ];
        var availability = AvailabilityCalculator.Measure(office, november, outages, availabilityRules);
        var hour = Duration.FromHours(1);
        ImmutableArray<WindowBurn> burn =
        [
            new(hour, new Interval(asOf - hour, asOf), new BadCount(0.15, 60), 2.5),
            new(Duration.FromHours(6), new Interval(asOf - Duration.FromHours(6), asOf), new BadCount(0.15, 360), 0.42),
            new(Duration.FromDays(1), new Interval(asOf - Duration.FromDays(1), asOf), new BadCount(0, 0), null),
            new(Duration.FromDays(3), new Interval(asOf - Duration.FromDays(3), asOf), new BadCount(0.2, 2000), 0.1),
        ];

        // Deliveries: every morning at 07:30 but a late one on Tuesday 3rd; one short afternoon delivery.
        var deliveries = new List<Delivery>();
        for (var date = new LocalDate(2026, 11, 2); date.Month == 11; date = date.PlusDays(1))
        {
            if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                continue;
            }

            var time = date.Day == 3 ? new LocalTime(9, 25) : new LocalTime(7, 30);
            deliveries.Add(new Delivery($"d-{date.Day}", "acme", "tea", berlin.AtStrictly(date.At(time)).ToInstant()));
        }

        deliveries.Add(new Delivery("d-short", "acme", "tea", At("2026-11-02T14:10+01:00")) { Quantity = 3 });
        var delivery = DeliveryMatcher.Match(always, november, deliveries, deliveryRules);

        // Satisfaction: six responses, three below 4, one with a comment that is markup.
        SurveyResponse[] responses =
        [
            new("s-1", "acme", At("2026-11-05T10:00+01:00"), 5),
            new("s-2", "acme", At("2026-11-06T10:00+01:00"), 4),
            new("s-3", "acme", At("2026-11-07T10:00+01:00"), 5),
            new("s-4", "acme", At("2026-11-08T10:00+01:00"), 2) { Comment = "<script>alert('survey')</script>" },
            new("s-5", "acme", At("2026-11-09T10:00+01:00"), 3),
            new("s-6", "acme", At("2026-11-10T10:00+01:00"), 1),
        ];
        var satisfaction = SatisfactionCalculator.Measure(responses, november, satisfactionRules);

        Evidence[] evidence =
        [
            new("e-1", "iso-9001", "press-1", At("2026-11-20T10:00+01:00"), true),
            new("e-2", "iso-9001", "press-2", At("2026-11-20T10:00+01:00"), false) { Detail = "calibration overdue" },
        ];
        var compliance = ComplianceEvaluator.Measure(evidence, november.End, complianceRules);

        Sample[] samples = [new("x-1", "latency", At("2026-11-05T10:00+01:00"), 170), new("x-2", "latency", At("2026-11-06T10:00+01:00"), 190)];
        var series = SeriesEvaluator.Measure(samples, november, seriesRules);

        MeasureRow Row(string target, TargetKind kind, string service, double? value, double objective, Verdict verdict, string explanation, object detail) =>
            new("acme", "acme-gold", target, kind, service, "2026-11", november, value, objective, verdict, explanation) { Detail = detail, Source = "customer SLA acme-gold v1" };

        var measures = ImmutableArray.Create(
            Row("availability", TargetKind.Availability, "web", availability.Availability, 0.999, availability.Verdict, "2h down of 176h service time", availability) with
            {
                Budget = ErrorBudget.ForEvents(1000, 0.999).Spend(2), Burn = burn, BurnAlert = true,
            },
            Row("tea-rounds", TargetKind.Delivery, "*", delivery.Attainment, 0.95, delivery.Verdict, "20 of 42 slots on time", delivery),
            Row("csat", TargetKind.Satisfaction, "*", satisfaction.Value, 0.8, satisfaction.Verdict, "CSAT 50% from 6 responses; 3 unsatisfied", satisfaction),
            Row("iso", TargetKind.Compliance, "*", compliance.Attainment, 1.0, compliance.Verdict, "1 of 2 subjects compliant", compliance),
            Row("latency", TargetKind.Custom, "*", series.Value, 200, series.Verdict, "mean of 2 latency samples", series) with { ValueIsShare = false, Unit = "ms" });

        MeasureRow Earlier(MeasureRow row, string name, double? value, Verdict verdict, string explanation) =>
            row with { Period = name, Value = value, Verdict = verdict, Explanation = explanation, Detail = null, Budget = null, Burn = [], BurnAlert = false };
        var trend = ImmutableArray.Create(
            Earlier(measures[0], "2026-09", 0.9995, Verdict.Met, "fine"),
            Earlier(measures[1], "2026-09", 0.97, Verdict.Met, "fine"),
            Earlier(measures[2], "2026-09", 0.85, Verdict.Met, "CSAT 85% from 20 responses"),
            Earlier(measures[4], "2026-09", 190, Verdict.Met, "fine"),
            Earlier(measures[0], "2026-10", 0.9992, Verdict.Met, "fine"),
            Earlier(measures[1], "2026-10", 0.96, Verdict.Met, "fine"),
            Earlier(measures[2], "2026-10", null, Verdict.NotEnoughData, "2 response(s), fewer than the 5 needed: not enough data"),
            Earlier(measures[4], "2026-10", 210, Verdict.Missed, "over"));

        var tickets = new AttainmentReport(
            "2026-11",
            asOf,
            19,
            [
                new AttainmentRow("acme-gold", "resolution", "resolution", "acme", "tea", "P1", 8, 10, 0.9),
                new AttainmentRow("acme-gold", "resolution", "resolution", "acme", "tea", "P2", 5, 5, 0.9),
                new AttainmentRow("globex-basic", "resolution", "resolution", "globex", "tea", "P1", 3, 4, 0.9),
            ],
            [
                new BreachEntry("T-1", "acme-gold", "resolution", "resolution", "acme", "tea", "P1", At("2026-11-03T09:15Z"), Duration.FromHours(4), Duration.FromHours(6), false, "4h for P1 from customer SLA acme-gold v1; 6h <b>over</b>"),
                new BreachEntry("T-9", "globex-basic", "resolution", "resolution", "globex", "tea", "P1", At("2026-11-03T09:15Z"), Duration.FromHours(4), Duration.FromHours(5), true, "4h for P1"),
            ],
            [new AtRiskEntry("T-5", "acme-gold", "resolution", "resolution", "acme", "tea", "P1", 0.85, At("2026-12-01T08:00Z"))]);
        var ticketTrend = ImmutableArray.Create(new AttainmentReport(
            "2026-10", asOf, 4, [new AttainmentRow("acme-gold", "resolution", "resolution", "acme", "tea", "P1", 4, 4, 0.9)], [], []));
        var budgets = ImmutableArray.Create(
            new TicketBudget("acme", "acme-gold", "resolution", "resolution", 13, 15, 0.9, ErrorBudget.ForEvents(15, 0.9).Spend(2)));
        var action = new CorrectiveAction("a-1-2", "A-1", "acme", At("2026-11-06T10:00+01:00"), ActionStatus.InProgress, "Retrain the <night> shift")
        {
            Owner = "Ben", Due = new LocalDate(2026, 11, 15), Agreement = "acme-gold", Target = "acme-gold/resolution", Breaches = ["T-1"],
        };
        var actions = ImmutableArray.Create(new ActionEntry(action, At("2026-11-04T09:30+01:00"), Overdue: true));
        var flags = ImmutableArray.Create(new WatermelonFlag("acme", "acme-gold", WatermelonKind.GreenButUnsatisfied, "all 3 operational targets met, but acme-gold/csat missed"));

        var report = new ServiceReport("2026-11", asOf, tickets, measures, trend, ticketTrend, budgets, actions, flags);
        var html = ReportHtml.Write(report, repository);
        return (report, repository, html, XDocument.Parse(html, LoadOptions.PreserveWhitespace));
    }
}
