using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Pledge.Agreements;
using Pledge.Clocks;
using Pledge.Measures;
using Pledge.Reports.Formats;
using Pledge.Satisfaction;
using Pledge.Series;
using Pledge.Tickets;

namespace Pledge.Reports;

/// <summary>
/// A proposed change of one target: <c>acme-gold/resolution.P1=2h</c> (a clock threshold for one priority) or
/// <c>acme-gold/availability=99.5%</c> (an objective; a custom target's threshold such as <c>&lt;= 9</c>).
/// </summary>
public sealed record TargetChange(string Agreement, string Target, string? Priority, string Value)
{
    /// <summary><c>agreement-id/target-id</c>.</summary>
    public string QualifiedTarget => $"{Agreement}/{Target}";

    /// <summary>Parses <c>AGREEMENT/TARGET[.PRIORITY]=VALUE</c>; false with the reason otherwise.</summary>
    public static bool TryParse(string? text, out TargetChange change, out string error)
    {
        change = null!;
        error = string.Empty;
        var equals = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || equals < 0 || slash <= 0 || slash > equals || string.IsNullOrWhiteSpace(text[(equals + 1)..]))
        {
            error = $"\"{text}\" is not TARGET=VALUE, such as acme-gold/resolution.P1=2h or acme-gold/availability=99.5%";
            return false;
        }

        // Each part is trimmed on its own, so "acme-gold/resolution . P1 = 2h" reads as acme-gold/resolution.P1=2h.
        var agreement = text[..slash].Trim();
        var name = text[(slash + 1)..equals];
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var target = (dot < 0 ? name : name[..dot]).Trim();
        var priority = dot < 0 ? null : name[(dot + 1)..].Trim();
        if (agreement.Length == 0 || target.Length == 0 || priority is { Length: 0 })
        {
            error = $"\"{text}\" is not TARGET=VALUE, such as acme-gold/resolution.P1=2h or acme-gold/availability=99.5%";
            return false;
        }

        change = new TargetChange(agreement, target, priority, text[(equals + 1)..].Trim());
        return true;
    }
}

/// <summary>One period of one target under the current and the proposed value.</summary>
public sealed record WhatIfRow(
    string Period,
    string Target,
    string Kind,
    string Customer,
    string Service,
    string CurrentObjective,
    string CurrentValue,
    Verdict CurrentVerdict,
    string ProposedObjective,
    string ProposedValue,
    Verdict ProposedVerdict);

/// <summary>The value history would have met, and on what it is based.</summary>
public sealed record Suggestion(string Target, string? Priority, double Attainment, string Value, string Current, int Measurements, string Basis);

/// <summary>
/// Design aids for negotiating agreements: what attainment the last periods would have had under a proposed
/// value (<see cref="WhatIf"/>), and which value history would have met at a given attainment (<see cref="Suggest"/>).
/// </summary>
public static class DesignAids
{
    /// <summary>A copy of <paramref name="repository"/> with <paramref name="change"/> applied to every version that has the target.</summary>
    /// <exception cref="ArgumentException">The target is unknown or the value does not fit it, with the reason.</exception>
    public static ServiceLevelRepository Apply(ServiceLevelRepository repository, TargetChange change)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(change);
        if (!repository.Agreements.TryGetValue(change.Agreement, out var agreement))
        {
            throw new ArgumentException($"{change.QualifiedTarget}: there is no agreement \"{change.Agreement}\"");
        }

        var found = false;
        var versions = agreement.Versions.Select(version => version with
        {
            Targets = [.. version.Targets.Select(target =>
            {
                if (!string.Equals(target.Id, change.Target, StringComparison.OrdinalIgnoreCase))
                {
                    return target;
                }

                found = true;
                return Changed(target, change);
            })],
        }).ToImmutableArray();
        if (!found)
        {
            throw new ArgumentException($"{change.QualifiedTarget}: agreement {agreement.Id} has no target \"{change.Target}\"");
        }

