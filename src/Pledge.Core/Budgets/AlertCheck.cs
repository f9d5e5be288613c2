using NodaTime;

namespace Pledge.Budgets;

/// <summary>One evaluation of a <see cref="MultiWindowAlertRule"/>, with the rates that explain it.</summary>
/// <param name="At">The instant both windows end at (exclusive).</param>
/// <param name="LongRate">The burn rate over the long window; null when it holds no service time or no events.</param>
/// <param name="ShortRate">The burn rate over the short window; null when it holds no service time or no events.</param>
/// <param name="Fires">Whether both rates reach the rule's factor.</param>
public sealed record AlertCheck(Instant At, double? LongRate, double? ShortRate, bool Fires);
