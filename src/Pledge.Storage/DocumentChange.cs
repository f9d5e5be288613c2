namespace Pledge.Storage;

/// <summary>What a batch did to one path.</summary>
public enum DocumentChange
{
    /// <summary>The path had no live document: version 1, or the next after its tombstone.</summary>
    Created,

    /// <summary>Its kind or content changed: the next version.</summary>
    Updated,

    /// <summary>The same kind and content were already stored: no version.</summary>
    Unchanged,

    /// <summary>It was deleted: a tombstone version.</summary>
    Deleted,

    /// <summary>A delete of a path that had no live document: nothing.</summary>
    Absent,
}
