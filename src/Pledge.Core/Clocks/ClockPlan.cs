using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodaTime;
using Pledge.Tickets;

namespace Pledge.Clocks;

/// <summary>
/// What <see cref="ClockEvaluator"/> looks up on every event, prepared once per <see cref="ClockDefinition"/>:
/// thresholds and pause statuses as small arrays compared with the collections' own comparers, and which event
/// kinds the start, stop and reset conditions can match. It answers exactly as the definition's collections do.
/// </summary>
internal sealed class ClockPlan
{
    private readonly string[]? _priorities;
    private readonly Duration[] _thresholds;
    private readonly StringComparison? _priorityComparison;

    private readonly string[]? _pauseStatuses;
    private readonly StringComparison? _pauseComparison;

    // The last answers by string instance. Event readers share repeated priorities and statuses, so the same few
    // instances come again ticket after ticket and are answered without comparing text (issue 3).
    private readonly Answers _thresholdAnswers = new();
    private readonly Answers _pauseAnswers = new();

    internal ClockPlan(ClockDefinition definition)
    {
        Owner = definition;
        // A definition missing a collection fails as it did before plans: when the evaluator first needs it.
        var thresholds = definition.Thresholds;
        _priorityComparison = thresholds is null ? null : ComparisonOf(thresholds.KeyComparer);
        if (thresholds is not null && _priorityComparison is not null)
        {
            _priorities = new string[thresholds.Count];
            _thresholds = new Duration[thresholds.Count];
            var i = 0;
            foreach (var (priority, threshold) in thresholds)
            {
                _priorities[i] = priority;
                _thresholds[i] = threshold;
                i++;
            }
        }
        else
        {
            _thresholds = [];
        }

        var pauses = definition.PauseStatuses;
        _pauseComparison = pauses is null ? null : ComparisonOf(pauses.KeyComparer);
        HasPauseStatuses = pauses is null || pauses.Count > 0;
        if (pauses is not null && _pauseComparison is not null)
        {
            _pauseStatuses = [.. pauses];
        }

        StartOn = new Conditions(definition.StartOn);
        StopOn = new Conditions(definition.StopOn);
        ResetOn = new Conditions(definition.ResetOn);
        Warnings = definition.Warnings;
        CachesLevels = !Warnings.IsDefault && Warnings.Length <= MaxCachedLevels && Warnings.All(w => w is not null);
    }

    /// <summary>The definition this plan was made for: a copy made with <c>with</c> gets its own.</summary>
    public ClockDefinition Owner { get; }

    /// <summary>Whether any status pauses the clock.</summary>
    public bool HasPauseStatuses { get; }

    /// <summary>Events that start a measurement.</summary>
    public Conditions StartOn { get; }

    /// <summary>Events that stop the running measurement.</summary>
    public Conditions StopOn { get; }

    /// <summary>Events that stop the running measurement and start the next.</summary>
    public Conditions ResetOn { get; }

    /// <summary>How many warnings' levels the evaluator keeps at hand.</summary>
    public const int MaxCachedLevels = 8;

    /// <summary>The warnings, in the definition's order.</summary>
    public ImmutableArray<ClockWarning> Warnings { get; }

    /// <summary>Whether the evaluator can compute the warnings' levels once per threshold (at most <see cref="MaxCachedLevels"/>, none null).</summary>
    public bool CachesLevels { get; }

    /// <summary>As <see cref="ClockDefinition.TryGetThreshold"/>.</summary>
    public bool TryGetThreshold(string priority, out Duration threshold)
    {
        if (priority is null)
        {
            return LookUpThreshold(priority!, out threshold);
        }

        if (_thresholdAnswers.Find(priority) is not { } answer)
        {
            var found = LookUpThreshold(priority, out var looked);
            answer = _thresholdAnswers.Add(new Answer(priority, found, looked));
        }

        threshold = answer.Threshold;
        return answer.Found;
    }

