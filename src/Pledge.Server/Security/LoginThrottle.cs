using System.Collections.Concurrent;

namespace Pledge.Server.Security;

/// <summary>
/// Limits failed logins: after <see cref="MaxFailures"/> failures within <see cref="Window"/> for one user name, or
/// from one client address, further logins of that name or from that address are refused (429) until the oldest of
/// those failures leaves the window — whether the password would be right or not.
/// </summary>
/// <remarks>
/// <para>Kept in memory, per server instance: a restart forgets it, and with several instances behind a balancer
/// the limit is per instance (docs/security.md). Names are counted whether or not the user exists, so the answer
/// never tells which names are real.</para>
/// <para>Time comes from the injected <see cref="TimeProvider"/>. Thread-safe. The tables are bounded: expired
/// entries are dropped, and past <see cref="MaxEntries"/> the oldest half is dropped.</para>
/// </remarks>
internal sealed class LoginThrottle(TimeProvider time)
{
    /// <summary>Failures allowed within <see cref="Window"/> per user name and per address.</summary>
    public const int MaxFailures = 5;

    /// <summary>How long a failure counts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> _byAddress = new(StringComparer.Ordinal);

    /// <summary>How long until a login of <paramref name="name"/> from <paramref name="address"/> may be tried again;
    /// null when it may be tried now.</summary>
    public TimeSpan? RetryAfter(string name, string address)
    {
        var now = time.GetUtcNow();
        var byName = Wait(_byName, name, now);
        var byAddress = Wait(_byAddress, address, now);
        // Lifted comparisons of nullables answer false when either is null: pick by hand.
        return byName is { } n && byAddress is { } a ? (n > a ? n : a) : byName ?? byAddress;
    }

    /// <summary>Counts a failed login of <paramref name="name"/> from <paramref name="address"/>.</summary>
    public void Failed(string name, string address)
    {
        var now = time.GetUtcNow();
        Add(_byName, name, now);
        Add(_byAddress, address, now);
    }

    /// <summary>A successful login clears the name's failures (not the address's: one good account must not
    /// reset an address that is guessing others).</summary>
    public void Succeeded(string name) => _byName.TryRemove(name, out _);

    private static TimeSpan? Wait(ConcurrentDictionary<string, Failures> table, string key, DateTimeOffset now) =>
        table.TryGetValue(key, out var failures) ? failures.Wait(now) : null;

    private static void Add(ConcurrentDictionary<string, Failures> table, string key, DateTimeOffset now)
    {
        if (table.Count >= MaxEntries)
        {
            Prune(table, now);
        }

        table.GetOrAdd(key, static _ => new Failures()).Add(now);
    }

    private static void Prune(ConcurrentDictionary<string, Failures> table, DateTimeOffset now)
    {
        foreach (var (key, failures) in table)
        {
            if (failures.IsEmpty(now))
            {
                table.TryRemove(key, out _);
            }
        }

        if (table.Count >= MaxEntries)
        {
            foreach (var (key, _) in table.OrderBy(e => e.Value.Latest).Take(table.Count / 2))
            {
                table.TryRemove(key, out _);
            }
        }
    }

    /// <summary>The failure times of one name or address within the window, oldest first.</summary>
    private sealed class Failures
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public DateTimeOffset Latest { get; private set; }

        public void Add(DateTimeOffset now)
        {
            lock (_times)
            {
                Expire(now);
                _times.Enqueue(now);
                Latest = now;
                // Only the newest MaxFailures matter for the wait.
                while (_times.Count > MaxFailures)
                {
                    _times.Dequeue();
                }
            }
        }

        public TimeSpan? Wait(DateTimeOffset now)
        {
            lock (_times)
            {
                Expire(now);
                return _times.Count >= MaxFailures ? _times.Peek() + Window - now : null;
            }
        }

        public bool IsEmpty(DateTimeOffset now)
        {
            lock (_times)
            {
                Expire(now);
                return _times.Count == 0;
            }
        }

        private void Expire(DateTimeOffset now)
        {
            while (_times.Count > 0 && _times.Peek() + Window <= now)
            {
                _times.Dequeue();
            }
        }
    }
}
