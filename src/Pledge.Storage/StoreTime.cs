using NodaTime;

namespace Pledge.Storage;

/// <summary>Instants as the schema stores them: unix ticks (100 ns since 1970-01-01T00:00Z) in a 64-bit integer.</summary>
internal static class StoreTime
{
    /// <summary>The injected clock's current instant, in ticks.</summary>
    public static long NowTicks(TimeProvider time) => Instant.FromDateTimeOffset(time.GetUtcNow()).ToUnixTimeTicks();

    /// <summary>Reads ticks back.</summary>
    public static Instant FromTicks(long ticks) => Instant.FromUnixTimeTicks(ticks);
}
