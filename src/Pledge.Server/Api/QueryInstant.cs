using NodaTime;
using Pledge.Text;

namespace Pledge.Server.Api;

/// <summary>The <c>at</c> query parameter of the actions and reads endpoints: the instant they are evaluated at.</summary>
internal static class QueryInstant
{
    /// <summary>
    /// <paramref name="at"/> as an instant (ISO-8601 with an offset), or now when it is absent; when it is not one,
    /// an error is added to <paramref name="errors"/> under <c>at</c> and the result is meaningless.
    /// </summary>
    public static Instant At(string? at, IClock clock, Dictionary<string, string[]> errors)
    {
        if (at is null)
        {
            return clock.GetCurrentInstant();
        }

        if (!IsoInstant.TryParse(at.AsSpan(), out var ticks))
        {
            errors["at"] = [$"\"{at}\" is not an instant with an offset, such as 2026-11-30T18:00:00+01:00"];
            return default;
        }

        return Instant.FromUnixTimeTicks(ticks);
    }
}
