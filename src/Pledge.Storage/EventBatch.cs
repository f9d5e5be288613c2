using System.Globalization;

namespace Pledge.Storage;

/// <summary>
/// A batch of events checked and ready to insert: each id once (the first occurrence kept, later ones counted as
/// duplicates), in batch order, as columns.
/// </summary>
internal sealed class EventBatch
{
    private EventBatch(string[] ids, string[] types, string[] subjects, long[] ats, string[] bodies, int duplicates)
    {
        Ids = ids;
        Types = types;
        Subjects = subjects;
        Ats = ats;
        Bodies = bodies;
        Duplicates = duplicates;
    }

    public string[] Ids { get; }

    public string[] Types { get; }

    public string[] Subjects { get; }

    public long[] Ats { get; }

    public string[] Bodies { get; }

    /// <summary>How many distinct ids.</summary>
    public int Count => Ids.Length;

    /// <summary>How many events repeated an id seen earlier in the batch.</summary>
    public int Duplicates { get; }

    /// <summary>Reads and checks <paramref name="events"/> (enumerated once).</summary>
    /// <exception cref="ArgumentException">More than <see cref="EventStore.MaxBatchSize"/> events, or one that is not valid: the message names it (<c>events[12].id is empty</c>).</exception>
    public static EventBatch Read(IEnumerable<IncomingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.TryGetNonEnumeratedCount(out var known) && known > EventStore.MaxBatchSize)
        {
            throw TooMany(known, nameof(events));
        }

        var capacity = Math.Min(known, EventStore.MaxBatchSize);
        var seen = new HashSet<string>(capacity, StringComparer.Ordinal);
        var ids = new List<string>(capacity);
        var types = new List<string>(capacity);
        var subjects = new List<string>(capacity);
        var ats = new List<long>(capacity);
        var bodies = new List<string>(capacity);
        var index = 0;
        var duplicates = 0;
        foreach (var e in events)
        {
            if (index == EventStore.MaxBatchSize)
            {
                throw TooMany(null, nameof(events));
            }

            Check(e, index, nameof(events));
            index++;
            if (!seen.Add(e.Id))
            {
                duplicates++;
                continue;
            }

            ids.Add(e.Id);
            types.Add(e.Type);
            subjects.Add(e.Subject);
            ats.Add(e.At.ToUnixTimeTicks());
            bodies.Add(e.Body);
        }

        return new EventBatch([.. ids], [.. types], [.. subjects], [.. ats], [.. bodies], duplicates);
    }

    /// <summary>
    /// The rows of <paramref name="batches"/> as one batch, in order, each id once: an id an earlier batch holds is
    /// left out (it is that batch's, and a duplicate for the later one). <c>owners[i]</c> is the batch row i came from.
    /// </summary>
    public static (EventBatch Merged, int[] Owners) Merge(IReadOnlyList<EventBatch> batches)
    {
        var capacity = batches.Sum(b => b.Count);
        var seen = new HashSet<string>(capacity, StringComparer.Ordinal);
        var owners = new List<int>(capacity);
        var (ids, types, subjects, ats, bodies) = (new List<string>(capacity), new List<string>(capacity), new List<string>(capacity), new List<long>(capacity), new List<string>(capacity));
        for (var b = 0; b < batches.Count; b++)
        {
            var batch = batches[b];
            for (var i = 0; i < batch.Count; i++)
            {
                if (!seen.Add(batch.Ids[i]))
                {
                    continue;
                }

                owners.Add(b);
                ids.Add(batch.Ids[i]);
                types.Add(batch.Types[i]);
                subjects.Add(batch.Subjects[i]);
                ats.Add(batch.Ats[i]);
                bodies.Add(batch.Bodies[i]);
            }
        }

        return (new EventBatch([.. ids], [.. types], [.. subjects], [.. ats], [.. bodies], 0), [.. owners]);
    }

    private static void Check(IncomingEvent? e, int index, string parameter)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"events[{index}]");
        if (e is null)
        {
            throw new ArgumentException($"{name} is null", parameter);
        }

        StoredText.RequireKey(e.Id, name + ".id", parameter);
        StoredText.RequireKey(e.Type, name + ".type", parameter);
        StoredText.RequireKey(e.Subject, name + ".subject", parameter);
        StoredText.RequireText(e.Body, name + ".body", parameter);
        if (string.IsNullOrWhiteSpace(e.Body))
        {
            throw new ArgumentException($"{name}.body is empty: store the event as it arrived", parameter);
        }
    }

    private static ArgumentException TooMany(int? count, string parameter) => new(
        count is { } n
            ? string.Create(CultureInfo.InvariantCulture, $"a batch holds at most {EventStore.MaxBatchSize:N0} events; this one has {n:N0}")
            : string.Create(CultureInfo.InvariantCulture, $"a batch holds at most {EventStore.MaxBatchSize:N0} events; this one has more"),
        parameter);
}
