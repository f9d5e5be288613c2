namespace Pledge.Storage;

/// <summary>What an append did.</summary>
/// <param name="Inserted">Events stored now.</param>
/// <param name="Duplicates">Events ignored because their id was already stored, or came earlier in the same batch.</param>
public readonly record struct AppendResult(int Inserted, int Duplicates);
