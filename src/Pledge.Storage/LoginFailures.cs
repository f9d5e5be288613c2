using NodaTime;

namespace Pledge.Storage;

/// <summary>The recent failed logins of one user name and of one client address, newest first.</summary>
/// <param name="ByName">When logins of the name failed (from any address).</param>
/// <param name="ByAddress">When logins from the address failed (of any name).</param>
public sealed record LoginFailures(IReadOnlyList<Instant> ByName, IReadOnlyList<Instant> ByAddress);
