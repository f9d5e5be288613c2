using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pledge.Actions;

namespace Pledge.Storage;

/// <summary>
/// Corrective actions: opened by hand or by an agreement's policy, edited, moved through their statuses by the
/// rules of <see cref="ActionTransitions"/>, linked to the breaches they answer. Every change is kept in the
/// append-only <c>action_history</c>; links are append-only too.
/// </summary>
/// <remarks>Thread-safe; each change is one transaction that locks the action's row, so concurrent changes of one
/// action apply one after the other and each sees the other's result.</remarks>
public sealed class ActionStore
{
    private const string Columns =
        "SELECT number, open_key, customer, agreement, target, service, title, owner, due, status, root_cause, outcome, opened_by, created_at, created_by, updated_at, version FROM actions";

    private readonly StoreDialect _dialect;
    private readonly TimeProvider _time;

    internal ActionStore(StoreDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    /// <summary>
    /// Opens an action (status open), with its links, and records it in its history. When <see cref="NewAction.OpenKey"/>
    /// is already taken, nothing is stored and the action that took it is returned.
    /// </summary>
    /// <exception cref="ArgumentException">A blank customer, title or actor, a key over 512 characters, or text
    /// the databases cannot store; nothing is stored.</exception>
    public async Task<ActionOpened> OpenAsync(NewAction action, string actor, CancellationToken cancellationToken = default)
    {
        ValidateNew(action, actor);
        var now = StoreTime.NowTicks(_time);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var write = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var transaction = write.Transaction;
        if (await InsertAsync(connection, transaction, action, actor, now, cancellationToken).ConfigureAwait(false) is not { } number)
        {
            // The key is taken: by an earlier call, or by a concurrent one that committed first.
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            var existing = await FindByKeyAsync(connection, null, action.OpenKey!, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the action with open key {action.OpenKey} vanished");
            return new ActionOpened(existing, Opened: false);
        }

        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ActionOpened((await GetAsync(StoredAction.IdOf(number), cancellationToken).ConfigureAwait(false))!, Opened: true);
    }

    /// <summary>
    /// As <see cref="OpenAsync(NewAction, string, CancellationToken)"/>, in the caller's write transaction: the action
    /// is committed with whatever else the transaction writes, or not at all (the live monitor opens a breach's action
    /// in the transaction that records the breach, so a crash between the two cannot lose the action).
    /// </summary>
    /// <exception cref="ArgumentException">As the other overload; nothing is written.</exception>
    public async Task<ActionOpened> OpenAsync(DbConnection connection, DbTransaction transaction, NewAction action, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ValidateNew(action, actor);
        var now = StoreTime.NowTicks(_time);
        if (await InsertAsync(connection, transaction, action, actor, now, cancellationToken).ConfigureAwait(false) is { } number)
        {
            return new ActionOpened((await GetAsync(connection, transaction, number, lockRow: false, cancellationToken).ConfigureAwait(false))!, Opened: true);
        }

        var existing = await FindByKeyAsync(connection, transaction, action.OpenKey!, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the action with open key {action.OpenKey} vanished");
        return new ActionOpened(existing, Opened: false);
    }

    private static void ValidateNew(NewAction action, string actor)
    {
        ArgumentNullException.ThrowIfNull(action);
        StoredText.RequireKey(action.Customer, "customer", nameof(action));
        StoredText.RequireKey(actor, "actor", nameof(actor));
        RequireTitle(action.Title, nameof(action));
        foreach (var (value, field) in new[] { (action.Agreement, "agreement"), (action.Target, "target"), (action.Service, "service"), (action.OpenKey, "openKey") })
        {
            if (value is not null)
            {
                StoredText.RequireKey(value, field, nameof(action));
            }
        }

        RequireOptionalText(action.Owner, "owner", nameof(action));
        RequireOptionalText(action.RootCause, "rootCause", nameof(action));
        foreach (var link in action.Links)
        {
            RequireLink(link, nameof(action));
        }
    }

    /// <summary>Inserts the action, its history and its links; null (and nothing written) when its open key is taken.</summary>
    private static async Task<long?> InsertAsync(DbConnection connection, DbTransaction transaction, NewAction action, string actor, long now, CancellationToken cancellationToken)
    {
        long? number;
        await using (var insert = Sql.Command(connection, transaction, """
            INSERT INTO actions (open_key, customer, agreement, target, service, title, owner, due, status, root_cause, outcome, opened_by, created_at, created_by, updated_at, version)
            VALUES (@open_key, @customer, @agreement, @target, @service, @title, @owner, @due, @status, @root_cause, NULL, @opened_by, @at, @actor, @at, 1)
            ON CONFLICT (open_key) DO NOTHING RETURNING number
            """))
        {
            Sql.Add(insert, "@open_key", action.OpenKey);
            Sql.Add(insert, "@customer", action.Customer);
            Sql.Add(insert, "@agreement", action.Agreement);
            Sql.Add(insert, "@target", action.Target);
            Sql.Add(insert, "@service", action.Service);
            Sql.Add(insert, "@title", action.Title.Trim());
            Sql.Add(insert, "@owner", action.Owner);
            Sql.Add(insert, "@due", action.Due is { } due ? DateText(due) : null);
            Sql.Add(insert, "@status", ActionTransitions.Name(ActionStatus.Open));
            Sql.Add(insert, "@root_cause", action.RootCause);
            Sql.Add(insert, "@opened_by", OpenerText(action.OpenedBy));
            Sql.Add(insert, "@at", now);
            Sql.Add(insert, "@actor", actor);
            var scalar = await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            number = scalar is null or DBNull ? null : Convert.ToInt64(scalar, CultureInfo.InvariantCulture);
        }

        if (number is not { } n)
        {
            return null;
        }

        await HistoryAsync(connection, transaction, n, now, actor, "opened", null, ActionStatus.Open, action.Title.Trim(), cancellationToken).ConfigureAwait(false);
        foreach (var link in action.Links.DistinctBy(l => l.Key, StringComparer.Ordinal))
        {
            await InsertLinkAsync(connection, transaction, n, link, now, actor, cancellationToken).ConfigureAwait(false);
        }

        return n;
    }

    /// <summary>The action with <paramref name="id"/> (<c>CA-12</c>), or null when there is none.</summary>
    public async Task<StoredAction?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (StoredAction.ParseNumber(id) is not { } number)
        {
            return null;
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, number, lockRow: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The actions <paramref name="query"/> selects, oldest first, with their links.</summary>
    public async Task<IReadOnlyList<StoredAction>> ListAsync(ActionQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= ActionQuery.All;
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var actions = new List<StoredAction>();
        await using (var command = Sql.Command(connection, null, string.Empty))
        {
            command.CommandText = Columns + Where(command, query, "actions") + " ORDER BY number";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                actions.Add(Read(reader));
            }
        }

        var links = new Dictionary<long, List<ActionLink>>();
        await using (var command = Sql.Command(connection, null, string.Empty))
        {
            command.CommandText = "SELECT action_links.action, action_links.target, action_links.ticket, action_links.period FROM action_links JOIN actions ON actions.number = action_links.action"
                + Where(command, query, "actions") + " ORDER BY action_links.action, action_links.linked_at, " + _dialect.Ordinal("action_links.link");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var number = reader.GetInt64(0);
                if (!links.TryGetValue(number, out var list))
                {
                    links[number] = list = [];
                }

                list.Add(ReadLink(reader, 1));
            }
        }

        return [.. actions.Select(a => links.TryGetValue(a.Number, out var list) ? a with { Links = [.. list] } : a)];
    }

    /// <summary>
    /// Changes an action's editable fields (title, owner, due, root cause, outcome) by <paramref name="edit"/>, run on
    /// the current state with the row locked. A change that changes nothing stores nothing.
    /// </summary>
    /// <returns>The action after the change; null when there is none.</returns>
    /// <exception cref="ArgumentException">The edited text cannot be stored (a blank title, U+0000, …); nothing is stored.</exception>
    public async Task<StoredAction?> UpdateAsync(string id, Func<StoredAction, StoredAction> edit, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        StoredText.RequireKey(actor, "actor", nameof(actor));
        if (StoredAction.ParseNumber(id) is not { } number)
        {
            return null;
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var write = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var transaction = write.Transaction;
        if (await GetAsync(connection, transaction, number, lockRow: true, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return null;
        }

        var next = edit(current);
        RequireTitle(next.Title, nameof(edit));
        RequireOptionalText(next.Owner, "owner", nameof(edit));
        RequireOptionalText(next.RootCause, "rootCause", nameof(edit));
        RequireOptionalText(next.Outcome, "outcome", nameof(edit));
        var changes = new List<string>();
        Compare(changes, "title", current.Title, next.Title.Trim());
        Compare(changes, "owner", current.Owner, next.Owner);
        Compare(changes, "due", current.Due is { } d1 ? DateText(d1) : null, next.Due is { } d2 ? DateText(d2) : null);
        Compare(changes, "rootCause", current.RootCause, next.RootCause);
        Compare(changes, "outcome", current.Outcome, next.Outcome);
        if (changes.Count == 0)
        {
            return current;
        }

        var now = StoreTime.NowTicks(_time);
        await using (var update = Sql.Command(connection, transaction,
            "UPDATE actions SET title = @title, owner = @owner, due = @due, root_cause = @root_cause, outcome = @outcome, updated_at = @at, version = version + 1 WHERE number = @number"))
        {
            Sql.Add(update, "@title", next.Title.Trim());
            Sql.Add(update, "@owner", next.Owner);
            Sql.Add(update, "@due", next.Due is { } due ? DateText(due) : null);
            Sql.Add(update, "@root_cause", next.RootCause);
            Sql.Add(update, "@outcome", next.Outcome);
            Sql.Add(update, "@at", now);
            Sql.Add(update, "@number", number);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await HistoryAsync(connection, transaction, number, now, actor, "updated", current.Status, current.Status, string.Join(", ", changes), cancellationToken).ConfigureAwait(false);
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves an action to <paramref name="to"/> when <see cref="ActionTransitions.IsAllowed"/> allows it from its
    /// current status; asking for the status it already has changes nothing and is not refused.
    /// </summary>
    /// <param name="id">The action.</param>
    /// <param name="to">The status asked for.</param>
    /// <param name="byManager">Whether a service-level manager asks (only one may reopen a verified action).</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="note">Why, kept in the history.</param>
    /// <param name="cancellationToken">Cancels the change; nothing is stored then.</param>
    public async Task<ActionTransition> TransitionAsync(string id, ActionStatus to, bool byManager, string actor, string? note = null, CancellationToken cancellationToken = default)
    {
        StoredText.RequireKey(actor, "actor", nameof(actor));
        RequireOptionalText(note, "note", nameof(note));
        if (StoredAction.ParseNumber(id) is not { } number)
        {
            return new ActionTransition(null, Changed: false, Refused: false);
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var write = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var transaction = write.Transaction;
        if (await GetAsync(connection, transaction, number, lockRow: true, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return new ActionTransition(null, Changed: false, Refused: false);
        }

        if (current.Status == to)
        {
            return new ActionTransition(current, Changed: false, Refused: false);
        }

        if (!ActionTransitions.IsAllowed(current.Status, to, byManager))
        {
            return new ActionTransition(current, Changed: false, Refused: true);
        }

        var now = StoreTime.NowTicks(_time);
        await using (var update = Sql.Command(connection, transaction, "UPDATE actions SET status = @status, updated_at = @at, version = version + 1 WHERE number = @number"))
        {
            Sql.Add(update, "@status", ActionTransitions.Name(to));
            Sql.Add(update, "@at", now);
            Sql.Add(update, "@number", number);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await HistoryAsync(connection, transaction, number, now, actor, "status", current.Status, to, note, cancellationToken).ConfigureAwait(false);
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ActionTransition(await GetAsync(id, cancellationToken).ConfigureAwait(false), Changed: true, Refused: false);
    }

    /// <summary>Links breaches to an action; a link it already has is left as it is.</summary>
    /// <returns>The action with its links; null when there is none.</returns>
    public async Task<StoredAction?> LinkAsync(string id, IEnumerable<ActionLink> links, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(links);
        StoredText.RequireKey(actor, "actor", nameof(actor));
        var list = links.ToList();
        list.ForEach(l => RequireLink(l, nameof(links)));
        if (StoredAction.ParseNumber(id) is not { } number)
        {
            return null;
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var write = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var transaction = write.Transaction;
        if (await GetAsync(connection, transaction, number, lockRow: true, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return null;
        }

        var known = current.Links.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        var added = list.Where(l => known.Add(l.Key)).ToList();
        if (added.Count == 0)
        {
            return current;
        }

        var now = StoreTime.NowTicks(_time);
        foreach (var link in added)
        {
            await InsertLinkAsync(connection, transaction, number, link, now, actor, cancellationToken).ConfigureAwait(false);
        }

        await using (var update = Sql.Command(connection, transaction, "UPDATE actions SET updated_at = @at, version = version + 1 WHERE number = @number"))
        {
            Sql.Add(update, "@at", now);
            Sql.Add(update, "@number", number);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await HistoryAsync(connection, transaction, number, now, actor, "linked", current.Status, current.Status, string.Join(", ", added.Select(l => l.Key)), cancellationToken).ConfigureAwait(false);
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every change of the action, oldest first; empty when there is none.</summary>
    public async Task<IReadOnlyList<ActionHistoryEntry>> HistoryAsync(string id, CancellationToken cancellationToken = default) =>
        StoredAction.ParseNumber(id) is { } number ? await ReadHistoryAsync(number, cancellationToken).ConfigureAwait(false) : [];

    /// <summary>Every change of every action, in the order recorded (for reports, which replay each action's statuses).</summary>
    public Task<IReadOnlyList<ActionHistoryEntry>> HistoryAsync(CancellationToken cancellationToken = default) => ReadHistoryAsync(null, cancellationToken);

    private async Task<IReadOnlyList<ActionHistoryEntry>> ReadHistoryAsync(long? number, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        const string select = "SELECT sequence, action, at, actor, change, from_status, to_status, detail FROM action_history";
        await using var command = Sql.Command(connection, null, number is null ? select + " ORDER BY sequence" : select + " WHERE action = @number ORDER BY sequence");
        if (number is not null)
        {
            Sql.Add(command, "@number", number);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ActionHistoryEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ActionHistoryEntry(
                reader.GetInt64(0),
                StoredAction.IdOf(reader.GetInt64(1)),
                StoreTime.FromTicks(reader.GetInt64(2)),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : Status(reader.GetString(5)),
                Status(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return entries;
    }

    private async Task<StoredAction?> GetAsync(DbConnection connection, DbTransaction? transaction, long number, bool lockRow, CancellationToken cancellationToken)
    {
        StoredAction? action;
        await using (var command = Sql.Command(connection, transaction, Columns + " WHERE number = @number" + (lockRow ? _dialect.ForUpdate : string.Empty)))
        {
            Sql.Add(command, "@number", number);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            action = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }

        if (action is null)
        {
            return null;
        }

        var links = ImmutableArray.CreateBuilder<ActionLink>();
        await using (var command = Sql.Command(connection, transaction,
            "SELECT target, ticket, period FROM action_links WHERE action = @number ORDER BY linked_at, " + _dialect.Ordinal("link")))
        {
            Sql.Add(command, "@number", number);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                links.Add(ReadLink(reader, 0));
            }
        }

        return action with { Links = links.ToImmutable() };
    }

    private async Task<StoredAction?> FindByKeyAsync(DbConnection connection, DbTransaction? transaction, string openKey, CancellationToken cancellationToken)
    {
        long? number = null;
        await using (var command = Sql.Command(connection, transaction, "SELECT number FROM actions WHERE open_key = @open_key"))
        {
            Sql.Add(command, "@open_key", openKey);
            var scalar = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            number = scalar is null or DBNull ? null : Convert.ToInt64(scalar, CultureInfo.InvariantCulture);
        }

        return number is { } n ? await GetAsync(connection, transaction, n, lockRow: false, cancellationToken).ConfigureAwait(false) : null;
    }

    private static async Task InsertLinkAsync(DbConnection connection, DbTransaction transaction, long number, ActionLink link, long at, string actor, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction,
            "INSERT INTO action_links (action, link, target, ticket, period, linked_at, linked_by) VALUES (@number, @link, @target, @ticket, @period, @at, @actor) ON CONFLICT (action, link) DO NOTHING");
        Sql.Add(command, "@number", number);
        Sql.Add(command, "@link", link.Key);
        Sql.Add(command, "@target", link.Target);
        Sql.Add(command, "@ticket", link.Ticket);
        Sql.Add(command, "@period", link.Period);
        Sql.Add(command, "@at", at);
        Sql.Add(command, "@actor", actor);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task HistoryAsync(DbConnection connection, DbTransaction transaction, long number, long at, string actor, string change, ActionStatus? from, ActionStatus to, string? detail, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction,
            "INSERT INTO action_history (action, at, actor, change, from_status, to_status, detail) VALUES (@number, @at, @actor, @change, @from, @to, @detail)");
        Sql.Add(command, "@number", number);
        Sql.Add(command, "@at", at);
        Sql.Add(command, "@actor", actor);
        Sql.Add(command, "@change", change);
        Sql.Add(command, "@from", from is { } f ? ActionTransitions.Name(f) : null);
        Sql.Add(command, "@to", ActionTransitions.Name(to));
        Sql.Add(command, "@detail", detail);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Where(DbCommand command, ActionQuery query, string table)
    {
        var clauses = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var names = statuses.Distinct().Select((s, i) =>
            {
                Sql.Add(command, $"@status{i}", ActionTransitions.Name(s));
                return $"@status{i}";
            }).ToList();
            clauses.Add($"{table}.status IN ({string.Join(", ", names)})");
        }

        if (query.Customer is not null)
        {
            Sql.Add(command, "@customer", query.Customer);
            clauses.Add($"{table}.customer = @customer");
        }

        if (query.Agreement is not null)
        {
            Sql.Add(command, "@agreement", query.Agreement);
            clauses.Add($"{table}.agreement = @agreement");
        }

        return clauses.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", clauses);
    }

    private static StoredAction Read(DbDataReader reader) =>
        new(
            StoredAction.IdOf(reader.GetInt64(0)),
            reader.GetString(2),
            reader.GetString(6),
            Status(reader.GetString(9)),
            reader.GetString(12) == "policy" ? ActionOpener.Policy : ActionOpener.Hand,
            StoreTime.FromTicks(reader.GetInt64(13)),
            reader.GetString(14),
            StoreTime.FromTicks(reader.GetInt64(15)),
            reader.GetInt32(16))
        {
            OpenKey = Optional(reader, 1),
            Agreement = Optional(reader, 3),
            Target = Optional(reader, 4),
            Service = Optional(reader, 5),
            Owner = Optional(reader, 7),
            Due = Optional(reader, 8) is { } due ? LocalDatePattern.Iso.Parse(due).Value : null,
            RootCause = Optional(reader, 10),
            Outcome = Optional(reader, 11),
        };

    private static ActionLink ReadLink(DbDataReader reader, int first) =>
        new(reader.GetString(first), Optional(reader, first + 1), Optional(reader, first + 2));

    private static string? Optional(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static ActionStatus Status(string text) =>
        ActionTransitions.TryParse(text, out var status) ? status : throw new InvalidOperationException($"the stored status \"{text}\" is not one Pledge knows");

    private static string OpenerText(ActionOpener opener) => opener == ActionOpener.Policy ? "policy" : "hand";

    private static string DateText(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static void Compare(List<string> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(field);
        }
    }

    private static void RequireTitle(string? title, string parameter)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new ArgumentException("title is empty", parameter);
        }

        StoredText.RequireText(title, "title", parameter);
    }

    private static void RequireOptionalText(string? value, string field, string parameter)
    {
        if (value is not null)
        {
            StoredText.RequireText(value, field, parameter);
        }
    }

    private static void RequireLink(ActionLink link, string parameter)
    {
        ArgumentNullException.ThrowIfNull(link, parameter);
        StoredText.RequireKey(link.Target, "links[].target", parameter);
        if ((link.Ticket is null) == (link.Period is null))
        {
            throw new ArgumentException("a link names a ticket or a period, not both", parameter);
        }

        StoredText.RequireKey(link.Ticket ?? link.Period, link.Ticket is null ? "links[].period" : "links[].ticket", parameter);
        StoredText.RequireKey(link.Key, "links[]", parameter);
    }
}