    private bool LookUpThreshold(string priority, out Duration threshold)
    {
        if (_priorities is null || priority is null)
        {
            return Owner.Thresholds.TryGetValue(priority!, out threshold);
        }

        var comparison = _priorityComparison!.Value;
        for (var i = 0; i < _priorities.Length; i++)
        {
            if (string.Equals(_priorities[i], priority, comparison))
            {
                threshold = _thresholds[i];
                return true;
            }
        }

        threshold = default;
        return false;
    }

    /// <summary>As <c>PauseStatuses.Contains</c>.</summary>
    public bool IsPauseStatus(string status)
    {
        if (!HasPauseStatuses)
        {
            return false;
        }

        if (status is null)
        {
            return LookUpPauseStatus(status!);
        }

        return (_pauseAnswers.Find(status) ?? _pauseAnswers.Add(new Answer(status, LookUpPauseStatus(status), default))).Found;
    }

    private bool LookUpPauseStatus(string status)
    {
        if (_pauseStatuses is null || status is null)
        {
            return Owner.PauseStatuses.Contains(status!);
        }

        var comparison = _pauseComparison!.Value;
        foreach (var pause in _pauseStatuses)
        {
            if (string.Equals(pause, status, comparison))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A few answers, found by the very string asked about. Entries are immutable and stored whole, so threads
    /// sharing the plan see one answer or another, never a torn one; when full, the oldest makes room.
    /// </summary>
    private sealed class Answers
    {
        private const int Size = 8;
        private readonly Answer?[] _answers = new Answer?[Size];
        private int _next;

        public Answer? Find(string text)
        {
            foreach (var answer in _answers)
            {
                if (answer is not null && ReferenceEquals(answer.Text, text))
                {
                    return answer;
                }
            }

            return null;
        }

        public Answer Add(Answer answer)
        {
            // A race may lose an answer or overwrite a newer one: either way a later call looks it up again.
            var slot = (uint)_next % Size;
            Volatile.Write(ref _answers[slot], answer);
            _next = (int)slot + 1;
            return answer;
        }
    }

    /// <summary>What was looked up for one string instance.</summary>
    private sealed class Answer(string text, bool found, Duration threshold)
    {
        public string Text { get; } = text;

        public bool Found { get; } = found;

        public Duration Threshold { get; } = threshold;
    }

    /// <summary>The string comparison a key comparer stands for; null for any other comparer (then the collection itself is asked).</summary>
    private static StringComparison? ComparisonOf(IEqualityComparer<string> comparer) =>
        ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase) ? StringComparison.OrdinalIgnoreCase
        : ReferenceEquals(comparer, StringComparer.Ordinal) || ReferenceEquals(comparer, EqualityComparer<string>.Default) ? StringComparison.Ordinal
        : null;

    /// <summary>A list of event conditions with, per event kind, whether none, any or certainly one of them matches.</summary>
    internal sealed class Conditions
    {
        private readonly EventCondition[]? _conditions;
        private readonly ulong _any;
        private readonly ulong _always;
        private readonly bool _unusualKinds;

        public Conditions(ImmutableArray<EventCondition> conditions)
        {
            _conditions = ImmutableCollectionsMarshal.AsArray(conditions);
            if (conditions.IsDefault)
            {
                _unusualKinds = true;
                return;
            }

            foreach (var condition in conditions)
            {
                if (condition is null || (uint)condition.Kind >= 64)
                {
                    _unusualKinds = true;
                    continue;
                }

                var bit = 1UL << (int)condition.Kind;
                _any |= bit;
                if (condition.MatchesEveryEventOfItsKind)
                {
                    _always |= bit;
                }
            }
        }

        /// <summary>Whether any of the conditions matches <paramref name="e"/>, whose kind is <paramref name="kind"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Match(TicketEvent e, TicketEventKind kind)
        {
            if (!_unusualKinds && (uint)kind < 64)
            {
                var bit = 1UL << (int)kind;
                if ((_any & bit) == 0)
                {
                    return false;
                }

                if ((_always & bit) != 0)
                {
                    return true;
                }
            }

            return MatchEach(e, kind);
        }

        private bool MatchEach(TicketEvent e, TicketEventKind kind)
        {
            foreach (var condition in _conditions!)
            {
                if (condition.Kind == kind && condition.MatchesOfItsKind(e))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
