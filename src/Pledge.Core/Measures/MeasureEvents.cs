using System.Collections.Immutable;
using NodaTime;
using Pledge.Actions;
using Pledge.Availability;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Satisfaction;
using Pledge.Series;

namespace Pledge.Measures;

/// <summary>
/// The events that measure targets other than ticket clocks: outages and check results, deliveries, survey
/// responses, compliance evidence, series samples, and corrective actions. Idempotent by event id: an id seen
/// again (of any type) is ignored, so feeding the same file twice changes nothing.
/// </summary>
/// <remarks>Outage ends (<see cref="OutageEnd"/>) are joined to their outages when built, whatever the order they
/// came in: an outage's end is the earliest of its own <c>end</c> and the ends naming it that are not before its
/// start; an end naming no outage waits (it is kept in <see cref="OutageEnds"/> and changes nothing).</remarks>
public sealed class MeasureEvents
{
    private MeasureEvents(Builder builder)
    {
        OutageEnds = builder.OutageEnds.ToImmutable();
        Outages = Joined(builder.Outages, OutageEnds);
        Checks = [.. builder.Checks.OrderBy(c => c.At).ThenBy(c => c.Id, StringComparer.Ordinal)];
        Deliveries = builder.Deliveries.ToImmutable();
        Surveys = builder.Surveys.ToImmutable();
        Evidence = builder.Evidence.ToImmutable();
        Samples = builder.Samples.ToImmutable();
        Actions = builder.Actions.ToImmutable();
    }

    /// <summary>No events at all.</summary>
    public static MeasureEvents Empty { get; } = new Builder().Build();

    /// <summary>Outage records.</summary>
    public ImmutableArray<Outage> Outages { get; }

    /// <summary>Ends of outages recorded apart from them (already joined into <see cref="Outages"/>).</summary>
    public ImmutableArray<OutageEnd> OutageEnds { get; }

    /// <summary>Check results, in time order.</summary>
    public ImmutableArray<CheckResult> Checks { get; }

    /// <summary>Deliveries.</summary>
    public ImmutableArray<Delivery> Deliveries { get; }

    /// <summary>Survey responses.</summary>
    public ImmutableArray<SurveyResponse> Surveys { get; }

    /// <summary>Compliance evidence.</summary>
    public ImmutableArray<Evidence> Evidence { get; }

    /// <summary>Samples of numeric series.</summary>
    public ImmutableArray<Sample> Samples { get; }

    /// <summary>Every recorded state of every corrective action.</summary>
    public ImmutableArray<CorrectiveAction> Actions { get; }

    /// <summary>How many events there are.</summary>
    public int Count => Outages.Length + OutageEnds.Length + Checks.Length + Deliveries.Length + Surveys.Length + Evidence.Length + Samples.Length + Actions.Length;

    /// <summary>The outages with the earliest end each was given (their own or an <see cref="OutageEnd"/>'s).</summary>
    private static ImmutableArray<Outage> Joined(ImmutableArray<Outage>.Builder outages, ImmutableArray<OutageEnd> ends)
    {
        if (ends.IsEmpty)
        {
            return outages.ToImmutable();
        }

        var earliest = new Dictionary<string, List<Instant>>(StringComparer.Ordinal);
        foreach (var end in ends)
        {
            if (!earliest.TryGetValue(end.Outage, out var list))
            {
                earliest[end.Outage] = list = [];
            }

            list.Add(end.End);
        }

        var joined = ImmutableArray.CreateBuilder<Outage>(outages.Count);
        foreach (var outage in outages)
        {
            var end = outage.End;
            if (earliest.TryGetValue(outage.Id, out var candidates))
            {
                foreach (var candidate in candidates.Where(c => c >= outage.Start))
                {
                    end = end is { } known && known <= candidate ? known : candidate;
                }
            }

            joined.Add(end == outage.End ? outage : outage with { End = end });
        }

        return joined.MoveToImmutable();
    }

    /// <summary>Collects events, keeping the first of each id.</summary>
    public sealed class Builder
    {
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        internal ImmutableArray<Outage>.Builder Outages { get; } = ImmutableArray.CreateBuilder<Outage>();

        internal ImmutableArray<OutageEnd>.Builder OutageEnds { get; } = ImmutableArray.CreateBuilder<OutageEnd>();

        internal List<CheckResult> Checks { get; } = [];

        internal ImmutableArray<Delivery>.Builder Deliveries { get; } = ImmutableArray.CreateBuilder<Delivery>();

        internal ImmutableArray<SurveyResponse>.Builder Surveys { get; } = ImmutableArray.CreateBuilder<SurveyResponse>();

        internal ImmutableArray<Evidence>.Builder Evidence { get; } = ImmutableArray.CreateBuilder<Evidence>();

        internal ImmutableArray<Sample>.Builder Samples { get; } = ImmutableArray.CreateBuilder<Sample>();

        internal ImmutableArray<CorrectiveAction>.Builder Actions { get; } = ImmutableArray.CreateBuilder<CorrectiveAction>();

        /// <summary>Events added so far, repeats not counted.</summary>
        public int Count => _ids.Count;

        /// <summary>Adds one event (any of the measure event records); false when its id was seen before.</summary>
        public bool Add(object measureEvent)
        {
            ArgumentNullException.ThrowIfNull(measureEvent);
            var id = measureEvent switch
            {
                Outage e => e.Id,
                OutageEnd e => e.Id,
                CheckResult e => e.Id,
                Delivery e => e.Id,
                SurveyResponse e => e.Id,
                Evidence e => e.Id,
                Sample e => e.Id,
                CorrectiveAction e => e.Id,
                _ => throw new ArgumentException($"{measureEvent.GetType().Name} is not a measure event", nameof(measureEvent)),
            };
            if (!_ids.Add(id))
            {
                return false;
            }

            switch (measureEvent)
            {
                case Outage e: Outages.Add(e); break;
                case OutageEnd e: OutageEnds.Add(e); break;
                case CheckResult e: Checks.Add(e); break;
                case Delivery e: Deliveries.Add(e); break;
                case SurveyResponse e: Surveys.Add(e); break;
                case Evidence e: Evidence.Add(e); break;
                case Sample e: Samples.Add(e); break;
                case CorrectiveAction e: Actions.Add(e); break;
            }

            return true;
        }

        /// <summary>The events collected.</summary>
        public MeasureEvents Build() => new(this);
    }
}
