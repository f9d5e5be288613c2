namespace Pledge.Storage;

/// <summary>Documents to put and to delete together: all of it is stored, or none of it.</summary>
/// <param name="Writes">The documents to put; each one that differs from its current version becomes the next version.</param>
/// <param name="Deletes">The paths to delete; each one stored becomes a tombstone version (one not stored is ignored).</param>
/// <param name="Audit">The audit entry to record with the change, or null for none.</param>
public sealed record DocumentBatch(IReadOnlyList<DocumentWrite> Writes, IReadOnlyList<string> Deletes, DocumentAudit? Audit = null)
{
    /// <summary>Checks every path, kind and content; a path named twice is refused.</summary>
    /// <exception cref="ArgumentException">A blank or duplicate path, a blank kind, or text the databases cannot store.</exception>
    internal void Validate()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Writes.Count; i++)
        {
            var write = Writes[i] ?? throw new ArgumentException($"writes[{i}] is null", nameof(Writes));
            StoredText.RequireKey(write.Path, $"writes[{i}].path", nameof(Writes));
            StoredText.RequireKey(write.Kind, $"writes[{i}].kind", nameof(Writes));
            StoredText.RequireText(write.Content, $"writes[{i}].content", nameof(Writes));
            if (!seen.Add(write.Path))
            {
                throw new ArgumentException($"writes[{i}].path \"{write.Path}\" is named twice in the batch", nameof(Writes));
            }
        }

        for (var i = 0; i < Deletes.Count; i++)
        {
            StoredText.RequireKey(Deletes[i], $"deletes[{i}]", nameof(Deletes));
            if (!seen.Add(Deletes[i]))
            {
                throw new ArgumentException($"deletes[{i}] \"{Deletes[i]}\" is named twice in the batch", nameof(Deletes));
            }
        }

        if (Audit is not null)
        {
            StoredText.RequireKey(Audit.Action, "audit.action", nameof(Audit));
            StoredText.RequireKey(Audit.Target, "audit.target", nameof(Audit));
            if (Audit.Detail is not null)
            {
                StoredText.RequireText(Audit.Detail, "audit.detail", nameof(Audit));
            }
        }
    }
}
