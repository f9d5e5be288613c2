using NodaTime;

namespace Pledge.Storage;

/// <summary>One version of a document, kept for good: the history from which changes and diffs are read.</summary>
/// <param name="Path">The document's path.</param>
/// <param name="Version">This version's number.</param>
/// <param name="Kind">The document's kind in this version.</param>
/// <param name="Content">Its YAML in this version.</param>
/// <param name="ChangedAt">When this version was put.</param>
/// <param name="ChangedBy">Who put it.</param>
public sealed record DocumentRevision(string Path, int Version, string Kind, string Content, Instant ChangedAt, string ChangedBy)
{
    /// <summary>Whether this version is a tombstone: the document was deleted (its content is empty).</summary>
    public bool Deleted { get; init; }
}
