namespace Pledge.Storage;

/// <summary>What a put did.</summary>
/// <param name="Document">The document's current version after the put.</param>
/// <param name="Changed">Whether the put made a new version; false when the content and kind were already those.</param>
public sealed record DocumentPut(StoredDocument Document, bool Changed);
