using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Pledge.Calendars;
using Pledge.Clocks;
using Pledge.Tests.Calendars;
using Pledge.Tickets;

namespace Pledge.Tests.Clocks;

/// <summary>
/// Invariants of the clock evaluator over generated tickets (up to 15 events: status, priority, comments,
/// resolutions, reopens, closings, merges, assignments) on office-hours, round-the-clock and night-shift
/// calendars, for every clock kind and policy. A failure prints the definition and the events.
/// </summary>
public sealed class ClockPropertyTests
{
    private static readonly ConcurrentDictionary<string, BusinessCalendar> Loaded = new(StringComparer.Ordinal);

    private static Arbitrary<ClockCase> Cases { get; } = Arb.From(ClockGen.Cases);

    [Property(MaxTest = 2000)]
    public Property Replaying_the_events_in_any_order_with_duplicates_gives_the_same_outcome() =>
        Prop.ForAll(Cases, c =>
        {
            var clean = c.Evaluate();
            var random = new Random(c.Seed);
            var copies = c.Events.Where(_ => random.Next(3) == 0).Select(e => e with { }).ToList();
            var scrambled = c.Events.Concat(copies).Select(e => (Key: random.Next(), Event: e)).OrderBy(p => p.Key).Select(p => p.Event).ToList();

            var replayed = ClockEvaluator.Evaluate(c.Definition, TicketHistory.Of(scrambled), c.AsOf);

            ClockKit.AssertSameOutcome(clean, replayed);
            // And evaluating again changes nothing: no state survives between evaluations.
            ClockKit.AssertSameOutcome(clean, c.Evaluate());
        });

    [Property(MaxTest = 2000)]
    public Property Adding_a_pause_never_brings_a_deadline_or_a_breach_forward_nor_adds_consumed_time() =>
        Prop.ForAll(Cases, c =>
        {
            // Waiting for the customer over [from, to), the status before and after unchanged.
            var from = ClockGen.Between(c.Created, c.AsOf, c.PickA);
            var to = from + Duration.FromMinutes(1 + (c.PickB % (3 * 24 * 60)));
            var paused = WithPause(c.Events, from, to);

            var plain = c.Evaluate();
            var withPause = ClockEvaluator.Evaluate(c.Definition, TicketHistory.Of(paused), c.AsOf);

            AssertNeverAhead(plain, withPause);
        });

    [Property(MaxTest = 1500)]
    public Property Adding_a_holiday_never_adds_business_time_to_a_clock() =>
        Prop.ForAll(Cases, c =>
        {
            // Office hours or round the clock in Berlin; a whole or shortened holiday in the three weeks from 2 March.
            var roundTheClock = c.PickA % 2 == 1;
            var date = new LocalDate(2026, 3, 2).PlusDays(c.PickB % 21);
            var hours = (c.PickB / 21 % 3) switch
            {
                0 => null,
                1 => "10:00-12:00",
                _ => "09:00-13:00",
            };
            var week = roundTheClock ? TestCalendars.AllWeek("Europe/Berlin") : TestCalendars.Week("Europe/Berlin", "09:00-17:00", TestCalendars.WorkingDays);
            if (!roundTheClock && date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                // A shortened weekend day would open a closed day: keep it whole.
                hours = null;
            }

            var day = date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
            var holiday = hours is null ? $"holidays:\n  - {day}\n" : $"holidays:\n  - {{ date: {day}, hours: [\"{hours}\"] }}\n";
            var open = Load(week);
            var closed = Load(week + holiday);

            var plain = ClockEvaluator.Evaluate(ClockGen.Definition(c, open), c.History, c.AsOf);
            var withHoliday = ClockEvaluator.Evaluate(ClockGen.Definition(c, closed), c.History, c.AsOf);

            AssertNeverAhead(plain, withHoliday);
            // And the calendar itself: no stretch of the ticket's life holds more business time.
            var instants = c.Events.Select(e => e.At).Append(c.AsOf).Order().ToList();
            for (var i = 0; i + 1 < instants.Count; i++)
            {
                Assert.True(closed.Elapsed(instants[i], instants[i + 1]) <= open.Elapsed(instants[i], instants[i + 1]));
            }

            Assert.True(closed.Elapsed(c.Created, c.AsOf) <= open.Elapsed(c.Created, c.AsOf));
        });

