using System.Data.Common;

namespace Pledge.Storage;

/// <summary>
/// The repository as YAML documents keyed by path, each change kept as a new version in the document history.
/// </summary>
/// <remarks>
/// <para>A put that changes nothing (same kind, same content, compared exactly) makes no version. Versions are
/// numbered 1, 2, … per path without gaps; history rows are never updated or deleted.</para>
/// <para>Thread-safe; concurrent puts of one path from several processes are serialised by the database, each
/// making its own version.</para>
/// </remarks>
public sealed class DocumentStore
{
    // A put races another one only when both create the same new path (PostgreSQL): the loser retries and then
    // sees the winner's row, locked. More tries than that mean something else is wrong.
    private const int Tries = 3;

    private const string Columns = "SELECT path, kind, content, version, updated_at, updated_by FROM documents";

    private readonly StoreDialect _dialect;
    private readonly TimeProvider _time;

    internal DocumentStore(StoreDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    /// <summary>Stores <paramref name="content"/> as the document at <paramref name="path"/>: version 1 if it is
    /// new, the next version if its kind or content changed, nothing otherwise.</summary>
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
        StoredText.RequireKey(changedBy, "changedBy", nameof(changedBy));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryPutAsync(path, kind, content, changedBy, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (attempt < Tries && _dialect.IsUniqueViolation(e))
            {
                // Another put created the path first: try again on its row.
            }
        }
    }

    /// <summary>The current version of the document at <paramref name="path"/>, or null when there is none.</summary>
    public async Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, Columns + " WHERE path = @path");
        Sql.Add(command, "@path", path);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Every document (or every one of <paramref name="kind"/>), in path order (by code point).</summary>
    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string? kind = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var order = " ORDER BY " + _dialect.Ordinal("path");
        await using var command = Sql.Command(connection, null, kind is null ? Columns + order : Columns + " WHERE kind = @kind" + order);
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

    /// <summary>Every version of the document at <paramref name="path"/>, oldest first; empty when there is none.</summary>
    public async Task<IReadOnlyList<DocumentRevision>> HistoryAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            null,
            "SELECT path, version, kind, content, changed_at, changed_by FROM document_history WHERE path = @path ORDER BY version");
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
                reader.GetString(5)));
        }

        return revisions;
    }

    private async Task<DocumentPut> TryPutAsync(string path, string kind, string content, string changedBy, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        StoredDocument? current;
        await using (var select = Sql.Command(connection, transaction, Columns + " WHERE path = @path" + _dialect.ForUpdate))
        {
            Sql.Add(select, "@path", path);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            current = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }

        if (current is not null && string.Equals(current.Kind, kind, StringComparison.Ordinal) && string.Equals(current.Content, content, StringComparison.Ordinal))
        {
            return new DocumentPut(current, Changed: false);
        }

        var now = StoreTime.NowTicks(_time);
        var version = (current?.Version ?? 0) + 1;
        var write = current is null
            ? "INSERT INTO documents (path, kind, content, version, updated_at, updated_by) VALUES (@path, @kind, @content, @version, @at, @by)"
            : "UPDATE documents SET kind = @kind, content = @content, version = @version, updated_at = @at, updated_by = @by WHERE path = @path";
        foreach (var text in new[] { write, "INSERT INTO document_history (path, version, kind, content, changed_at, changed_by) VALUES (@path, @version, @kind, @content, @at, @by)" })
        {
            await using var command = Sql.Command(connection, transaction, text);
            Sql.Add(command, "@path", path);
            Sql.Add(command, "@kind", kind);
            Sql.Add(command, "@content", content);
            Sql.Add(command, "@version", version);
            Sql.Add(command, "@at", now);
            Sql.Add(command, "@by", changedBy);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DocumentPut(new StoredDocument(path, kind, content, version, StoreTime.FromTicks(now), changedBy), Changed: true);
    }

    private static StoredDocument Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt32(3),
        StoreTime.FromTicks(reader.GetInt64(4)),
        reader.GetString(5));
}
