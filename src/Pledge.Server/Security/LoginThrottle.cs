using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Pledge.Server.Security;

/// <summary>
/// Limits failed logins: after <see cref="MaxFailures"/> failures within <see cref="Window"/> for one user name, or
/// from one client address, further logins of that name or from that address are refused (429) until the oldest of
/// those failures leaves the window — whether the password would be right or not.
/// </summary>
/// <remarks>
/// <para>The failures are kept in the database (<see cref="Pledge.Storage.LoginFailureStore"/>), so every server
/// instance on it counts the same failures and a restart forgets nothing: attempts spread over instances behind a
/// balancer meet one limit. Names are counted whether or not the user exists, so the answer never tells which
/// names are real. Never the password: only the name as sent, the address and the time (docs/security.md).</para>
/// <para>Time comes from the injected <see cref="TimeProvider"/>. Thread-safe. Failures older than the window are
/// deleted, at most once a minute per instance. Attempts made at the very same moment may all pass the check
/// before any of them is recorded: the limit bounds guessing, it is not a lock.</para>
/// </remarks>
internal sealed class LoginThrottle(PledgeDatabase database, TimeProvider time)
{
    /// <summary>Failures allowed within <see cref="Window"/> per user name and per address.</summary>
    public const int MaxFailures = 5;

    /// <summary>How long a failure counts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Names and addresses longer than this (or not storable as text) are counted by their hash.</summary>
    private const int LongestKey = 200;

    /// <summary>How often this instance deletes failures that left the window.</summary>
    private static readonly Duration PruneEvery = Duration.FromMinutes(1);

    private long _prunedAt = long.MinValue;

    /// <summary>How long until a login of <paramref name="name"/> from <paramref name="address"/> may be tried again;
    /// null when it may be tried now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string name, string address, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var store = await database.GetAsync();
        var recent = await store.LoginFailures.RecentAsync(Key(name), Key(address), now - Duration.FromTimeSpan(Window), MaxFailures, cancellationToken);
        var byName = Wait(recent.ByName, now);
        var byAddress = Wait(recent.ByAddress, now);
        // Lifted comparisons of nullables answer false when either is null: pick by hand.
        return byName is { } n && byAddress is { } a ? (n > a ? n : a) : byName ?? byAddress;
    }

    /// <summary>Counts a failed login of <paramref name="name"/> from <paramref name="address"/>.</summary>
    public async Task FailedAsync(string name, string address, CancellationToken cancellationToken = default)
    {
        var store = await database.GetAsync();
        await store.LoginFailures.RecordAsync(Key(name), Key(address), cancellationToken);
        var now = Now();
        var last = Interlocked.Read(ref _prunedAt);
        if (now.ToUnixTimeTicks() - last >= PruneEvery.BclCompatibleTicks && Interlocked.CompareExchange(ref _prunedAt, now.ToUnixTimeTicks(), last) == last)
        {
            await store.LoginFailures.ForgetBeforeAsync(now - Duration.FromTimeSpan(Window), cancellationToken);
        }
    }

    /// <summary>A successful login clears the name's failures (not the address's: one good account must not
    /// reset an address that is guessing others).</summary>
    public async Task SucceededAsync(string name, CancellationToken cancellationToken = default)
    {
        var store = await database.GetAsync();
        await store.LoginFailures.ClearNameAsync(Key(name), cancellationToken);
    }

    /// <summary>Once <see cref="MaxFailures"/> failures are in the window, the wait until the oldest of the newest
    /// <see cref="MaxFailures"/> leaves it.</summary>
    private static TimeSpan? Wait(IReadOnlyList<Instant> newestFirst, Instant now) =>
        newestFirst.Count >= MaxFailures ? (newestFirst[MaxFailures - 1] + Duration.FromTimeSpan(Window) - now).ToTimeSpan() : null;

    /// <summary>What is stored for a name or address: itself when short, printable text; otherwise its SHA-256, so a
    /// name no database can hold (U+0000, a megabyte of text) is still counted, and counted apart from others.</summary>
    private static string Key(string value) =>
        value.Length is > 0 and <= LongestKey && !value.Any(c => char.IsControl(c) || char.IsSurrogate(c)) && !string.IsNullOrWhiteSpace(value)
            ? value
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());
}
