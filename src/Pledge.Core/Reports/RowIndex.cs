using System.Runtime.CompilerServices;

namespace Pledge.Reports;

/// <summary>
/// Report rows keyed by a target instance and a (customer, service, priority): found by reference first, hashing
/// no text, since the event readers share the strings of repeated customers, services and priorities; other
/// strings with the same text find the same row by value (issue 3: string keys were hashed for every measurement).
/// </summary>
/// <typeparam name="TTarget">What the rows count for; one instance per target, told apart by reference.</typeparam>
/// <typeparam name="TRow">A row.</typeparam>
internal sealed class RowIndex<TTarget, TRow>
    where TTarget : class
    where TRow : class
{
    // Each distinct string instance adds an alias: bounded, should the strings come unshared.
    private const int MaxAliases = 1 << 16;

    private readonly Dictionary<RowKey, TRow> _byReference = new(RowKey.ByReference);
    private readonly Dictionary<RowKey, TRow> _byValue = new(RowKey.ByValue);
    private readonly Func<TTarget, string, string, string, TRow> _create;

    /// <summary>An empty index that makes its rows with <paramref name="create"/>.</summary>
    public RowIndex(Func<TTarget, string, string, string, TRow> create)
    {
        _create = create;
    }

    /// <summary>Every row, in the order first asked for.</summary>
    public IEnumerable<TRow> All => _byValue.Values;

    /// <summary>The row for these strings; a new one the first time.</summary>
    public TRow Find(TTarget target, string customer, string service, string priority)
    {
        var key = new RowKey(target, customer, service, priority);
        if (!_byReference.TryGetValue(key, out var row))
        {
            if (!_byValue.TryGetValue(key, out row))
            {
                row = _create(target, customer, service, priority);
                _byValue.Add(key, row);
            }

            if (_byReference.Count < MaxAliases)
            {
                _byReference.Add(key, row);
            }
        }

        return row;
    }

    private readonly record struct RowKey(TTarget Target, string Customer, string Service, string Priority)
    {
        /// <summary>Same instances.</summary>
        public static IEqualityComparer<RowKey> ByReference { get; } = new ReferenceComparer();

        /// <summary>Same target instance, same texts (ordinal).</summary>
        public static IEqualityComparer<RowKey> ByValue { get; } = new ValueComparer();

        private sealed class ReferenceComparer : IEqualityComparer<RowKey>
        {
            public bool Equals(RowKey x, RowKey y) =>
                ReferenceEquals(x.Target, y.Target) && ReferenceEquals(x.Customer, y.Customer) && ReferenceEquals(x.Service, y.Service) && ReferenceEquals(x.Priority, y.Priority);

            public int GetHashCode(RowKey key) =>
                HashCode.Combine(RuntimeHelpers.GetHashCode(key.Target), RuntimeHelpers.GetHashCode(key.Customer), RuntimeHelpers.GetHashCode(key.Service), RuntimeHelpers.GetHashCode(key.Priority));
        }

        private sealed class ValueComparer : IEqualityComparer<RowKey>
        {
            public bool Equals(RowKey x, RowKey y) =>
                ReferenceEquals(x.Target, y.Target) && string.Equals(x.Customer, y.Customer, StringComparison.Ordinal)
                && string.Equals(x.Service, y.Service, StringComparison.Ordinal) && string.Equals(x.Priority, y.Priority, StringComparison.Ordinal);

            public int GetHashCode(RowKey key) =>
                HashCode.Combine(RuntimeHelpers.GetHashCode(key.Target), EqualityComparer<string>.Default.GetHashCode(key.Customer),
                    EqualityComparer<string>.Default.GetHashCode(key.Service), EqualityComparer<string>.Default.GetHashCode(key.Priority));
        }
    }
}
