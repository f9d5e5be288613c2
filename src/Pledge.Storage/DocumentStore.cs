using System.Data.Common;

namespace Pledge.Storage;

/// <summary>
/// The repository as YAML documents keyed by path, each change kept as a new version in the document history.
/// </summary>
/// <remarks>
/// <para>A put that changes nothing (same kind, same content, compared exactly) makes no version. Versions are
/// numbered 1, 2, … per path without gaps; history rows are never updated or deleted. A delete is a version too:
/// a tombstone (empty content, <see cref="DocumentRevision.Deleted"/>); the path may be put again later and goes on
/// counting from there.</para>
/// <para>Thread-safe. Every write is one transaction that first takes the documents' write lock (SQLite's write
/// lock, a transaction-scoped advisory lock on PostgreSQL), so writers from several processes are serialised and
/// a change planned from the documents read inside it (<see cref="ChangeAsync"/>) cannot race another.</para>
/// </remarks>
public sealed class DocumentStore
{
    private const string Columns = "SELECT path, kind, content, version, updated_at, updated_by FROM documents";

    private readonly StoreDialect _dialect;
    private readonly TimeProvider _time;

    internal DocumentStore(StoreDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    /// <summary>Stores <paramref name="content"/> as the document at <paramref name="path"/>: version 1 if it is
    /// new, the next version if its kind or content changed (or it was deleted), nothing otherwise.</summary>
    /// <param name="path">The document's path (its key).</param>
    /// <param name="kind">What it defines (<c>agreement</c>, <c>calendar</c>, …).</param>
    /// <param name="content">Its YAML (may be empty).</param>
    /// <param name="changedBy">Who changes it (a user, an API key, <c>pledge apply</c>).</param>
    /// <param name="cancellationToken">Cancels the put; nothing is stored then.</param>
    /// <exception cref="ArgumentException">A blank path, kind or author, a key over 512 characters, or text with
    /// U+0000 or half a surrogate pair; nothing is stored.</exception>
    public async Task<DocumentPut> PutAsync(string path, string kind, string content, string changedBy, CancellationToken cancellationToken = default)
    {
        StoredText.RequireKey(path, "path", nameof(path));
        StoredText.RequireKey(kind, "kind", nameof(kind));
        StoredText.RequireText(content, "content", nameof(content));
        var applied = await ApplyAsync(_ => new DocumentBatch([new DocumentWrite(path, kind, content)], []), changedBy, dryRun: false, cancellationToken).ConfigureAwait(false);
        var (outcomes, before, at) = applied!.Value;
        var outcome = outcomes[0];
        return outcome.Changed
            ? new DocumentPut(new StoredDocument(path, kind, content, outcome.Version, StoreTime.FromTicks(at), changedBy), Changed: true)
            : new DocumentPut(before[path], Changed: false);
    }

    /// <summary>Puts and deletes the documents of <paramref name="batch"/> in one transaction: all or nothing.</summary>
    /// <param name="batch">What to put and delete, and the audit entry to record when anything changes.</param>
    /// <param name="changedBy">Who changes them; the author of every version made and of the audit entry.</param>
    /// <param name="cancellationToken">Cancels the batch; nothing is stored then.</param>
    /// <returns>What was done to each path: writes first, then deletes, each in path order.</returns>
    /// <exception cref="ArgumentException">A blank or repeated path, a blank kind or author, or text the databases
    /// cannot store; nothing is stored.</exception>
    public async Task<IReadOnlyList<DocumentOutcome>> PutManyAsync(DocumentBatch batch, string changedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Validate();
        var applied = await ApplyAsync(_ => batch, changedBy, dryRun: false, cancellationToken).ConfigureAwait(false);
        return applied!.Value.Outcomes;
    }

    /// <summary>
    /// Reads the live documents inside a write transaction, asks <paramref name="plan"/> what to change, and stores
    /// that batch in the same transaction: the plan sees exactly the documents its change is laid over.
    /// </summary>
    /// <param name="plan">Given the live documents by path, the batch to store, or null to store nothing (a refused
    /// change). It runs under the documents' write lock: keep it quick and free of I/O.</param>
    /// <param name="changedBy">Who changes them.</param>
    /// <param name="dryRun">Work out the outcomes, then roll back: nothing is stored.</param>
    /// <param name="cancellationToken">Cancels the change; nothing is stored then.</param>
    /// <returns>The outcomes, or null when <paramref name="plan"/> returned null.</returns>
    public async Task<IReadOnlyList<DocumentOutcome>?> ChangeAsync(
        Func<IReadOnlyDictionary<string, StoredDocument>, DocumentBatch?> plan, string changedBy, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var applied = await ApplyAsync(plan, changedBy, dryRun, cancellationToken).ConfigureAwait(false);
        return applied?.Outcomes;
    }

    /// <summary>The current version of the document at <paramref name="path"/>, or null when there is none (or it was deleted).</summary>
    public async Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, Columns + " WHERE path = @path AND deleted = 0");
        Sql.Add(command, "@path", path);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Every live document (or every one of <paramref name="kind"/>), in path order (by code point).</summary>
    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string? kind = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ListAsync(connection, null, kind, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A number that grows with every change to the documents (the sum of their versions: versions only go up, and a
    /// delete is a version), so a process sharing the database sees that another changed the repository by
    /// comparing it with the one it read before.
    /// </summary>
    public async Task<long> RevisionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT COALESCE(SUM(version), 0) FROM documents");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every version of the document at <paramref name="path"/>, tombstones included, oldest first; empty when there is none.</summary>
    public async Task<IReadOnlyList<DocumentRevision>> HistoryAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            null,
            "SELECT path, version, kind, content, changed_at, changed_by, deleted FROM document_history WHERE path = @path ORDER BY version");
        Sql.Add(command, "@path", path);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var revisions = new List<DocumentRevision>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            revisions.Add(new DocumentRevision(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetString(2),
                reader.GetString(3),
                StoreTime.FromTicks(reader.GetInt64(4)),
                reader.GetString(5)) { Deleted = reader.GetInt32(6) != 0 });
        }

