namespace Pledge.Deliveries;

/// <summary>Time order for deliveries, then id (ordinal), then the other fields: a total order, so matching never depends on input order.</summary>
internal sealed class DeliveryOrder : IComparer<Delivery>
{
    public static readonly DeliveryOrder Instance = new();

    public int Compare(Delivery? x, Delivery? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = x.At.CompareTo(y.At);
        if (c == 0)
        {
            c = string.CompareOrdinal(x.Id, y.Id);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Service, y.Service);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Slot, y.Slot);
        }

        if (c == 0)
        {
            c = Nullable.Compare(x.Quantity, y.Quantity);
        }

        return c == 0 ? string.CompareOrdinal(x.Customer, y.Customer) : c;
    }
}
