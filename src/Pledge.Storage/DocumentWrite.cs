namespace Pledge.Storage;

/// <summary>One document a batch puts: its path, kind and whole new content.</summary>
/// <param name="Path">The document's path (its key).</param>
/// <param name="Kind">What it defines (<c>agreement</c>, <c>calendar</c>, …).</param>
/// <param name="Content">Its YAML (may be empty).</param>
public sealed record DocumentWrite(string Path, string Kind, string Content);