        return revisions;
    }

    private async Task<IReadOnlyList<StoredDocument>> ListAsync(DbConnection connection, DbTransaction? transaction, string? kind, CancellationToken cancellationToken)
    {
        var order = " ORDER BY " + _dialect.Ordinal("path");
        await using var command = Sql.Command(
            connection, transaction, kind is null ? Columns + " WHERE deleted = 0" + order : Columns + " WHERE deleted = 0 AND kind = @kind" + order);
        if (kind is not null)
        {
            Sql.Add(command, "@kind", kind);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var documents = new List<StoredDocument>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(Read(reader));
        }

        return documents;
    }

    private async Task<(IReadOnlyList<DocumentOutcome> Outcomes, IReadOnlyDictionary<string, StoredDocument> Before, long At)?> ApplyAsync(
        Func<IReadOnlyDictionary<string, StoredDocument>, DocumentBatch?> plan, string changedBy, bool dryRun, CancellationToken cancellationToken)
    {
        StoredText.RequireKey(changedBy, "changedBy", nameof(changedBy));
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var writing = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var transaction = writing.Transaction;
        await _dialect.LockDocumentsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        // The versions of every path ever stored, deleted ones included: a path put again goes on counting.
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var select = Sql.Command(connection, transaction, "SELECT path, version FROM documents"))
        {
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                versions[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var live = (await ListAsync(connection, transaction, null, cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.Path, StringComparer.Ordinal);
        if (plan(live) is not { } batch)
        {
            return null;
        }

        batch.Validate();
        var now = StoreTime.NowTicks(_time);
        var outcomes = new List<DocumentOutcome>();
        foreach (var write in batch.Writes.OrderBy(w => w.Path, StringComparer.Ordinal))
        {
            live.TryGetValue(write.Path, out var current);
            if (current is not null && string.Equals(current.Kind, write.Kind, StringComparison.Ordinal) && string.Equals(current.Content, write.Content, StringComparison.Ordinal))
            {
                outcomes.Add(new DocumentOutcome(write.Path, DocumentChange.Unchanged, current.Version));
                continue;
            }

            var exists = versions.TryGetValue(write.Path, out var version);
            outcomes.Add(new DocumentOutcome(write.Path, current is null ? DocumentChange.Created : DocumentChange.Updated, version + 1));
            if (!dryRun)
            {
                await WriteVersionAsync(connection, transaction, exists, write.Path, write.Kind, write.Content, version + 1, deleted: false, now, changedBy, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var path in batch.Deletes.Order(StringComparer.Ordinal))
        {
            if (!live.TryGetValue(path, out var current))
            {
                outcomes.Add(new DocumentOutcome(path, DocumentChange.Absent, versions.GetValueOrDefault(path)));
                continue;
            }

            outcomes.Add(new DocumentOutcome(path, DocumentChange.Deleted, current.Version + 1));
            if (!dryRun)
            {
                await WriteVersionAsync(connection, transaction, exists: true, path, current.Kind, string.Empty, current.Version + 1, deleted: true, now, changedBy, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!dryRun && batch.Audit is { } audit && outcomes.Any(o => o.Changed))
        {
            var made = string.Join(", ", outcomes.Where(o => o.Changed).Select(o => $"{o.Path} v{o.Version} {o.Change.ToString().ToLowerInvariant()}"));
            await AuditLog.InsertAsync(
                connection, transaction, now, changedBy, audit.Action, audit.Target, audit.Detail is null ? made : $"{audit.Detail}; {made}", cancellationToken).ConfigureAwait(false);
        }

        if (dryRun)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await writing.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return (outcomes, live, now);
    }

    private static async Task WriteVersionAsync(
        DbConnection connection, DbTransaction transaction, bool exists, string path, string kind, string content, int version, bool deleted, long at, string changedBy, CancellationToken cancellationToken)
    {
        var write = exists
            ? "UPDATE documents SET kind = @kind, content = @content, version = @version, updated_at = @at, updated_by = @by, deleted = @deleted WHERE path = @path"
            : "INSERT INTO documents (path, kind, content, version, updated_at, updated_by, deleted) VALUES (@path, @kind, @content, @version, @at, @by, @deleted)";
        foreach (var text in new[] { write, "INSERT INTO document_history (path, version, kind, content, changed_at, changed_by, deleted) VALUES (@path, @version, @kind, @content, @at, @by, @deleted)" })
        {
            await using var command = Sql.Command(connection, transaction, text);
            Sql.Add(command, "@path", path);
            Sql.Add(command, "@kind", kind);
            Sql.Add(command, "@content", content);
            Sql.Add(command, "@version", version);
            Sql.Add(command, "@at", at);
            Sql.Add(command, "@by", changedBy);
            Sql.Add(command, "@deleted", deleted ? 1 : 0);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static StoredDocument Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt32(3),
        StoreTime.FromTicks(reader.GetInt64(4)),
        reader.GetString(5));
}