    [Property(MaxTest = 2000)]
    public Property Consumed_time_is_the_business_time_elapsed_while_the_measurement_ran() =>
        Prop.ForAll(Cases, generated =>
        {
            // Recompute keeps consumed time as it ran (restart and carry-share rewrite it at a change).
            var c = generated with { Change = PriorityChangePolicy.Recompute };
            var definition = c.Definition;
            var history = c.History;

            var outcome = ClockEvaluator.Evaluate(definition, history, c.AsOf);

            foreach (var measurement in outcome.Measurements)
            {
                Assert.Equal(RunningTime(definition, history, measurement, c.AsOf), measurement.Consumed);
            }
        });

    [Property(MaxTest = 2000)]
    public Property Warnings_come_in_time_order_and_before_the_breach() =>
        Prop.ForAll(Cases, c => AssertWarningsBeforeBreach(c.Evaluate()));

    [Property(MaxTest = 2000)]
    public Property Without_priority_changes_warnings_come_in_time_order_and_before_the_breach() =>
        Prop.ForAll(Cases, c =>
        {
            var steady = c with { Events = [.. c.Events.Where(e => e is not TicketPriorityChanged)] };
            AssertWarningsBeforeBreach(steady.Evaluate());
        });

    [Property(MaxTest = 2000)]
    public Property A_met_measurement_never_used_more_than_its_threshold_and_one_over_it_is_breached() =>
        Prop.ForAll(Cases, c =>
        {
            var outcome = c.Evaluate();

            foreach (var m in outcome.Measurements)
            {
                if (m.IsMet)
                {
                    Assert.True(m.Consumed <= m.Threshold, $"measurement {m.Number} is met with {m.Consumed} of {m.Threshold}");
                }

                // A cancelled (merged) measurement is not judged, so it is never breached.
                if (m.Consumed > m.Threshold && !m.IsCancelled)
                {
                    Assert.True(m.IsBreached, $"measurement {m.Number} used {m.Consumed} of {m.Threshold} but is not breached");
                }

                if (m.BreachedAt is { } breached)
                {
                    Assert.InRange(breached, m.Start, m.End ?? c.AsOf);
                }
            }
        });

    // Many cases: the revealing histories (resolved, priority changed, reopened under Continue) are rare.
    [Property(MaxTest = 10000)]
    public Property A_measurement_is_judged_against_the_threshold_of_the_priority_it_reports() =>
        Prop.ForAll(Cases, c =>
        {
            // A priority without a threshold keeps the one in force, so only priorities with one are checked.
            var definition = c.Definition;

            foreach (var m in c.Evaluate().Measurements)
            {
                if (definition.TryGetThreshold(m.Priority, out var threshold))
                {
                    Assert.True(threshold == m.Threshold, $"measurement {m.Number} reports priority {m.Priority} ({threshold}) but is judged against {m.Threshold}");
                }
            }
        });

