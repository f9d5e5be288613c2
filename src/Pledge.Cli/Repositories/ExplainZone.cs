using NodaTime;
using Pledge.Agreements;
using Pledge.Reports.Formats;

namespace Pledge.Cli.Repositories;

/// <summary>
/// Where <c>explain</c> prints the instants that belong to no single clock (the ticket's creation, the instant
/// evaluated at): in the zone of the calendars the explained targets run on, as every step of a clock is, so all
/// the instants of one explanation read alike (issue 3).
/// </summary>
internal static class ExplainZone
{
    /// <summary>
    /// The one zone of <paramref name="calendars"/>; with none, the repository's one agreement zone
    /// (<see cref="ReportText.ReportZone"/>); with several, UTC, since no one of them is the ticket's.
    /// </summary>
    public static DateTimeZone Of(IEnumerable<string> calendars, ServiceLevelRepository repository)
    {
        var zones = calendars.Select(c => repository.Calendars[c].Zone).Distinct().Take(2).ToList();
        return zones.Count switch
        {
            0 => ReportText.ReportZone(repository),
            1 => zones[0],
            _ => DateTimeZone.Utc,
        };
    }
}
