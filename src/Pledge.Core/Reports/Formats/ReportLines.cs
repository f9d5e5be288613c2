using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Pledge.Agreements;
using Pledge.Budgets;
using Pledge.Measures;
using Pledge.Text;

namespace Pledge.Reports.Formats;

/// <summary>
/// One target of one customer in the report, whatever its kind: the shape every output format prints, so a
/// ticket clock and an availability target read alike.
/// </summary>
public sealed record TargetLine(
    string Customer,
    string Agreement,
    string Target,
    TargetKind Kind,
    string Service,
    double? Value,
    double Objective,
    bool ValueIsShare,
    Verdict Verdict,
    string Explanation)
{
    /// <summary>The error budget and what is spent.</summary>
    public BudgetStatus? Budget { get; init; }

    /// <summary>Burn rates over the standard windows.</summary>
    public ImmutableArray<WindowBurn> Burn { get; init; } = [];

    /// <summary>Whether the fast multi-window burn alert fires.</summary>
    public bool BurnAlert { get; init; }

    /// <summary>The engine's result for measure targets.</summary>
    public object? Detail { get; init; }

    /// <summary>The unit of a series value.</summary>
    public string? Unit { get; init; }

    /// <summary>The value as printed: "99.52%", "4.3", "7.8 °C", "n/a".</summary>
    public string ValueText => ValueIsShare ? ReportText.Percent(Value) : ReportText.Number(Value) + (Unit is null || Value is null ? string.Empty : $" {Unit}");

    /// <summary>The objective as printed; a custom target's threshold with its comparison.</summary>
    public string ObjectiveText { get; init; } = string.Empty;

    /// <summary>"met", "missed" or "not enough data".</summary>
    public string VerdictText => ReportText.Verdict(Verdict);
}

/// <summary>Turns a <see cref="ServiceReport"/> into <see cref="TargetLine"/>s, grouped by customer and agreement.</summary>
public static class ReportLines
{
    /// <summary>Every target line, by customer, agreement, kind, target and service.</summary>
    public static ImmutableArray<TargetLine> Of(ServiceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<TargetLine>();
        foreach (var group in report.Tickets.Rows.GroupBy(r => (r.Customer, r.Agreement, r.Target, r.Kind)))
        {
            var met = group.Sum(r => r.Met);
            var total = group.Sum(r => r.Total);
            var objective = group.First().Objective;
            var attainment = total == 0 ? (double?)null : (double)met / total;
            var budget = report.TicketBudgets.FirstOrDefault(b => b.Customer == group.Key.Customer && b.Agreement == group.Key.Agreement && b.Target == group.Key.Target);
            var kind = TargetKindNames.All.First(k => k.Name == group.Key.Kind).Kind;
            var breaches = report.Tickets.Breaches.Count(b => b.Customer == group.Key.Customer && b.Agreement == group.Key.Agreement && b.Target == group.Key.Target);
            lines.Add(new TargetLine(group.Key.Customer, group.Key.Agreement, group.Key.Target, kind, "*", attainment, objective, true,
                total == 0 ? Verdict.NotEnoughData : attainment >= objective ? Verdict.Met : Verdict.Missed,
                string.Create(CultureInfo.InvariantCulture, $"{met} of {total} ticket clocks met; {breaches} breach(es)"))
            {
                Budget = budget?.Budget,
                Burn = budget?.Burn ?? [],
                BurnAlert = budget?.BurnAlert ?? false,
                ObjectiveText = ReportText.Percent(objective),
            });
        }

        foreach (var row in report.Measures)
        {
            lines.Add(new TargetLine(row.Customer, row.Agreement, row.Target, row.Kind, row.Service, row.Value, row.Objective, row.ValueIsShare, row.Verdict, row.Explanation)
            {
                Budget = row.Budget,
                Burn = row.Burn,
                BurnAlert = row.BurnAlert,
                Detail = row.Detail,
                Unit = row.Unit,
                ObjectiveText = row.ThresholdText ?? (row.ValueIsShare ? ReportText.Percent(row.Objective) : ReportText.Number(row.Objective)),
            });
        }

        return
        [
            .. lines.OrderBy(l => l.Customer, StringComparer.Ordinal)
                .ThenBy(l => l.Agreement, StringComparer.Ordinal)
                .ThenBy(l => KindOrder(l.Kind))
                .ThenBy(l => l.Target, StringComparer.Ordinal)
                .ThenBy(l => l.Service, StringComparer.Ordinal),
        ];
    }

    private static int KindOrder(TargetKind kind)
    {
        for (var i = 0; i < TargetKindNames.All.Count; i++)
        {
            if (TargetKindNames.All[i].Kind == kind)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}

/// <summary>How reports write numbers, shares, verdicts, durations and instants.</summary>
public static class ReportText
{
    /// <summary>"99.52%", or "n/a".</summary>
    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>"4.3", or "n/a".</summary>
    public static string Number(double? value) =>
        value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>"met", "missed", "not enough data".</summary>
    public static string Verdict(Verdict verdict) => verdict switch
    {
        Measures.Verdict.Met => "met",
        Measures.Verdict.Missed => "missed",
        _ => "not enough data",
    };

    /// <summary>The instant in <paramref name="zone"/> with its offset: <c>2026-11-03T10:15:00+01:00</c>.</summary>
    public static string Instant(Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return IsoInstant.Format(instant.ToUnixTimeTicks(), zone.GetUtcOffset(instant).Ticks);
    }

    /// <summary>The zone of an agreement by id (UTC when unknown), for printing its instants.</summary>
    public static DateTimeZone ZoneOf(ServiceLevelRepository repository, string agreement)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repository.Agreements.TryGetValue(agreement, out var found) ? found.Zone : DateTimeZone.Utc;
    }

    /// <summary>The budget left as printed: "31.2 of 43.2 min left (72%)" or "3 of 5 events left".</summary>
    public static string Budget(BudgetStatus? budget)
    {
        if (budget is null)
        {
            return "n/a";
        }

        var unit = budget.Unit == BudgetUnit.Minutes ? "min" : "misses";
        var share = budget.RemainingShare is { } r ? $" ({Percent(r)})" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{budget.Remaining:0.##} of {budget.Allowed:0.##} {unit} left{share}");
    }

    /// <summary>Burn rates as printed: "1h 0, 6h 2.5, 1d 0.4, 3d 0.2".</summary>
    public static string Burn(ImmutableArray<WindowBurn> burn) =>
        burn.IsDefaultOrEmpty
            ? "n/a"
            : string.Join(", ", burn.Select(w => $"{Window(w.Window)} {(w.Rate is { } rate ? rate.ToString("0.##", CultureInfo.InvariantCulture) : "n/a")}"));

    /// <summary>A burn window as people name it: 1h, 6h, 1d, 3d.</summary>
    public static string Window(Duration window) =>
        window >= Duration.FromDays(1) && window.BclCompatibleTicks % Duration.FromDays(1).BclCompatibleTicks == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{window.Days}d")
            : Durations.Format(window);

    /// <summary>The zone reports print their own instants in: the agreements' zone when they share one, else UTC.</summary>
    public static DateTimeZone ReportZone(ServiceLevelRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var zones = repository.Agreements.Values.Select(a => a.Zone).Distinct().ToList();
        return zones.Count == 1 ? zones[0] : DateTimeZone.Utc;
    }
}
