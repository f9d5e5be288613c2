using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Pledge.Calendars;
using Pledge.Tickets;

namespace Pledge.Clocks;

/// <summary>
/// Evaluates a clock as a pure fold over a ticket's events: the same definition, calendar and events give
/// the same outcome, whenever and however often it is computed.
/// </summary>
/// <remarks>
/// <para>Business time runs while a measurement is open, the ticket is not in a pause status, and the calendar
/// is open. Between two events the consumed time grows by the calendar's elapsed business time, and the
/// instants at which it passes a warning level or the threshold are found with the calendar's Due, so
/// they are exact however far apart the events are.</para>
/// <para>A measurement that ends exactly at its threshold is met; it is breached once it goes past it, at the
/// first instant it runs past it (when the threshold is used up exactly at a window's close, that is the
/// next opening the clock runs in; the deadline stays the close). A breach once raised stays raised, even if
/// a later priority change gives more time or restarts the count. Lowering the threshold below the time
/// already consumed breaches at the change. Nothing starts while the ticket is resolved.</para>
/// </remarks>
public static class ClockEvaluator
{
    /// <summary>Evaluates <paramref name="definition"/> on <paramref name="history"/> using the events up to <paramref name="asOf"/>.</summary>
    /// <param name="definition">The clock.</param>
    /// <param name="history">The ticket's events.</param>
    /// <param name="asOf">Events after this instant are not seen; open measurements are measured up to it.</param>
    /// <param name="explain">Whether to build the timeline that explains the outcome; without it the measurements are the same and come several times faster.</param>
    public static ClockOutcome Evaluate(ClockDefinition definition, TicketHistory history, Instant asOf, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(history);
        var fold = new Fold(definition, history.TicketId, explain);
        foreach (var ticketEvent in history.Events)
        {
            if (ticketEvent.At > asOf)
            {
                break;
            }

            fold.Apply(ticketEvent);
        }

        return fold.Finish(asOf);
    }

    private sealed class Fold(ClockDefinition definition, string ticketId, bool explain)
    {
        private readonly bool _explain = explain;
        private readonly BusinessCalendar _calendar = definition.Calendar;
        private readonly List<Measurement> _measurements = new(2);
        private readonly List<ClockStep>? _timeline = explain ? new(16) : null;

        private string _status = string.Empty;
        private string _priority = string.Empty;
        private bool _paused;
        private bool _ended;
        private bool _stoppedByResolution;

        // The open measurement.
        private bool _active;
        private int _number;
        private long _start;
        private long _consumed;
        private long _threshold;
        private long _last;
        private long? _breachedAt;
        private long? _usedUpAt;
        private long _missedDeadline;
        private string _thresholdPriority = string.Empty;
        private bool _resolved;
        private bool[] _warned = [];

        public void Apply(TicketEvent e)
        {
            var at = e.At.ToUnixTimeTicks();
            Advance(at);
            switch (e)
            {
                case TicketCreated created:
                    _status = created.Status;
                    _priority = created.Priority;
                    _paused = IsPauseStatus(_status);
                    break;
                case TicketStatusChanged changed:
                    ChangeStatus(changed.Status, at);
                    break;
                case TicketPriorityChanged changed:
                    ChangePriority(changed.Priority, at);
                    break;
                case TicketReopened:
                    Reopen(at);
                    return;
                case TicketMerged merged:
                    Cancel(at, $"merged into ticket {merged.Into}");
                    _ended = true;
                    return;
            }

            if (_ended)
            {
                return;
            }

            if (_active && Matches(definition.ResetOn, e))
            {
                Stop(at, $"{Name(e)} ends the measurement and starts the next", reset: true);
                Start(at, ClockStepKind.Started, $"{Name(e)} starts the next measurement");
            }
            else if (_active && Matches(definition.StopOn, e))
            {
                Stop(at, $"{Name(e)} stops the clock", reset: false);
                _stoppedByResolution = e.Kind == TicketEventKind.Resolved;
            }
            else if (!_active && !_resolved && Matches(definition.StartOn, e))
            {
                Start(at, ClockStepKind.Started, $"{Name(e)} starts the clock");
            }

            if (e.Kind == TicketEventKind.Resolved)
            {
                // Nothing starts while the ticket is resolved (a customer's "thank you" opens no update gap).
                _resolved = true;
            }

            if (e.Kind == TicketEventKind.Closed)
            {
                _ended = true;
            }
        }