    [Property(MaxTest = 2000)]
    public Property Events_no_clock_rule_reacts_to_change_nothing() =>
        Prop.ForAll(Cases, c =>
        {
            // Assignments, service changes and internal notes start, stop, pause and reset nothing.
            var random = new Random(c.Seed);
            var extra = Enumerable.Range(0, 1 + random.Next(4)).Select(i =>
            {
                var at = ClockGen.Between(c.Created, c.AsOf, random.Next(1_000_001));
                var id = string.Create(CultureInfo.InvariantCulture, $"inert-{i}");
                return (i % 3) switch
                {
                    0 => (TicketEvent)new TicketAssigned(id, "T", at, "third-line"),
                    1 => new TicketServiceChanged(id, "T", at, "vpn"),
                    _ => new TicketCommented(id, "T", at, CommentAuthor.Agent, IsPublic: false),
                };
            }).ToList();

            var plain = c.Evaluate();
            var withExtra = ClockEvaluator.Evaluate(c.Definition, TicketHistory.Of(c.Events.Concat(extra)), c.AsOf);

            var without = Describe(plain);
            var with = Describe(withExtra);
            Assert.True(
                without == with,
                $"inserted {string.Join(", ", extra.Select(e => $"{ClockGen.Describe(e)} at {ClockGen.Show(e.At)}"))}\nwithout them:\n{without}\nwith them:\n{with}");
        });

    [Property(MaxTest = 1500)]
    public Property The_explanation_at_an_earlier_instant_is_the_beginning_of_the_later_one() =>
        Prop.ForAll(Cases, c =>
        {
            var earlier = ClockGen.Between(c.Created, c.AsOf, c.PickA);

            var early = ClockEvaluator.Evaluate(c.Definition, c.History, earlier);
            var late = c.Evaluate();

            Assert.True(early.Timeline.Length <= late.Timeline.Length);
            Assert.Equal(early.Timeline.ToArray(), late.Timeline.Take(early.Timeline.Length).ToArray());
        });

    /// <summary>Measurements and timeline as text, instants in Berlin: what a failure prints.</summary>
    private static string Describe(ClockOutcome outcome) =>
        string.Join('\n', outcome.Measurements.Select(m =>
                $"  measurement {m.Number}: {ClockGen.Show(m.Start)} to {(m.End is { } end ? ClockGen.Show(end) : "open")}, {m.Priority} {m.Threshold}, consumed {m.Consumed}, "
                + $"breached {(m.BreachedAt is { } b ? ClockGen.Show(b) : "no")}, due {(m.Deadline is { } d ? ClockGen.Show(d) : "-")}{(m.IsCancelled ? ", cancelled" : string.Empty)}")
            .Concat(outcome.Timeline.Select(s => $"  {ClockGen.Show(s.At)} {s.Kind} m{s.Measurement} {s.Consumed} due {(s.Deadline is { } d ? ClockGen.Show(d) : "-")}: {s.Detail}")));

    private static BusinessCalendar Load(string yaml) => Loaded.GetOrAdd(yaml, y => CalendarFile.Load(y, "generated.yaml"));

    /// <summary>
    /// <paramref name="later"/> is the same ticket with less business time (a pause, a holiday): the same
    /// measurements, none with more consumed time, none breached earlier, no open deadline earlier.
    /// </summary>
    private static void AssertNeverAhead(ClockOutcome plain, ClockOutcome later)
    {
        Assert.Equal(plain.Measurements.Length, later.Measurements.Length);
        for (var i = 0; i < plain.Measurements.Length; i++)
        {
            var p = plain.Measurements[i];
            var q = later.Measurements[i];
            Assert.Equal((p.Number, p.Start, p.End, p.Threshold, p.IsCancelled), (q.Number, q.Start, q.End, q.Threshold, q.IsCancelled));
            Assert.True(q.Consumed <= p.Consumed, $"measurement {p.Number}: {q.Consumed} consumed with less business time, {p.Consumed} without");
            if (q.BreachedAt is { } laterBreach)
            {
                Assert.True(p.BreachedAt is { } plainBreach && plainBreach <= laterBreach, $"measurement {p.Number}: breached at {laterBreach} with less business time, at {p.BreachedAt} without");
            }

            if (q.Deadline is { } laterDeadline && p.Deadline is { } plainDeadline)
            {
                Assert.True(plainDeadline <= laterDeadline, $"measurement {p.Number}: due {laterDeadline} with less business time, {plainDeadline} without");
            }

            if (p.IsOpen && p.Deadline is null)
            {
                Assert.Null(q.Deadline);
            }
        }
    }