        var agreements = repository.Agreements.SetItem(agreement.Id, agreement with { Versions = versions });
        return new ServiceLevelRepository(repository.Services.Values, repository.Customers.Values, repository.Calendars, agreements.Values, repository.Teams, repository.Suppliers);
    }

    /// <summary>
    /// Attainment of every changed target in each of <paramref name="periods"/>, under the current and the
    /// proposed values. Ticket clocks are summed over customers, services and priorities; measure targets are
    /// shown per customer (and service, for availability).
    /// </summary>
    public static ImmutableArray<WhatIfRow> WhatIf(
        ServiceLevelRepository repository,
        IReadOnlyList<TicketHistory> histories,
        MeasureEvents events,
        IReadOnlyList<ReportPeriod> periods,
        Instant asOf,
        IReadOnlyList<TargetChange> changes)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(changes);
        var proposed = changes.Aggregate(repository, Apply);
        var targets = changes.Select(c => c.QualifiedTarget).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rows = ImmutableArray.CreateBuilder<WhatIfRow>();
        foreach (var period in periods)
        {
            var before = AttainmentReport.Build(repository, histories, period, asOf);
            var after = AttainmentReport.Build(proposed, histories, period, asOf);
            foreach (var current in before.ByTarget().Where(r => targets.Contains($"{r.Agreement}/{r.Target}")))
            {
                var changed = after.ByTarget().FirstOrDefault(r => r.Agreement == current.Agreement && r.Target == current.Target);
                rows.Add(new WhatIfRow(period.Name, $"{current.Agreement}/{current.Target}", current.Kind, "*", "*",
                    ClockObjective(repository, current, changes, asOf), Share(current), Verdict(current),
                    changed is null ? "n/a" : ClockObjective(proposed, changed, changes, asOf), changed is null ? "n/a" : Share(changed), changed is null ? Measures.Verdict.NotEnoughData : Verdict(changed)));
            }

            var measuresBefore = MeasureReport.Build(repository, events, period, asOf).Where(r => targets.Contains(r.QualifiedTarget)).ToList();
            var measuresAfter = MeasureReport.Build(proposed, events, period, asOf);
            foreach (var current in measuresBefore)
            {
                var changed = measuresAfter.FirstOrDefault(r => r.QualifiedTarget == current.QualifiedTarget && r.Customer == current.Customer && r.Service == current.Service);
                rows.Add(new WhatIfRow(period.Name, current.QualifiedTarget, TargetKindNames.Of(current.Kind), current.Customer, current.Service,
                    ObjectiveText(current), ValueText(current), current.Verdict,
                    changed is null ? "n/a" : ObjectiveText(changed), changed is null ? "n/a" : ValueText(changed), changed?.Verdict ?? Measures.Verdict.NotEnoughData));
            }
        }

        return rows.ToImmutable();
    }

    /// <summary>
    /// The value of <paramref name="qualifiedTarget"/> that history (the <paramref name="periods"/>) would have met
    /// at <paramref name="attainment"/>: for a ticket clock, the threshold for <paramref name="priority"/> that that
    /// share of its measurements kept (nearest rank, rounded up to a minute); for a measure target, the objective
    /// (or a custom target's threshold) that that share of its period values reached.
    /// </summary>
    /// <exception cref="ArgumentException">The target is unknown, or a clock target without a priority.</exception>
    public static Suggestion Suggest(
        ServiceLevelRepository repository,
        IReadOnlyList<TicketHistory> histories,
        MeasureEvents events,
        IReadOnlyList<ReportPeriod> periods,
        Instant asOf,
        string qualifiedTarget,
        string? priority,
        double attainment)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attainment);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attainment, 1);
        var target = FindTarget(repository, qualifiedTarget, asOf)
            ?? throw new ArgumentException($"{qualifiedTarget} is not a target (agreement-id/target-id)");
        return target.IsClock
            ? SuggestThreshold(repository, histories, periods, asOf, qualifiedTarget, target, priority ?? throw new ArgumentException($"{qualifiedTarget} is a ticket clock: give the priority whose threshold to suggest"), attainment)
            : SuggestObjective(repository, events, periods, asOf, qualifiedTarget, target, attainment);
    }

    private static Suggestion SuggestThreshold(ServiceLevelRepository repository, IReadOnlyList<TicketHistory> histories, IReadOnlyList<ReportPeriod> periods, Instant asOf, string qualifiedTarget, Target target, string priority, double attainment)
    {
        var consumed = new List<Duration>();
        foreach (var history in histories)
        {
            if (history.Created is not { } created)
            {
                continue;
            }

            foreach (var resolution in repository.Resolve(created.Customer, created.Service, created.Priority, created.At))
            {
                if (!string.Equals(resolution.Winner.QualifiedId, qualifiedTarget, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var zone = resolution.Winner.Agreement.Zone;
                var outcome = ClockEvaluator.Evaluate(repository.ClockFor(resolution.Winner), history, asOf, explain: false);
                foreach (var m in outcome.Measurements)
                {
                    // Only ended measurements say how long the work took; open ones are still running.
                    if (m.End is { } end && !m.IsCancelled && string.Equals(m.Priority, priority, StringComparison.OrdinalIgnoreCase)
                        && periods.Any(p => p.In(zone, asOf).Contains(end)))
                    {
                        consumed.Add(m.Consumed);
                    }
                }
            }
        }

        var current = target.Thresholds.TryGetValue(priority, out var threshold) ? Durations.Format(threshold) : "none";
        if (consumed.Count == 0)
        {
            return new Suggestion(qualifiedTarget, priority, attainment, "n/a", current, 0, $"no ended {priority} measurement of {qualifiedTarget} in the periods");
        }

        consumed.Sort();
        var rank = Math.Max(1, (int)Math.Ceiling(attainment * consumed.Count));
        var minutes = Math.Max(1, (long)Math.Ceiling(consumed[rank - 1].TotalMinutes - 1e-9));
        var metNow = threshold == default ? 0 : consumed.Count(c => c <= threshold);
        var basis = string.Create(CultureInfo.InvariantCulture,
            $"{consumed.Count} ended {priority} measurements in {string.Join(", ", periods.Select(p => p.Name))}; {rank} of them took at most {Durations.Format(Duration.FromMinutes(minutes))}");
        if (threshold != default)
        {
            basis += string.Create(CultureInfo.InvariantCulture, $"; the current {current} was kept by {metNow} ({ReportText.Percent((double)metNow / consumed.Count)})");
        }

        return new Suggestion(qualifiedTarget, priority, attainment, Durations.Format(Duration.FromMinutes(minutes)), current, consumed.Count, basis);
    }

    private static Suggestion SuggestObjective(ServiceLevelRepository repository, MeasureEvents events, IReadOnlyList<ReportPeriod> periods, Instant asOf, string qualifiedTarget, Target target, double attainment)
    {
        var rows = periods.SelectMany(p => MeasureReport.Build(repository, events, p, asOf))
            .Where(r => string.Equals(r.QualifiedTarget, qualifiedTarget, StringComparison.OrdinalIgnoreCase) && r.Value is not null
                && r.Verdict != Measures.Verdict.NotEnoughData)
            .ToList();
        var current = CurrentText(target);
        if (rows.Count == 0)
        {
            return new Suggestion(qualifiedTarget, null, attainment, "n/a", current, 0, $"no measured value of {qualifiedTarget} in the periods");
        }

        // Higher is better except for a custom series bounded from above: the suggestion is the value that the
        // given share of the period values reached.
        var lowerIsBetter = target.Series is { Comparison: Comparison.AtMost or Comparison.Below };
        var values = rows.Select(r => r.Value!.Value).Order().ToList();
        if (!lowerIsBetter)
        {
            values.Reverse();
        }

        var rank = Math.Max(1, (int)Math.Ceiling(attainment * values.Count));
        var value = values[rank - 1];
        var isShare = rows[0].ValueIsShare;
        var text = isShare
            ? ReportText.Percent(Math.Floor(value * 10000) / 10000)
            : target.Series is { } series
                ? ThresholdText(series, lowerIsBetter ? Math.Ceiling(value * 100) / 100 : Math.Floor(value * 100) / 100)
                : (Math.Floor(value * 100) / 100).ToString("0.##", CultureInfo.InvariantCulture);
        var basis = string.Create(CultureInfo.InvariantCulture,
            $"{values.Count} period values (per customer{(target.Kind == TargetKind.Availability ? " and service" : string.Empty)}) in {string.Join(", ", periods.Select(p => p.Name))}; {rank} of them reached {text}");
        return new Suggestion(qualifiedTarget, null, attainment, text, current, values.Count, basis);
    }

    // The target as the version in force at asOf has it; a draft or a version still negotiated (a higher number,
    // not yet in force) must not be shown as the current value.
    private static Target? FindTarget(ServiceLevelRepository repository, string qualifiedTarget, Instant asOf)
    {
        var slash = qualifiedTarget.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !repository.Agreements.TryGetValue(qualifiedTarget[..slash], out var agreement))
        {
            return null;
        }

        var id = qualifiedTarget[(slash + 1)..];
        var inForce = agreement.VersionAt(asOf);
        return agreement.Versions.OrderByDescending(v => ReferenceEquals(v, inForce)).ThenByDescending(v => v.Number)
            .SelectMany(v => v.Targets)
            .FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));
    }

    private static Target Changed(Target target, TargetChange change)
    {
        string Fail(string what) => throw new ArgumentException($"{change.QualifiedTarget}{(change.Priority is null ? string.Empty : "." + change.Priority)}: \"{change.Value}\" is not {what}");
        if (change.Priority is { } priority)
        {
            if (!target.IsClock)
            {
                throw new ArgumentException($"{change.QualifiedTarget} is {(target.Kind == TargetKind.Availability ? "an" : "a")} {TargetKindNames.Of(target.Kind)} target: it has no thresholds per priority (set its objective: {change.QualifiedTarget}=VALUE)");
            }

            return Durations.TryParse(change.Value, out var threshold)
                ? target with { Thresholds = target.Thresholds.SetItem(priority, threshold) }
                : throw new ArgumentException(Fail("a positive duration (such as 30m, 4h, 1h30m)"));
        }

        switch (target.Kind)
        {
            case TargetKind.Custom:
                // The series' own unit may follow, as suggest prints it: "<= 9.6 °C".
                var value = change.Value;
                if (target.Series!.Unit is { Length: > 0 } unit && value.EndsWith(unit, StringComparison.Ordinal))
                {
                    value = value[..^unit.Length].TrimEnd();
                }

                return Comparisons.TryParse(value, out var comparison, out var limit)
                    ? target with { Series = target.Series! with { Comparison = comparison, Threshold = limit } }
                    : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out limit)
                        ? target with { Series = target.Series! with { Threshold = limit } }
                        : throw new ArgumentException(Fail("a threshold (a number, or a comparison such as \"<= 9\")"));
            case TargetKind.Satisfaction when target.Satisfaction!.Metric != SatisfactionMetric.Csat:
                return double.TryParse(change.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
                    ? target with { Objective = score, Satisfaction = target.Satisfaction with { Objective = score } }
                    : throw new ArgumentException(Fail("a number"));
        }

        if (!TryShare(change.Value, out var share))
        {
            throw new ArgumentException(Fail("a share (such as 97% or 0.97)"));
        }

        return target.Kind switch
        {
            TargetKind.Availability => target with { Objective = share, Availability = target.Availability! with { Objective = share } },
            TargetKind.Delivery => target with { Objective = share, Delivery = target.Delivery! with { Objective = share } },
            TargetKind.Satisfaction => target with { Objective = share, Satisfaction = target.Satisfaction! with { Objective = share } },
            TargetKind.Compliance => target with { Objective = share, Compliance = target.Compliance! with { Objective = share } },
            _ => target with { Objective = share },
        };
    }

    private static bool TryShare(string text, out double share)
    {
        var percent = text.EndsWith('%');
        var ok = double.TryParse(percent ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out share);
        share /= percent ? 100 : 1;
        return ok && share is > 0 and <= 1;
    }

    private static string ClockObjective(ServiceLevelRepository repository, AttainmentRow row, IReadOnlyList<TargetChange> changes, Instant asOf)
    {
        var change = changes.FirstOrDefault(c => c.Priority is not null && string.Equals(c.QualifiedTarget, $"{row.Agreement}/{row.Target}", StringComparison.OrdinalIgnoreCase));
        var objective = ReportText.Percent(row.Objective);
        if (change is null || FindTarget(repository, $"{row.Agreement}/{row.Target}", asOf) is not { } target
            || !target.Thresholds.TryGetValue(change.Priority!, out var threshold))
        {
            return objective;
        }

        return $"{objective}, {change.Priority} {Durations.Format(threshold)}";
    }

    /// <summary>The objective of the target as it is now: a custom threshold with its unit, a score, or a share.</summary>
    private static string CurrentText(Target target) =>
        target.Series is { } series ? ThresholdText(series, series.Threshold)
        : target.Satisfaction is { Metric: not SatisfactionMetric.Csat } ? ReportText.Number(target.Objective)
        : ReportText.Percent(target.Objective);

    /// <summary>"&lt;= 9.6 °C": the series' comparison with <paramref name="threshold"/>, in its unit, as the report writes it.</summary>
    private static string ThresholdText(SeriesRules series, double threshold) =>
        Comparisons.Format(series.Comparison, threshold) + (series.Unit is null ? string.Empty : $" {series.Unit}");

    /// <summary>A row's value as the report prints it: a custom value with its unit ("9.6 °C").</summary>
    private static string ValueText(MeasureRow row) =>
        ServiceReport.ValueText(row.Value, row) + (row.Unit is null || row.Value is null || row.ValueIsShare ? string.Empty : $" {row.Unit}");

    private static string ObjectiveText(MeasureRow row) =>
        row.ThresholdText ?? (row.ValueIsShare ? ReportText.Percent(row.Objective) : ReportText.Number(row.Objective));

    private static string Share(AttainmentRow row) => row.Total == 0 ? "n/a" : ReportText.Percent(row.Attainment) + string.Create(CultureInfo.InvariantCulture, $" ({row.Met}/{row.Total})");

    private static Verdict Verdict(AttainmentRow row) =>
        row.Total == 0 ? Measures.Verdict.NotEnoughData : row.MeetsObjective ? Measures.Verdict.Met : Measures.Verdict.Missed;
}
