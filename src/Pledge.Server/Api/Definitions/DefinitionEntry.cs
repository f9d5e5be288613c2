namespace Pledge.Server.Api.Definitions;

/// <summary>One definition as stored: its id, the file that holds it, and its own YAML.</summary>
/// <param name="Id">Its id (a calendar's name).</param>
/// <param name="Path">The repository file that holds it.</param>
/// <param name="Text">Its YAML: the whole file for calendars and agreements, its list entry for services and customers.</param>
/// <param name="Name">Its display name, when it has one.</param>
/// <param name="Customer">The customer it belongs to (a customer, a customer's agreement), for access checks; null for shared ones.</param>
internal sealed record DefinitionEntry(string Id, string Path, string Text, string? Name, string? Customer);
