using Pledge.Measures;
using Pledge.Reports;

namespace Pledge.Tests.Reports;

/// <summary>Periods before the first event of a kind were not recorded: they are "not enough data", never a pass or a miss.</summary>
public sealed class MeasureHorizonTests
{
    private static ServiceReport Report => ServiceReportTests.SampleMonth.Report;

    [Theory]
    // The sample's deliveries and outages start in November, its surveys in September.
    [InlineData("acme-gold/delivery", "*", "2026-10", "no delivery events before 2026-11-02T")]
    [InlineData("acme-gold/availability", "coffee", "2026-10", "no outage or check events before 2026-11-01T")]
    [InlineData("acme-gold/juice-temperature", "*", "2026-09", "no juice-temperature sample events before 2026-11-02T")]
    public void A_period_before_the_first_event_of_its_kind_has_not_enough_data(string target, string service, string period, string explanation)
    {
        var row = Report.Trend.Single(r => r.Customer == "acme" && r.QualifiedTarget == target && r.Service == service && r.Period == period);

        Assert.Equal(Verdict.NotEnoughData, row.Verdict);
        Assert.Null(row.Value);
        Assert.StartsWith(explanation, row.Explanation, StringComparison.Ordinal);
        Assert.Null(row.Budget);
    }

    [Fact]
    public void Periods_with_events_are_measured_as_usual()
    {
        var september = Report.Trend.Single(r => r.Customer == "acme" && r.QualifiedTarget == "acme-gold/satisfaction" && r.Period == "2026-09");

        Assert.Equal(Verdict.Met, september.Verdict);
        Assert.Equal(14.0 / 15, september.Value!.Value, 12);
    }
}
