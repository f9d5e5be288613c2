using NodaTime;

namespace Pledge.Clocks;

/// <summary>One line of a clock's explanation: what happened, when, why, and where the clock stood.</summary>
/// <param name="At">When.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">Why, in words ("status waiting-customer is a pause status").</param>
/// <param name="Measurement">The measurement it concerns (0 when none).</param>
/// <param name="Consumed">Business time consumed by that measurement at that instant.</param>
/// <param name="Deadline">The deadline after the step, when the measurement is open and running.</param>
public sealed record ClockStep(Instant At, ClockStepKind Kind, string Detail, int Measurement, Duration Consumed, Instant? Deadline);
