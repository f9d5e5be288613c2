using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        var fold = new Fold<MeasurementList>(definition, history.TicketId, explain, explain, default);
        fold.ApplyAll(history, asOf);
        return fold.Finish(asOf);
    }

    /// <summary>
    /// <see cref="Evaluate"/> with a timeline of only the steps that explain a breach in a report: pauses, priority
    /// changes and continuations after a reopen, each as the full timeline has it. Several times cheaper than the
    /// full timeline, whose every step is composed as text (issue 3: a report explains every breach).
    /// </summary>
    internal static ClockOutcome EvaluateForBreaches(ClockDefinition definition, TicketHistory history, Instant asOf)
    {
        var fold = new Fold<MeasurementList>(definition, history.TicketId, explain: false, notes: true, default);
        fold.ApplyAll(history, asOf);
        return fold.Finish(asOf);
    }

    /// <summary>
    /// The measurements <see cref="Evaluate"/> would give without explanation, appended to <paramref name="measurements"/>:
    /// no outcome, no timeline, nothing allocated (issue 3: a report measures every clock of a million tickets).
    /// </summary>
    /// <returns>Whether <see cref="EvaluateForBreaches"/> would record any step (a pause, a priority change or a
    /// continuation); when not, its timeline is empty and need not be computed.</returns>
    internal static bool Measure(ClockDefinition definition, TicketHistory history, Instant asOf, List<MeasurementTicks> measurements)
    {
        var fold = new Fold<TickList>(definition, history.TicketId, explain: false, notes: false, new TickList(measurements));
        fold.ApplyAll(history, asOf);
        fold.FinishMeasurements(asOf);
        return fold.Noted;
    }

    /// <summary>What starts a measurement, for its explanation.</summary>
    private enum StartReason
    {
        /// <summary>A start condition matched.</summary>
        Condition,

        /// <summary>A reset condition ended the previous measurement.</summary>
        Reset,

        /// <summary>A reopen restarts the clock.</summary>
        Reopen,
    }

    /// <summary>
    /// The fold's state. A struct, and texts are only composed when explaining, so evaluating without the
    /// explanation allocates little more than the outcome itself.
    /// </summary>
    /// <remarks>
    /// Generic over where measurements go, so each use gets code of its own with the store's calls inlined:
    /// outcomes keep <see cref="Measurement"/> records, reports plain ticks (issue 3).
    /// </remarks>
    private struct Fold<TStore>
        where TStore : struct, IMeasurementStore
    {
        private readonly ClockDefinition _definition;
        private readonly ClockPlan _plan;
        private readonly string _ticketId;
        private readonly bool _explain;

        // Whether pauses, priority changes and continuations are recorded (always when explaining), and whether
        // any happened: without them a breach is explained without evaluating again.
        private readonly bool _notes;
        private bool _noted;
        private readonly BusinessCalendar _calendar;
        private readonly List<ClockStep>? _timeline;
        private TStore _measurements;

        private string _status;
        private string _priority;
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
        private string _thresholdPriority;
        private bool _resolved;

        // Which warnings were raised (or passed) in the open measurement: bits while there are at most 64.
        private int _warningCount;
        private ulong _warnedBits;
        private bool[]? _warnedMany;

        // The warnings' levels for the current threshold (-1: none), when the plan allows caching them.
        private WarningLevels _levels;

        // The last threshold looked up: a measurement usually starts again with the same priority.
        private string? _lookedUp;
        private bool _lookedUpFound;
        private Duration _lookedUpThreshold;

        public Fold(ClockDefinition definition, string ticketId, bool explain, bool notes, TStore measurements)
        {
            _measurements = measurements;
            _notes = explain || notes;
            _definition = definition;
            _plan = definition.Plan;
            _ticketId = ticketId;
            _explain = explain;
            _calendar = definition.Calendar;
            _timeline = explain ? new(16) : notes ? new(4) : null;
            _status = string.Empty;
            _priority = string.Empty;
            _thresholdPriority = string.Empty;
        }

        public void Apply(TicketEvent e)
        {
            var at = e.At.ToUnixTimeTicks();
            Advance(at);
            var kind = e.Kind;
            switch (kind)
            {
                case TicketEventKind.Created when e is TicketCreated created:
                    _status = created.Status;
                    _priority = created.Priority;
                    _paused = _plan.IsPauseStatus(_status);
                    break;
                case TicketEventKind.StatusChanged when e is TicketStatusChanged changed:
                    ChangeStatus(changed.Status, at);
                    break;
                case TicketEventKind.PriorityChanged when e is TicketPriorityChanged changed:
                    ChangePriority(changed.Priority, at);
                    break;
                case TicketEventKind.Reopened when e is TicketReopened reopened:
                    Reopen(reopened, at);
                    return;
                case TicketEventKind.Merged when e is TicketMerged merged:
                    Cancel(at, merged);
                    _ended = true;
                    return;
            }

            if (_ended)
            {
                return;
            }

            if (_active && _plan.ResetOn.Match(e, kind))
            {
                Stop(at, e, reset: true);
                Start(at, ClockStepKind.Started, StartReason.Reset, e);
            }
            else if (_active && _plan.StopOn.Match(e, kind))
            {
                Stop(at, e, reset: false);
                _stoppedByResolution = kind == TicketEventKind.Resolved;
            }
            else if (!_active && !_resolved && _plan.StartOn.Match(e, kind))
            {
                Start(at, ClockStepKind.Started, StartReason.Condition, e);
            }

            if (kind == TicketEventKind.Resolved)
            {
                // Nothing starts while the ticket is resolved (a customer's "thank you" opens no update gap).
                _resolved = true;
            }

            if (kind == TicketEventKind.Closed)
            {
                _ended = true;
            }
        }

        /// <summary>Whether a pause, a priority change or a continuation happened (what explanations of breaches quote).</summary>
        public readonly bool Noted => _noted;

        /// <summary>Folds the events of <paramref name="history"/> up to <paramref name="asOf"/>.</summary>
        public void ApplyAll(TicketHistory history, Instant asOf)
        {
            foreach (var ticketEvent in ImmutableCollectionsMarshal.AsArray(history.Events)!)
            {
                if (ticketEvent.At > asOf)
                {
                    break;
                }

                Apply(ticketEvent);
            }
        }

        public ClockOutcome Finish(Instant asOf)
        {
            FinishMeasurements(asOf);
            var count = _measurements.Count;
            var state = _ended && count > 0 && _measurements.LastIsCancelled ? ClockState.Cancelled
                : _active ? (_paused ? ClockState.Paused : ClockState.Running)
                : count > 0 ? ClockState.Stopped
                : ClockState.NotStarted;
            return new ClockOutcome(_definition, _ticketId, asOf, state, _measurements.ToImmutableArray(), _timeline is null ? [] : [.. _timeline]);
        }

        /// <summary>Measures the open measurement up to <paramref name="asOf"/> and adds it.</summary>
        public void FinishMeasurements(Instant asOf)
        {
            Advance(asOf.ToUnixTimeTicks());
            if (_active)
            {
                AddCurrent(end: null, cancelled: false);
            }
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

            // Short of the threshold only warnings can be passed, and they are only looked for when explaining.
            if (reached > _consumed && (_explain || reached >= _threshold))
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

            // Breached at the first running business instant past the threshold: the instant it was used up,
            // or, when that was a window's close (or before a pause), the next instant the clock ran again.
            long? breachAt = _breachedAt is null && reached > _threshold
                ? _calendar.DueUnixTicks(Math.Max(_last, _usedUpAt!.Value), 0)
                : null;

            // Warnings only show in the timeline: without one they are not looked for.
            if (_explain && _breachedAt is null && !AllWarned())
            {
                RaiseWarnings(to, reached, breachAt);
            }

            if (breachAt is { } breached)
            {
                _breachedAt = breached;
                _missedDeadline = _usedUpAt!.Value;
                WarnAll();
                if (_explain) Step(breached, ClockStepKind.Breached, $"the threshold of {Durations.Format(Duration.FromTicks(_threshold))} is used up", _threshold, Instant.FromUnixTimeTicks(breached));
            }
        }

        /// <summary>The warnings <see cref="RaiseLevels"/>'s stretch passes, in time order (ties in the definition's order), up to the breach.</summary>
        private void RaiseWarnings(long to, long reached, long? breachAt)
        {
            var warnings = _plan.Warnings;
            Span<(long At, int Warning)> raised = _warningCount <= 8 ? stackalloc (long, int)[8] : new (long, int)[_warningCount];
            var count = 0;
            for (var i = 0; i < _warningCount; i++)
            {
                var warning = warnings[i];
                if (IsWarned(i) || Level(i) is not { } level)
                {
                    continue;
                }

                if (warning.Share is not null && level > _consumed && level <= reached)
                {
                    raised[count++] = (_calendar.DueUnixTicks(_last, level - _consumed), i);
                }
                else if (warning.BeforeDeadline is not null && level >= _consumed && level < reached)
                {
                    raised[count++] = (_calendar.DueUnixTicks(to, level - reached), i);
                }
            }

            // Insertion sort by time; collected in the definition's order, so ties keep it.
            for (var i = 1; i < count; i++)
            {
                var item = raised[i];
                var j = i - 1;
                while (j >= 0 && raised[j].At > item.At)
                {
                    raised[j + 1] = raised[j];
                    j--;
                }

                raised[j + 1] = item;
            }

            for (var r = 0; r < count; r++)
            {
                var (at, which) = raised[r];
                if (breachAt is { } b && at > b)
                {
                    break;
                }

                SetWarned(which, true);
                var level = Level(which)!.Value;
                Step(at, ClockStepKind.Warning, $"at risk: {Describe(warnings[which])}", level, Instant.FromUnixTimeTicks(_calendar.DueUnixTicks(at, _threshold - level)));
            }
        }

        private readonly string Describe(ClockWarning warning) =>
            warning.Share is not null
                ? $"{warning} of {Durations.Format(Duration.FromTicks(_threshold))}"
                : $"{Durations.Format(warning.BeforeDeadline!.Value)} before the deadline ({Durations.Format(Duration.FromTicks(_threshold))} threshold)";

        private void Start(long at, ClockStepKind kind, StartReason reason, TicketEvent e)
        {
            if (!TryGetThreshold(_priority, out var threshold))
            {
                if (_explain) Step(at, ClockStepKind.NoThreshold, $"{Why(reason, e)}, but priority '{_priority}' has no threshold in this target", 0, null);
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
            ClearWarned();
            ComputeLevels();
            _stoppedByResolution = false;
            if (_explain)
            {
                var paused = _paused ? $"; paused while status is {_status}" : string.Empty;
                Step(at, kind, $"{Why(reason, e)}: {Durations.Format(threshold)} for priority {_priority}{paused}", 0, Deadline(at, 0));
            }
        }

        private static string Why(StartReason reason, TicketEvent e) => reason switch
        {
            StartReason.Reset => $"{Name(e)} starts the next measurement",
            StartReason.Reopen => "reopened: a new measurement starts",
            _ => $"{Name(e)} starts the clock",
        };

        private void Stop(long at, TicketEvent e, bool reset)
        {
            AddCurrent(end: at, cancelled: false);
            _active = false;
            if (_explain)
            {
                var measurement = _measurements.Last;
                var why = reset ? $"{Name(e)} ends the measurement and starts the next" : $"{Name(e)} stops the clock";
                var verdict = !measurement.IsBreached ? $"met with {Durations.Format(measurement.Remaining)} to spare"
                    : measurement.Remaining < Duration.Zero ? $"breached by {Durations.Format(-measurement.Remaining)}"
                    : $"breached at {measurement.BreachedAt} (the threshold, since raised to {Durations.Format(measurement.Threshold)}, had been used up)";
                Step(at, reset ? ClockStepKind.Reset : ClockStepKind.Stopped, $"{why}: {verdict}", _consumed, null);
            }
        }

        private void Cancel(long at, TicketMerged merged)
        {
            if (!_active)
            {
                return;
            }

            AddCurrent(end: at, cancelled: true);
            _active = false;
            if (_explain) Step(at, ClockStepKind.Cancelled, $"merged into ticket {merged.Into}: the open measurement is cancelled, not judged", _consumed, null);
        }

        private void Reopen(TicketReopened reopened, long at)
        {
            _resolved = false;
            if (_ended || _active || !_stoppedByResolution || _definition.Kind == ClockKind.Response)
            {
                return;
            }

            if (_definition.Reopen == ReopenPolicy.Restart || _definition.Kind == ClockKind.Update)
            {
                Start(at, ClockStepKind.Started, StartReason.Reopen, reopened);
                return;
            }

            // Continue: the stopped measurement was not final after all.
            var (previousNumber, previousConsumed) = (_measurements.LastNumber, _measurements.LastConsumed);
            _measurements.RemoveLast();
            _active = true;
            _number = previousNumber;
            _stoppedByResolution = false;
            _last = at;
            _noted = true;
            if (_notes) Step(at, ClockStepKind.Continued, $"reopened: measurement {previousNumber} continues from {Durations.Format(Duration.FromTicks(previousConsumed))}", _consumed, Deadline(at, _consumed));
            if (!string.Equals(_thresholdPriority, _priority, StringComparison.OrdinalIgnoreCase))
            {
                // The priority changed while the ticket was resolved: its threshold applies from the reopen.
                Rethreshold(_thresholdPriority, _priority, at);
            }
        }

        private void ChangeStatus(string status, long at)
        {
            _status = status;
            var paused = _plan.IsPauseStatus(status);
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
                _noted = true;
                if (_notes) Step(at, ClockStepKind.Paused, $"status {status} is a pause status", _consumed, null);
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
            if (!TryGetThreshold(priority, out var threshold))
            {
                _noted = true;
                if (_notes) Step(at, ClockStepKind.PriorityChanged, $"priority {old} → {priority}, which has no threshold: {Durations.Format(Duration.FromTicks(_threshold))} still applies", _consumed, Deadline(at, _consumed));
                return;
            }

            var oldThreshold = _threshold;
            var newThreshold = threshold.BclCompatibleTicks;
            string how;
            switch (_definition.PriorityChange)
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
                    how = _notes ? string.Create(CultureInfo.InvariantCulture, $"the {share:P0} consumed carries over") : string.Empty;
                    break;
                default:
                    how = "recomputed from the start";
                    break;
            }

            _threshold = newThreshold;
            ComputeLevels();
            _thresholdPriority = priority;
            _last = at;
            _usedUpAt = _consumed >= _threshold ? at : null;
            // Warning levels already below the consumed time are not raised again, and none after a breach.
            var warnings = _plan.Warnings;
            for (var i = 0; i < _warningCount && _explain; i++)
            {
                SetWarned(i, _breachedAt is not null || Level(i) is not { } level || level < _consumed
                    || (level == _consumed && warnings[i].Share is not null));
            }

            _noted = true;
            if (_notes) Step(at, ClockStepKind.PriorityChanged, $"priority {old} → {priority}: {Durations.Format(Duration.FromTicks(oldThreshold))} → {Durations.Format(threshold)}, {how}", _consumed, Deadline(at, _consumed));
            if (_breachedAt is null && _consumed > _threshold)
            {
                _breachedAt = at;
                _missedDeadline = at;
                WarnAll();
                if (_explain) Step(at, ClockStepKind.Breached, $"{Durations.Format(Duration.FromTicks(_consumed))} already consumed is over the new threshold", _consumed, Instant.FromUnixTimeTicks(at));
            }
        }

        /// <summary>Adds the open measurement as it stands, ended at <paramref name="end"/> (null: still open).</summary>
        private void AddCurrent(long? end, bool cancelled) => _measurements.Add(
            _measurements.Count + 1,
            _start,
            end,
            _priority,
            _threshold,
            _consumed,
            _breachedAt,
            end is null && !cancelled ? DeadlineTicks(_last, _consumed) : null,
            cancelled);

        /// <summary>The deadline seen from <paramref name="at"/> with <paramref name="consumed"/> used: null while paused.</summary>
        private readonly Instant? Deadline(long at, long consumed) =>
            DeadlineTicks(at, consumed) is { } deadline ? Instant.FromUnixTimeTicks(deadline) : null;

        /// <summary><see cref="Deadline"/> in ticks.</summary>
        private readonly long? DeadlineTicks(long at, long consumed)
        {
            if (_paused)
            {
                return null;
            }

            // A breached measurement keeps the deadline it missed, whatever happens to its count afterwards.
            if (_breachedAt is not null)
            {
                return _missedDeadline;
            }

            // Once the threshold is used up the deadline is that instant (a window's close, say), not the
            // next opening, however long the clock stands still before it runs past it.
            if (_usedUpAt is { } usedUp && consumed >= _threshold)
            {
                return usedUp;
            }

            return _calendar.DueUnixTicks(at, Math.Max(0, _threshold - consumed));
        }

        private readonly void Step(long at, ClockStepKind kind, string detail, long consumed, Instant? deadline) =>
            _timeline!.Add(new ClockStep(Instant.FromUnixTimeTicks(at), kind, detail, _number, Duration.FromTicks(consumed), deadline));

        /// <summary>As the plan's, remembering the last answer.</summary>
        private bool TryGetThreshold(string priority, out Duration threshold)
        {
            if (priority is null || !ReferenceEquals(priority, _lookedUp))
            {
                _lookedUpFound = _plan.TryGetThreshold(priority!, out _lookedUpThreshold);
                _lookedUp = priority;
            }

            threshold = _lookedUpThreshold;
            return _lookedUpFound;
        }

        /// <summary>Warning <paramref name="i"/>'s level for the current threshold, as <see cref="ClockWarning.LevelTicks"/>.</summary>
        private readonly long? Level(int i)
        {
            if (_plan.CachesLevels)
            {
                var level = _levels[i];
                return level >= 0 ? level : null;
            }

            return _plan.Warnings[i].LevelTicks(_threshold);
        }

        /// <summary>Caches the warnings' levels once the threshold is set.</summary>
        private void ComputeLevels()
        {
            if (!_plan.CachesLevels || !_explain)
            {
                return;
            }

            var warnings = _plan.Warnings;
            for (var i = 0; i < warnings.Length; i++)
            {
                // Levels are never negative: -1 stands for none.
                _levels[i] = warnings[i].LevelTicks(_threshold) ?? -1;
            }
        }

        /// <summary>A new measurement: no warning raised yet.</summary>
        private void ClearWarned()
        {
            _warningCount = _plan.Warnings.Length;
            _warnedBits = 0;
            _warnedMany = _warningCount > 64 ? new bool[_warningCount] : null;
        }

        private readonly bool IsWarned(int i) => _warnedMany is null ? (_warnedBits & (1UL << i)) != 0 : _warnedMany[i];

        private readonly bool AllWarned() =>
            _warnedMany is null && (_warningCount == 64 ? _warnedBits == ulong.MaxValue : (_warnedBits | (ulong.MaxValue << _warningCount)) == ulong.MaxValue);

        private void SetWarned(int i, bool warned)
        {
            if (_warnedMany is not null)
            {
                _warnedMany[i] = warned;
            }
            else if (warned)
            {
                _warnedBits |= 1UL << i;
            }
            else
            {
                _warnedBits &= ~(1UL << i);
            }
        }

        private void WarnAll()
        {
            if (_warnedMany is not null)
            {
                Array.Fill(_warnedMany, true);
            }
            else
            {
                _warnedBits = ulong.MaxValue;
            }
        }

        private static string Name(TicketEvent e) => e switch
        {
            TicketCommented c => $"{(c.IsPublic ? "public" : "internal")} {(c.Author == CommentAuthor.Agent ? "agent" : "customer")} comment",
            TicketStatusChanged s => $"status {s.Status}",
            _ => TicketEventNames.Of(e.Kind),
        };
    }

    /// <summary>Room for the levels of up to <see cref="ClockPlan.MaxCachedLevels"/> warnings.</summary>
    [InlineArray(ClockPlan.MaxCachedLevels)]
    private struct WarningLevels
    {
        private long _level;
    }

    /// <summary>Where a fold puts its measurements.</summary>
    private interface IMeasurementStore
    {
        int Count { get; }

        /// <summary>The last measurement, as a record (only explanations ask).</summary>
        Measurement Last { get; }

        int LastNumber { get; }

        long LastConsumed { get; }

        bool LastIsCancelled { get; }

        void Add(int number, long start, long? end, string priority, long threshold, long consumed, long? breachedAt, long? deadline, bool cancelled);

        void RemoveLast();

        ImmutableArray<Measurement> ToImmutableArray();
    }

    /// <summary>Measurement records for an outcome: the first two in fields (most clocks have one or two), the rest in a list.</summary>
    private struct MeasurementList : IMeasurementStore
    {
        // No measurement: the very array spreading an empty list gives (so outcomes compare as they always did).
        private static readonly ImmutableArray<Measurement> None = [.. new List<Measurement>()];

        private Measurement? _first;
        private Measurement? _second;
        private List<Measurement>? _rest;

        public int Count { readonly get; private set; }

        public readonly Measurement Last => Count switch
        {
            1 => _first!,
            2 => _second!,
            _ => _rest![Count - 3],
        };

        public readonly int LastNumber => Last.Number;

        public readonly long LastConsumed => Last.Consumed.BclCompatibleTicks;

        public readonly bool LastIsCancelled => Last.IsCancelled;

        public void Add(int number, long start, long? end, string priority, long threshold, long consumed, long? breachedAt, long? deadline, bool cancelled)
        {
            var measurement = new Measurement(
                number,
                Instant.FromUnixTimeTicks(start),
                end is { } e ? Instant.FromUnixTimeTicks(e) : null,
                priority,
                Duration.FromTicks(threshold),
                Duration.FromTicks(consumed),
                breachedAt is { } b ? Instant.FromUnixTimeTicks(b) : null,
                deadline is { } d ? Instant.FromUnixTimeTicks(d) : null,
                cancelled);
            switch (Count)
            {
                case 0:
                    _first = measurement;
                    break;
                case 1:
                    _second = measurement;
                    break;
                default:
                    (_rest ??= []).Add(measurement);
                    break;
            }

            Count++;
        }

        public void RemoveLast()
        {
            Count--;
            switch (Count)
            {
                case 0:
                    _first = null;
                    break;
                case 1:
                    _second = null;
                    break;
                default:
                    _rest!.RemoveAt(Count - 2);
                    break;
            }
        }

        public readonly ImmutableArray<Measurement> ToImmutableArray()
        {
            if (Count == 0)
            {
                return None;
            }

            var all = new Measurement[Count];
            all[0] = _first!;
            if (Count > 1)
            {
                all[1] = _second!;
                _rest?.CopyTo(all, 2);
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(all);
        }
    }

    /// <summary>Measurements as ticks, appended to a caller's list: nothing allocated.</summary>
    private readonly struct TickList(List<MeasurementTicks> list) : IMeasurementStore
    {
        private readonly int _offset = list.Count;

        public int Count => list.Count - _offset;

        public Measurement Last => list[^1].ToMeasurement();

        public int LastNumber => list[^1].Number;

        public long LastConsumed => list[^1].Consumed;

        public bool LastIsCancelled => list[^1].IsCancelled;

        public void Add(int number, long start, long? end, string priority, long threshold, long consumed, long? breachedAt, long? deadline, bool cancelled) =>
            list.Add(new MeasurementTicks(number, start, end, priority, threshold, consumed, breachedAt, deadline, cancelled));

        public void RemoveLast() => list.RemoveAt(list.Count - 1);

        public ImmutableArray<Measurement> ToImmutableArray() => [.. list.Skip(_offset).Select(m => m.ToMeasurement())];
    }
}