        public ClockOutcome Finish(Instant asOf)
        {
            Advance(asOf.ToUnixTimeTicks());
            if (_active)
            {
                _measurements.Add(Current(end: null, cancelled: false));
            }

            var state = _ended && _measurements.Count > 0 && _measurements[^1].IsCancelled ? ClockState.Cancelled
                : _active ? (_paused ? ClockState.Paused : ClockState.Running)
                : _measurements.Count > 0 ? ClockState.Stopped
                : ClockState.NotStarted;
            return new ClockOutcome(definition, ticketId, asOf, state, [.. _measurements], _timeline is null ? [] : [.. _timeline]);
        }

        /// <summary>Counts business time up to <paramref name="to"/>, raising the warnings and the breach it passes.</summary>
        private void Advance(long to)
        {
            if (!_active || _paused || to <= _last)
            {
                _last = Math.Max(_last, to);
                return;
            }

            var reached = _consumed + _calendar.ElapsedTicks(_last, to);
            if (reached > _consumed)
            {
                RaiseLevels(to, reached);
            }

            _consumed = reached;
            _last = to;
        }

        /// <summary>
        /// Raises, in time order, what the stretch from <c>_last</c> (at <c>_consumed</c>) to <paramref name="to"/>
        /// (at <paramref name="reached"/>) passes: share warnings at the earliest instant their level is reached,
        /// before-deadline warnings at the latest (counted back from the deadline, so never at the close before a
        /// closed night), and the breach at the first instant the consumed time is past the threshold.
        /// </summary>
        private void RaiseLevels(long to, long reached)
        {
            if (_usedUpAt is null && _consumed < _threshold && reached >= _threshold)
            {
                _usedUpAt = _calendar.DueUnixTicks(_last, _threshold - _consumed);
            }

            // Allocate only when a warning is actually passed: most stretches pass none.
            List<(long At, int Warning)>? raised = null;
            for (var i = 0; i < _warned.Length && _breachedAt is null; i++)
            {
                var warning = definition.Warnings[i];
                if (_warned[i] || warning.LevelTicks(_threshold) is not { } level)
                {
                    continue;
                }

                if (warning.Share is not null && level > _consumed && level <= reached)
                {
                    (raised ??= []).Add((_calendar.DueUnixTicks(_last, level - _consumed), i));
                }
                else if (warning.BeforeDeadline is not null && level >= _consumed && level < reached)
                {
                    (raised ??= []).Add((_calendar.DueUnixTicks(to, level - reached), i));
                }
            }

            // Breached at the first running business instant past the threshold: the instant it was used up,
            // or, when that was a window's close (or before a pause), the next instant the clock ran again.
            long? breachAt = _breachedAt is null && reached > _threshold
                ? _calendar.DueUnixTicks(Math.Max(_last, _usedUpAt!.Value), 0)
                : null;
            raised?.Sort(static (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Warning.CompareTo(b.Warning));
            foreach (var (at, which) in raised ?? [])
            {
                if (breachAt is { } b && at > b)
                {
                    break;
                }

                _warned[which] = true;
                var level = definition.Warnings[which].LevelTicks(_threshold)!.Value;
                if (_explain) Step(at, ClockStepKind.Warning, $"at risk: {Describe(definition.Warnings[which])}", level, Instant.FromUnixTimeTicks(_calendar.DueUnixTicks(at, _threshold - level)));
            }

            if (breachAt is { } breached)
            {
                _breachedAt = breached;
                _missedDeadline = _usedUpAt!.Value;
                Array.Fill(_warned, true);
                if (_explain) Step(breached, ClockStepKind.Breached, $"the threshold of {Durations.Format(Duration.FromTicks(_threshold))} is used up", _threshold, Instant.FromUnixTimeTicks(breached));
            }
        }

        private string Describe(ClockWarning warning) =>
            warning.Share is not null
                ? $"{warning} of {Durations.Format(Duration.FromTicks(_threshold))}"
                : $"{Durations.Format(warning.BeforeDeadline!.Value)} before the deadline ({Durations.Format(Duration.FromTicks(_threshold))} threshold)";

        private void Start(long at, ClockStepKind kind, string why)
        {
            if (!definition.TryGetThreshold(_priority, out var threshold))
            {
                if (_explain) Step(at, ClockStepKind.NoThreshold, $"{why}, but priority '{_priority}' has no threshold in this target", 0, null);
                return;
            }

            _active = true;
            _number = _measurements.Count + 1;
            _start = at;
            _last = at;
            _consumed = 0;
            _threshold = threshold.BclCompatibleTicks;
            _thresholdPriority = _priority;
            _breachedAt = null;
            _usedUpAt = null;
            _warned = new bool[definition.Warnings.Length];
            _stoppedByResolution = false;
            if (_explain)
            {
                var paused = _paused ? $"; paused while status is {_status}" : string.Empty;
                Step(at, kind, $"{why}: {Durations.Format(threshold)} for priority {_priority}{paused}", 0, Deadline(at, 0));
            }
        }

        private void Stop(long at, string why, bool reset)
        {
            var measurement = Current(end: at, cancelled: false);
            _measurements.Add(measurement);
            _active = false;
            if (_explain)
            {
                var verdict = !measurement.IsBreached ? $"met with {Durations.Format(measurement.Remaining)} to spare"
                    : measurement.Remaining < Duration.Zero ? $"breached by {Durations.Format(-measurement.Remaining)}"
                    : $"breached at {measurement.BreachedAt} (the threshold, since raised to {Durations.Format(measurement.Threshold)}, had been used up)";
                Step(at, reset ? ClockStepKind.Reset : ClockStepKind.Stopped, $"{why}: {verdict}", _consumed, null);
            }
        }

        private void Cancel(long at, string why)
        {
            if (!_active)
            {
                return;
            }

            _measurements.Add(Current(end: at, cancelled: true));
            _active = false;
            if (_explain) Step(at, ClockStepKind.Cancelled, $"{why}: the open measurement is cancelled, not judged", _consumed, null);
        }

        private void Reopen(long at)
        {
            _resolved = false;
            if (_ended || _active || !_stoppedByResolution || definition.Kind == ClockKind.Response)
            {
                return;
            }

            if (definition.Reopen == ReopenPolicy.Restart || definition.Kind == ClockKind.Update)
            {
                Start(at, ClockStepKind.Started, "reopened: a new measurement starts");
                return;
            }

            // Continue: the stopped measurement was not final after all.
            var previous = _measurements[^1];
            _measurements.RemoveAt(_measurements.Count - 1);
            _active = true;
            _number = previous.Number;
            _stoppedByResolution = false;
            _last = at;
            if (_explain) Step(at, ClockStepKind.Continued, $"reopened: measurement {previous.Number} continues from {Durations.Format(previous.Consumed)}", _consumed, Deadline(at, _consumed));
            if (!string.Equals(_thresholdPriority, _priority, StringComparison.OrdinalIgnoreCase))
            {
                // The priority changed while the ticket was resolved: its threshold applies from the reopen.
                Rethreshold(_thresholdPriority, _priority, at);
            }
        }

        private void ChangeStatus(string status, long at)
        {
            _status = status;
            var paused = IsPauseStatus(status);
            if (paused == _paused)
            {
                return;
            }

            _paused = paused;
            if (!_active)
            {
                return;
            }

            if (paused)
            {
                if (_explain) Step(at, ClockStepKind.Paused, $"status {status} is a pause status", _consumed, null);
            }
            else
            {
                _last = at;
                if (_explain) Step(at, ClockStepKind.Resumed, $"status {status} is not a pause status", _consumed, Deadline(at, _consumed));
            }
        }

        private void ChangePriority(string priority, long at)
        {
            var old = _priority;
            _priority = priority;
            if (_active && !string.Equals(old, priority, StringComparison.OrdinalIgnoreCase))
            {
                Rethreshold(old, priority, at);
            }
        }

        /// <summary>Moves the open measurement from <paramref name="old"/>'s threshold to <paramref name="priority"/>'s, by the target's policy.</summary>
        private void Rethreshold(string old, string priority, long at)
        {
            if (!definition.TryGetThreshold(priority, out var threshold))
            {
                if (_explain) Step(at, ClockStepKind.PriorityChanged, $"priority {old} → {priority}, which has no threshold: {Durations.Format(Duration.FromTicks(_threshold))} still applies", _consumed, Deadline(at, _consumed));
                return;
            }

            var oldThreshold = _threshold;
            var newThreshold = threshold.BclCompatibleTicks;
            string how;
            switch (definition.PriorityChange)
            {
                case PriorityChangePolicy.RestartAtChange:
                    // A breach already raised stays raised: only the time counted from here restarts.
                    // The measurement keeps its start; its count of business time starts again.
                    _consumed = 0;
                    how = "the clock restarts at the change";
                    break;
                case PriorityChangePolicy.CarryShare:
                    var share = (double)_consumed / oldThreshold;
                    _consumed = (long)Math.Round(share * newThreshold, MidpointRounding.AwayFromZero);
                    how = string.Create(CultureInfo.InvariantCulture, $"the {share:P0} consumed carries over");
                    break;
                default:
                    how = "recomputed from the start";
                    break;
            }

            _threshold = newThreshold;
            _thresholdPriority = priority;
            _last = at;
            _usedUpAt = _consumed >= _threshold ? at : null;
            // Warning levels already below the consumed time are not raised again, and none after a breach.
            for (var i = 0; i < _warned.Length; i++)
            {
                _warned[i] = _breachedAt is not null || definition.Warnings[i].LevelTicks(_threshold) is not { } level || level < _consumed
                    || (level == _consumed && definition.Warnings[i].Share is not null);
            }

            if (_explain) Step(at, ClockStepKind.PriorityChanged, $"priority {old} → {priority}: {Durations.Format(Duration.FromTicks(oldThreshold))} → {Durations.Format(threshold)}, {how}", _consumed, Deadline(at, _consumed));
            if (_breachedAt is null && _consumed > _threshold)
            {
                _breachedAt = at;
                _missedDeadline = at;
                Array.Fill(_warned, true);
                if (_explain) Step(at, ClockStepKind.Breached, $"{Durations.Format(Duration.FromTicks(_consumed))} already consumed is over the new threshold", _consumed, Instant.FromUnixTimeTicks(at));
            }
        }

        private Measurement Current(long? end, bool cancelled) => new(
            _measurements.Count + 1,
            Instant.FromUnixTimeTicks(_start),
            end is { } e ? Instant.FromUnixTimeTicks(e) : null,
            _priority,
            Duration.FromTicks(_threshold),
            Duration.FromTicks(_consumed),
            _breachedAt is { } b ? Instant.FromUnixTimeTicks(b) : null,
            end is null && !cancelled ? Deadline(_last, _consumed) : null,
            cancelled);

        /// <summary>The deadline seen from <paramref name="at"/> with <paramref name="consumed"/> used: null while paused.</summary>
        private Instant? Deadline(long at, long consumed)
        {
            if (_paused)
            {
                return null;
            }

            // A breached measurement keeps the deadline it missed, whatever happens to its count afterwards.
            if (_breachedAt is not null)
            {
                return Instant.FromUnixTimeTicks(_missedDeadline);
            }

            // Once the threshold is used up the deadline is that instant (a window's close, say), not the
            // next opening, however long the clock stands still before it runs past it.
            if (_usedUpAt is { } usedUp && consumed >= _threshold)
            {
                return Instant.FromUnixTimeTicks(usedUp);
            }

            return Instant.FromUnixTimeTicks(_calendar.DueUnixTicks(at, Math.Max(0, _threshold - consumed)));
        }

        private void Step(long at, ClockStepKind kind, string detail, long consumed, Instant? deadline) =>
            _timeline!.Add(new ClockStep(Instant.FromUnixTimeTicks(at), kind, detail, _number, Duration.FromTicks(consumed), deadline));

        private bool IsPauseStatus(string status) => definition.PauseStatuses.Contains(status);

        private static bool Matches(ImmutableArray<EventCondition> conditions, TicketEvent e)
        {
            foreach (var condition in conditions)
            {
                if (condition.Matches(e))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Name(TicketEvent e) => e switch
        {
            TicketCommented c => $"{(c.IsPublic ? "public" : "internal")} {(c.Author == CommentAuthor.Agent ? "agent" : "customer")} comment",
            TicketStatusChanged s => $"status {s.Status}",
            _ => TicketEventNames.Of(e.Kind),
        };
    }
}