    private static void AssertWarningsBeforeBreach(ClockOutcome outcome)
    {
        var timeline = outcome.Timeline;
        for (var i = 1; i < timeline.Length; i++)
        {
            Assert.True(timeline[i - 1].At <= timeline[i].At, $"step {i} ({timeline[i].Kind} at {timeline[i].At}) comes before step {i - 1} ({timeline[i - 1].Kind} at {timeline[i - 1].At})");
        }

        foreach (var number in timeline.Select(s => s.Measurement).Distinct())
        {
            var steps = timeline.Where(s => s.Measurement == number).ToList();
            var breach = steps.FindIndex(s => s.Kind == ClockStepKind.Breached);
            if (breach >= 0)
            {
                Assert.DoesNotContain(steps.Skip(breach), s => s.Kind == ClockStepKind.Warning);
            }
        }

        foreach (var measurement in outcome.Measurements.Where(m => m.BreachedAt is not null))
        {
            Assert.All(
                timeline.Where(s => s.Measurement == measurement.Number && s.Kind == ClockStepKind.Warning),
                s => Assert.True(s.At <= measurement.BreachedAt, $"warning at {s.At} after the breach at {measurement.BreachedAt}"));
        }
    }

    /// <summary>The events with the status waiting-customer over [from, to) and as it was everywhere else.</summary>
    private static List<TicketEvent> WithPause(ImmutableArray<TicketEvent> events, Instant from, Instant to)
    {
        var after = StatusAt(events, to);
        var kept = events.Where(e => e is not TicketStatusChanged || e.At < from || e.At > to).ToList();
        kept.Add(new TicketStatusChanged("pause-in", "T", from, "waiting-customer"));
        kept.Add(new TicketStatusChanged("pause-out", "T", to, after));
        return kept;
    }

    /// <summary>The status once every event at or before <paramref name="at"/> has applied.</summary>
    private static string StatusAt(IEnumerable<TicketEvent> events, Instant at)
    {
        var status = string.Empty;
        foreach (var e in TicketHistory.Of(events).Events.TakeWhile(e => e.At <= at))
        {
            status = e switch
            {
                TicketCreated created => created.Status,
                TicketStatusChanged changed => changed.Status,
                _ => status,
            };
        }

        return status;
    }

    /// <summary>
    /// An independent reckoning of a measurement's consumed time: calendar business time over the stretches of
    /// [start, end or evaluation) where the status is not a pause status and, for a resolution clock that
    /// continues on reopen, the ticket is not waiting resolved for a reopen.
    /// </summary>
    private static Duration RunningTime(ClockDefinition definition, TicketHistory history, Measurement measurement, Instant asOf)
    {
        var end = measurement.End ?? asOf;
        var events = history.Events.Where(e => e.At <= asOf).ToList();
        var cuts = events.Select(e => e.At).Where(t => t > measurement.Start && t < end).Append(measurement.Start).Append(end).Distinct().Order().ToList();
        var continues = definition.Kind == ClockKind.Resolution && definition.Reopen == ReopenPolicy.Continue;
        var total = Duration.Zero;
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            // The state once every event at or before the stretch's start has applied.
            var status = string.Empty;
            var resolved = false;
            foreach (var e in events.TakeWhile(e => e.At <= cuts[i]))
            {
                switch (e)
                {
                    case TicketCreated created:
                        status = created.Status;
                        break;
                    case TicketStatusChanged changed:
                        status = changed.Status;
                        break;
                    case TicketResolved:
                        resolved = true;
                        break;
                    case TicketReopened:
                        resolved = false;
                        break;
                }
            }

            if (!definition.PauseStatuses.Contains(status) && !(continues && resolved))
            {
                total += definition.Calendar.Elapsed(cuts[i], cuts[i + 1]);
            }
        }

        return total;
    }
}
