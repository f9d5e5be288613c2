using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Pledge.Budgets;
using Interval = NodaTime.Interval;

namespace Pledge.Tests.Budgets;

/// <summary>Arithmetic invariants of budgets and burn rates, and the window queries against naive counts.</summary>
public sealed class BudgetPropertyTests
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 3, 1, 0, 0);

    private static readonly Gen<double> Objectives = Gen.Elements(0.0, 0.5, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99999);

    /// <summary>A share from 0 to 1 in millionths.</summary>
    private static readonly Gen<double> Fractions = Gen.Choose(0, 1_000_000).Select(n => n / 1_000_000.0);

    /// <summary>Outcomes on whole minutes of a day after <see cref="Origin"/>, some on the same minute.</summary>
    private static readonly Gen<(int Minute, bool Bad)[]> Outcomes =
        Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 1440), Gen.Elements(false, false, true)));

    /// <summary>Downtime on whole minutes of a day, overlapping at will, weights in quarters.</summary>
    private static readonly Gen<(int Start, int Length, double Weight)[]> Downtime =
        Gen.ArrayOf(
            from start in Gen.Choose(0, 1440)
            from length in Gen.Choose(0, 180)
            from quarters in Gen.Choose(0, 4)
            select (start, length, quarters / 4.0));

    private static readonly Gen<(int From, int To)> MinuteWindows =
        from a in Gen.Choose(-60, 1500)
        from b in Gen.Choose(-60, 1500)
        select (Math.Min(a, b), Math.Max(a, b));

    [Property(MaxTest = 2000)]
    public Property The_burn_rate_is_linear_in_the_bad_fraction() =>
        Prop.ForAll(Arb.From(from f in Fractions from k in Gen.Choose(0, 1000) from o in Objectives select (f, k, o)), c =>
        {
            var (fraction, k, objective) = c;

            var scaled = BurnRate.Of(k * fraction, objective);
            var expected = k * BurnRate.Of(fraction, objective);

            // Both go through 15 significant digits, and k multiplies the rounding of one of them: equal to 1e-9.
            Assert.True(Math.Abs(scaled - expected) <= 1e-9 * Math.Max(1, expected), $"{scaled} vs {expected}");
            // The plain double formula rounds 1 - objective (1 - 0.99999 is off by 7e-12 relative): compare relatively.
            var plain = fraction / (1 - objective);
            Assert.Equal(plain, BurnRate.Of(fraction, objective), 1e-9 * Math.Max(1, plain));
        });

    [Property(MaxTest = 2000)]
    public Property Spending_more_never_leaves_more_budget() =>
        Prop.ForAll(Arb.From(from t in Gen.Choose(0, int.MaxValue) from a in Gen.Choose(0, int.MaxValue) from b in Gen.Choose(0, int.MaxValue) from o in Objectives select (t, a, b, o)), c =>
        {
            var (total, a, b, objective) = c;
            var budget = ErrorBudget.ForEvents(total, objective);

            var less = budget.Spend(Math.Min(a, b));
            var more = budget.Spend(Math.Max(a, b));

            Assert.True(more.Remaining <= less.Remaining);
            Assert.True(more.RemainingShare is null || more.RemainingShare <= less.RemainingShare);
            Assert.True(!less.Overspent || more.Overspent);
            Assert.Equal(budget.Allowed, less.Remaining + less.Spent, 1e-6);
        });

    [Property(MaxTest = 1000)]
    public Property An_event_window_counts_what_a_naive_count_counts() =>
        Prop.ForAll(Arb.From(Gen.Zip(Outcomes, MinuteWindows)), c =>
        {
            var (outcomes, (from, to)) = c;
            var series = new EventSeriesBadness(outcomes.Select(o => (At(o.Minute), o.Bad)));

            var count = series.Count(new Interval(At(from), At(to)));

            var inside = outcomes.Where(o => o.Minute >= from && o.Minute < to).ToArray();
            Assert.Equal(new BadCount(inside.Count(o => o.Bad), inside.Length), count);
            var nextBad = outcomes.Where(o => o.Bad && o.Minute >= from).Select(o => (int?)o.Minute).Min();
            Assert.Equal(nextBad is { } m ? At(m) : null, series.NextBad(At(from)));
        });

    [Property(MaxTest = 1000)]
    public Property A_downtime_window_counts_what_a_minute_by_minute_sum_counts() =>
        Prop.ForAll(Arb.From(Gen.Zip(Downtime, MinuteWindows)), c =>
        {
            var (downtime, (from, to)) = c;
            var series = new TimeSeriesBadness(downtime.Select(d => (At(d.Start), At(d.Start + d.Length), d.Weight)));

            var count = series.Count(new Interval(At(from), At(to)));

            // Each minute counts at the highest weight of the downtime that covers it.
            var naive = Enumerable.Range(from, to - from)
                .Sum(m => downtime.Where(d => d.Start <= m && m < d.Start + d.Length).Select(d => d.Weight).DefaultIfEmpty(0).Max());
            Assert.Equal(to - from, count.Total);
            Assert.Equal(naive, count.Bad, 1e-9);
        });

    [Property(MaxTest = 300)]
    public Property The_first_firing_search_finds_what_polling_every_step_finds() =>
        Prop.ForAll(Arb.From(from o in Outcomes from d in Downtime from s in Gen.Elements(1, 5, 7) select (o, d, s)), c =>
        {
            var (outcomes, downtime, stepMinutes) = c;
            var rule = new MultiWindowAlertRule(Duration.FromMinutes(60), Duration.FromMinutes(5), 14.4);
            var span = new Interval(At(0), At(1440));
            var step = Duration.FromMinutes(stepMinutes);
            IBadFractionSource[] sources =
            [
                new EventSeriesBadness(outcomes.Select(o => (At(o.Minute), o.Bad))),
                new TimeSeriesBadness(downtime.Select(d => (At(d.Start), At(d.Start + d.Length), d.Weight))),
            ];

            foreach (var source in sources)
            {
                AlertCheck? naive = null;
                for (var at = span.Start; at < span.End && naive is null; at += step)
                {
                    var check = rule.Check(source, 0.99, at);
                    naive = check.Fires ? check : null;
                }

                Assert.Equal(naive, rule.FirstFiring(source, 0.99, span, step));
            }
        });

    private static Instant At(int minute) => Origin + Duration.FromMinutes(minute);
}
