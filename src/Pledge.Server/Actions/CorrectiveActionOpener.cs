using System.Data.Common;
using System.Globalization;
using NodaTime;
using Pledge.Actions;
using Pledge.Agreements;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Storage;

namespace Pledge.Server.Actions;

/// <summary>
/// Opens corrective actions by the <c>corrective_actions</c> policy of the agreement concerned (docs/actions.md):
/// one action per breach when the policy opens on <c>breach</c>, one per failing target, customer and closed period
/// when it opens on <c>failing_target</c>. Idempotent: each breach or failing target has an open key, and the store
/// opens one action per key, however often (or however concurrently) it is asked.
/// </summary>
internal sealed class CorrectiveActionOpener(PledgeDatabase database, ActionMetrics metrics)
{
    /// <summary>Who the store records as having opened the actions.</summary>
    public const string Actor = "policy";

    /// <summary>
    /// Opens the action for <paramref name="breach"/> when its agreement's policy opens on breaches. The live monitor
    /// calls this when it raises a breach.
    /// </summary>
    /// <returns>The action (opened now, or earlier for the same breach); null when the policy opens none.</returns>
    public async Task<ActionOpened?> OpenForBreachAsync(BreachReference breach, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(breach);
        var store = await database.GetAsync();
        var (repository, _) = await Api.ReportInputs.RepositoryAsync(store, cancellationToken);
        return repository is null ? null : await OpenForBreachAsync(breach, repository, cancellationToken);
    }

    /// <summary>As <see cref="OpenForBreachAsync(BreachReference, CancellationToken)"/>, with the repository the caller already holds.</summary>
    public async Task<ActionOpened?> OpenForBreachAsync(BreachReference breach, ServiceLevelRepository repository, CancellationToken cancellationToken = default)
    {
        if (ForBreach(breach, repository) is not { } action)
        {
            return null;
        }

        var store = await database.GetAsync();
        return Counted(await store.Actions.OpenAsync(action, Actor, cancellationToken));
    }

    /// <summary>
    /// As <see cref="OpenForBreachAsync(BreachReference, ServiceLevelRepository, CancellationToken)"/>, in the caller's
    /// write transaction: the live monitor opens a breach's action in the transaction that records the breach
    /// (<see cref="Monitoring.CorrectiveActionsWithAlerts"/>), so the two are committed together or not at all.
    /// </summary>
    /// <remarks>The count of actions opened is taken before the commit: a transaction rolled back after it (and tried
    /// again) counts its action twice.</remarks>
    public async Task<ActionOpened?> OpenForBreachAsync(
        DbConnection connection, DbTransaction transaction, BreachReference breach, ServiceLevelRepository repository, CancellationToken cancellationToken = default)
    {
        if (ForBreach(breach, repository) is not { } action)
        {
            return null;
        }

        var store = await database.GetAsync();
        return Counted(await store.Actions.OpenAsync(connection, transaction, action, Actor, cancellationToken));
    }

    /// <summary>The action the policy of <paramref name="breach"/>'s agreement opens for it; null when it opens none.
    /// Its open key names the breach (target, ticket, measurement), so it is opened once however often it is asked.</summary>
    private static NewAction? ForBreach(BreachReference breach, ServiceLevelRepository repository)
    {
        ArgumentNullException.ThrowIfNull(breach);
        ArgumentNullException.ThrowIfNull(repository);
        if (!repository.Agreements.TryGetValue(breach.Agreement, out var agreement)
            || agreement.CorrectiveActions is not { } policy || !policy.Opens(ActionTriggers.Breach))
        {
            return null;
        }

        var priority = breach.Priority is { } p ? $" ({p})" : string.Empty;
        return new NewAction(breach.Customer, $"Answer the breach of {breach.QualifiedTarget} on ticket {breach.Ticket}{priority}", ActionOpener.Policy)
        {
            Agreement = agreement.Id,
            Target = breach.Target,
            Service = breach.Service,
            Owner = policy.Owner,
            Due = Due(policy, agreement, repository, breach.BreachedAt),
            OpenKey = string.Create(CultureInfo.InvariantCulture, $"breach:{breach.QualifiedTarget}:{breach.Ticket}:{breach.Measurement}"),
            Links = [new ActionLink(breach.QualifiedTarget, breach.Ticket, null)],
        };
    }

