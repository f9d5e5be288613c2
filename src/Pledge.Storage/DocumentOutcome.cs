namespace Pledge.Storage;

/// <summary>What a batch did to one path, and the version the path is at after it.</summary>
/// <param name="Path">The document's path.</param>
/// <param name="Change">What was done.</param>
/// <param name="Version">Its version after the batch (the tombstone's for a delete; 0 when it never existed).</param>
public sealed record DocumentOutcome(string Path, DocumentChange Change, int Version)
{
    /// <summary>Whether a version was made.</summary>
    public bool Changed => Change is DocumentChange.Created or DocumentChange.Updated or DocumentChange.Deleted;
}
