namespace Pledge.Server.Actions;

/// <summary>A target that failed for a customer in a period, and why.</summary>
internal sealed record FailingTarget(string Customer, string Agreement, string Target, string? Service, string Why);