    private ActionOpened Counted(ActionOpened opened)
    {
        if (opened.Opened)
        {
            metrics.Opened(byPolicy: true);
        }

        return opened;
    }

    /// <summary>
    /// Opens an action for every target that failed for a customer in <paramref name="report"/>'s period, where the
    /// target's agreement opens on failing targets: a ticket target whose attainment is below its objective, or a
    /// measure target whose verdict is missed. The caller makes sure the period is over (a target failing part-way
    /// through a period may still recover).
    /// </summary>
    /// <param name="report">The report of the closed period.</param>
    /// <param name="repository">The repository it was built from.</param>
    /// <param name="canSeeCustomer">Which customers' targets are considered.</param>
    /// <param name="cancellationToken">Cancels what is left to open.</param>
    /// <returns>Each failing target's action (opened now, or earlier for the same target and period).</returns>
    public async Task<IReadOnlyList<ActionOpened>> OpenForFailingTargetsAsync(
        ServiceReport report, ServiceLevelRepository repository, Func<string, bool> canSeeCustomer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(canSeeCustomer);
        var store = await database.GetAsync();
        var opened = new List<ActionOpened>();
        foreach (var failing in FailingTargets(report).Where(f => canSeeCustomer(f.Customer)))
        {
            if (!repository.Agreements.TryGetValue(failing.Agreement, out var agreement)
                || agreement.CorrectiveActions is not { } policy || !policy.Opens(ActionTriggers.FailingTarget))
            {
                continue;
            }

            var qualified = $"{failing.Agreement}/{failing.Target}";
            var action = new NewAction(failing.Customer, $"Target {qualified} failed for {failing.Customer} in {report.Period}: {failing.Why}", ActionOpener.Policy)
            {
                Agreement = agreement.Id,
                Target = failing.Target,
                Service = failing.Service,
                Owner = policy.Owner,
                Due = Due(policy, agreement, repository, report.AsOf),
                OpenKey = $"failing:{qualified}:{failing.Customer}:{report.Period}",
                Links = [new ActionLink(qualified, null, report.Period)],
            };
            var result = await store.Actions.OpenAsync(action, Actor, cancellationToken);
            if (result.Opened)
            {
                metrics.Opened(byPolicy: true);
            }

            opened.Add(result);
        }

        return opened;
    }

    /// <summary>The targets failing in the report: ticket targets per customer below their objective, measure targets missed.</summary>
    public static IEnumerable<FailingTarget> FailingTargets(ServiceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var group in report.Tickets.Rows
            .GroupBy(r => (r.Customer, r.Agreement, r.Target))
            .OrderBy(g => g.Key.Customer, StringComparer.Ordinal).ThenBy(g => g.Key.Agreement, StringComparer.Ordinal).ThenBy(g => g.Key.Target, StringComparer.Ordinal))
        {
            var met = group.Sum(r => r.Met);
            var total = group.Sum(r => r.Total);
            var objective = group.First().Objective;
            if (total > 0 && (double)met / total < objective)
            {
                var services = group.Select(r => r.Service).Distinct(StringComparer.Ordinal).ToList();
                yield return new FailingTarget(group.Key.Customer, group.Key.Agreement, group.Key.Target, services.Count == 1 ? services[0] : null,
                    string.Create(CultureInfo.InvariantCulture, $"{met} of {total} met ({(double)met / total:P2}), objective {objective:P2}"));
            }
        }

        foreach (var row in report.Measures.Where(m => m.Verdict == Verdict.Missed))
        {
            yield return new FailingTarget(row.Customer, row.Agreement, row.Target, row.Service == "*" ? null : row.Service, row.Explanation);
        }
    }

    private static LocalDate? Due(CorrectiveActionPolicy policy, Agreement agreement, ServiceLevelRepository repository, Instant openedAt)
    {
        if (policy.DueIn is not { } rule)
        {
            return null;
        }

        var calendar = policy.Calendar is { } id && repository.Calendars.TryGetValue(id, out var c) ? c : null;
        return rule.DueFrom(openedAt.InZone(agreement.Zone).Date, calendar);
    }
}
