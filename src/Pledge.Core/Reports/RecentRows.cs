namespace Pledge.Reports;

/// <summary>
/// The few rows one target counted into last, found by reference: a resolved target serves one customer, service
/// and priority, so its measurements nearly always land in a row it has at hand, and nothing is hashed (issue 3).
/// </summary>
/// <typeparam name="TRow">A row.</typeparam>
internal sealed class RecentRows<TRow>
    where TRow : class
{
    // Bounded: strings that are not shared would add an entry per measurement.
    private const int Max = 8;

    private readonly (string Customer, string Service, string Priority, TRow Row)[] _rows = new (string, string, string, TRow)[Max];
    private int _count;

    /// <summary>The row kept for these very string instances, or null.</summary>
    public TRow? Find(string customer, string service, string priority)
    {
        for (var i = 0; i < _count; i++)
        {
            ref readonly var entry = ref _rows[i];
            if (ReferenceEquals(entry.Customer, customer) && ReferenceEquals(entry.Service, service) && ReferenceEquals(entry.Priority, priority))
            {
                return entry.Row;
            }
        }

        return null;
    }

    /// <summary>Keeps <paramref name="row"/> at hand for these strings while there is room; returns it.</summary>
    public TRow Keep(string customer, string service, string priority, TRow row)
    {
        if (_count < Max)
        {
            _rows[_count++] = (customer, service, priority, row);
        }

        return row;
    }
}
