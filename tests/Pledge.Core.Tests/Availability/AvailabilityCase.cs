using System.Globalization;
using System.Text;
using NodaTime;
using Pledge.Availability;
using Pledge.Calendars;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Availability;

/// <summary>
/// A generated availability case, built from a seed so that a failure prints everything needed to replay it:
/// service hours, a period around the spring DST change in Berlin, outage records of every kind, rules, and
/// (in most cases) check results with runs, ties and gaps.
/// </summary>
internal sealed record AvailabilityCase(
    int Seed,
    string CalendarName,
    BusinessCalendar Calendar,
    Interval Period,
    IReadOnlyList<Outage> Outages,
    IReadOnlyList<CheckResult>? Checks,
    AvailabilityRules Rules)
{
    private static readonly string[] CalendarNames = ["24x7-utc", "24x7-berlin", "office"];
    private static readonly double[] Weights = [0, 0.25, 0.3, 0.5, 1];

    public AvailabilityResult Measure() => AvailabilityCalculator.Measure(Calendar, Period, Outages, Rules, Checks);

    public AvailabilityResult Measure(AvailabilityRules rules) => AvailabilityCalculator.Measure(Calendar, Period, Outages, rules, Checks);

    public static AvailabilityCase Build(int seed, bool withOutages = true, bool singleScope = false)
    {
        var random = new Random(seed);
        var name = CalendarNames[random.Next(CalendarNames.Length)];
        var calendar = name == "office" ? AvailabilityKit.Office : TestCalendars.Get(name);
        var start = Iso.Instant("2026-03-20T00:00+01:00") + Duration.FromMinutes(random.Next(16 * 24 * 60)) + Duration.FromSeconds(random.Next(60));
        var period = new Interval(start, start + Duration.FromMinutes(random.Next(60, 4 * 24 * 60)));
        var validity = Duration.FromMinutes(new[] { 5, 15, 60 }[random.Next(3)]);
        var rules = new AvailabilityRules
        {
            Objective = 0.99,
            ExcludePlanned = random.Next(4) != 0,
            MinimumNotice = random.Next(3) == 0 ? Duration.FromDays(7) : null,
            PartialWeight = Weights[random.Next(Weights.Length)],
            DegradedWeight = Weights[random.Next(Weights.Length)],
            MinimumOutage = Duration.FromMinutes(new[] { 0, 0, 5, 30 }[random.Next(4)]),
            CheckValidity = validity,
            Unknown = random.Next(2) == 0 ? UnknownPolicy.Exclude : UnknownPolicy.Down,
        };

        var outages = new List<Outage>();
        var count = withOutages ? random.Next(11) : 0;
        for (var i = 0; i < count; i++)
        {
            var from = period.Start - Duration.FromDays(1) + Duration.FromSeconds(random.NextInt64((long)(period.Duration + Duration.FromDays(2)).TotalSeconds));
            var length = Duration.FromSeconds(random.Next(3) == 0 ? random.Next(0, 600) : random.Next(60, 12 * 3600));
            var planned = random.Next(3) == 0;
            outages.Add(new Outage(string.Create(CultureInfo.InvariantCulture, $"o{i}"), "web", from, from + length)
            {
                Impact = (OutageImpact)random.Next(3),
                Planned = planned,
                AnnouncedAt = planned && random.Next(3) != 0 ? from - Duration.FromHours(random.Next(0, 14 * 24)) : null,
            });
        }

        var checks = random.Next(4) == 0 ? null : GenerateChecks(random, period, validity, singleScope ? 1 : random.Next(1, 3));
        return new AvailabilityCase(seed, name, calendar, period, outages, checks, rules);
    }

    /// <summary>Checks from a little before the period to a little after: mostly up, down runs, ties and gaps longer than the validity.</summary>
    public static List<CheckResult> GenerateChecks(Random random, Interval period, Duration validity, int sites)
    {
        var checks = new List<CheckResult>();
        var sparse = random.Next(4) == 0;
        for (var site = 0; site < sites; site++)
        {
            var at = period.Start - Duration.FromMinutes(random.Next(0, 120));
            var up = true;
            var n = 0;
            while (at < period.End + Duration.FromMinutes(30))
            {
                if (random.Next(10) == 0)
                {
                    up = !up;
                }

                checks.Add(new CheckResult(string.Create(CultureInfo.InvariantCulture, $"s{site}c{n++}"), "web", at, up || random.Next(20) == 0) { Site = sites > 1 ? $"site{site}" : null });
                var step = random.Next(20) switch
                {
                    0 => Duration.Zero, // a tie
                    1 => validity + Duration.FromMinutes(random.Next(1, 180)), // a gap
                    _ => sparse ? Duration.FromMinutes(random.Next(1, 8 * 60)) : Duration.FromSeconds(random.Next(1, (int)validity.TotalSeconds + 1)),
                };
                at += step;
            }
        }

        return checks;
    }

    public override string ToString()
    {
        var zone = Calendar.Zone;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed {Seed}, calendar {CalendarName}, period {Iso.InZone(Period.Start, zone)} – {Iso.InZone(Period.End, zone)}\n  rules {Rules}\n");
        foreach (var o in Outages)
        {
            text.Append(CultureInfo.InvariantCulture, $"  outage {o.Id} {Iso.InZone(o.Start, zone)} – {(o.End is { } end ? Iso.InZone(end, zone) : "ongoing")} {o.Impact} planned={o.Planned} announced={o.AnnouncedAt}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  {Checks?.Count.ToString(CultureInfo.InvariantCulture) ?? "no"} checks");
        return text.ToString();
    }
}
