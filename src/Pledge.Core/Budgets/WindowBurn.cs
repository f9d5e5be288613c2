using NodaTime;

namespace Pledge.Budgets;

/// <summary>The burn over one window ending at a report's instant.</summary>
/// <param name="Window">The window's length.</param>
/// <param name="Span">The window itself, half-open [asOf - length, asOf).</param>
/// <param name="Count">Bad and total amounts in the window.</param>
/// <param name="Rate">The burn rate; null when the window holds no service time or no events.</param>
public sealed record WindowBurn(Duration Window, Interval Span, BadCount Count, double? Rate);
