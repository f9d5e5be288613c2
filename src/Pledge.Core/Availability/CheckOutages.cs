using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Pledge.Availability;

/// <summary>
/// Turns monitoring check results into outages and unknown time, by the rule below (issue 4). The same rule
/// runs, streamed, in <see cref="CheckAccumulator"/>.
/// </summary>
/// <remarks>
/// <para>Per scope (service, customer, site), in time order:</para>
/// <list type="number">
/// <item>Results of one scope at the same instant count as one result: down if any of them is down.</item>
/// <item>A result holds from its instant until the next result of the scope, but at most the check validity:
/// the result at t holds [t, min(next, t + validity)).</item>
/// <item>A run of down results whose holds follow each other without a gap is one <see cref="OutageImpact.Full"/>
/// outage, from the first down result to the first following up result, or, when no result follows within
/// the validity, to where the last down result's validity lapses. Its real length is what
/// <see cref="AvailabilityRules.MinimumOutage"/> is judged against.</item>
/// <item>Time of the period that no result holds is unknown: neither up nor down.</item>
/// </list>
/// <para>With several sites in one service and customer, each site's down runs are separate outages (the
/// calculator merges them, so a down at any site counts), and time is unknown only where no site's result holds.</para>
/// <para>Example (validity 5 min): up 10:00, down 10:01, down 10:02, up 10:03, down 10:10, then nothing.
/// Outages [10:01, 10:03) and [10:10, 10:15); 10:03–10:08 is up; 10:08–10:10 and everything after 10:15 is unknown.</para>
/// </remarks>
public static class CheckOutages
{
    /// <summary>The outages the checks saw (whole, not clipped) and the stretches of <paramref name="period"/> no result holds.</summary>
    /// <param name="checks">Check results in any order, of one or more scopes.</param>
    /// <param name="period">The period unknown time is reported for; bounded.</param>
    /// <param name="validity">How long a result holds at most; positive.</param>
    public static CheckFindings Derive(IEnumerable<CheckResult> checks, Interval period, Duration validity)
    {
        ArgumentNullException.ThrowIfNull(checks);
        AvailabilityGuard.Bounded(period, nameof(period));
        if (validity <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(validity), validity, "The check validity must be positive.");
        }

        var validityTicks = validity.BclCompatibleTicks;
        var outages = new List<Outage>();
        var held = new List<(long Start, long End)>();
        var scopes = checks
            .GroupBy(c => (c.Service, c.Customer, c.Site))
            .OrderBy(g => g.Key.Service, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Customer, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Site, StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            // Down sorts before up at the same instant, so the first of each instant is the one that counts.
            var results = scope.OrderBy(c => c.At).ThenBy(c => c.Up).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
            Walk(results, validityTicks, outages, held);
        }

        outages.Sort(static (a, b) =>
        {
            var byStart = a.Start.CompareTo(b.Start);
            return byStart != 0 ? byStart : string.CompareOrdinal(a.Id, b.Id);
        });
        return new CheckFindings([.. outages], Complement(held, period.Start.ToUnixTimeTicks(), period.End.ToUnixTimeTicks()));
    }

    /// <summary>Applies the rule to one scope's results, sorted by instant with down first at each instant.</summary>
    private static void Walk(List<CheckResult> results, long validity, List<Outage> outages, List<(long Start, long End)> held)
    {
        if (results.Count == 0)
        {
            return;
        }

        var first = results[0];
        var runStart = first.At.ToUnixTimeTicks();
        var runUp = first.Up;
        var runFirst = first;
        var runLast = first;
        var runEnd = runStart;
        for (var k = 0; k < results.Count; k++)
        {
            var result = results[k];
            var at = result.At.ToUnixTimeTicks();
            if (k > 0 && at == results[k - 1].At.ToUnixTimeTicks())
            {
                // Same instant: the first (a down one, if any) already counts.
                continue;
            }

            if (k > 0 && (at > runEnd || result.Up != runUp))
            {
                Close(runStart, runEnd, runUp, runFirst, runLast, outages, held);
                runStart = at;
                runUp = result.Up;
                runFirst = result;
            }

            runLast = result;
            var next = k + 1;
            while (next < results.Count && results[next].At == result.At)
            {
                next++;
            }

            var lapse = at + validity;
            runEnd = next < results.Count ? Math.Min(results[next].At.ToUnixTimeTicks(), lapse) : lapse;
        }

        Close(runStart, runEnd, runUp, runFirst, runLast, outages, held);
    }

    private static void Close(long start, long end, bool up, CheckResult first, CheckResult last, List<Outage> outages, List<(long Start, long End)> held)
    {
        held.Add((start, end));
        if (up)
        {
            return;
        }

        var description = ReferenceEquals(first, last)
            ? string.Create(CultureInfo.InvariantCulture, $"Monitoring: check {first.Id} down")
            : string.Create(CultureInfo.InvariantCulture, $"Monitoring: checks {first.Id} to {last.Id} down");
        outages.Add(new Outage("checks:" + first.Id, first.Service, Instant.FromUnixTimeTicks(start), Instant.FromUnixTimeTicks(end))
        {
            Customer = first.Customer,
            Site = first.Site,
            Description = description,
        });
    }

    /// <summary>The parts of [from, to) that no interval covers.</summary>
    private static ImmutableArray<Interval> Complement(List<(long Start, long End)> covered, long from, long to)
    {
        covered.Sort();
        var gaps = ImmutableArray.CreateBuilder<Interval>();
        var cursor = from;
        foreach (var (start, end) in covered)
        {
            if (start > cursor && cursor < to)
            {
                gaps.Add(new Interval(Instant.FromUnixTimeTicks(cursor), Instant.FromUnixTimeTicks(Math.Min(start, to))));
            }

            cursor = Math.Max(cursor, end);
        }

        if (cursor < to)
        {
            gaps.Add(new Interval(Instant.FromUnixTimeTicks(cursor), Instant.FromUnixTimeTicks(to)));
        }

        return gaps.ToImmutable();
    }
}
