using System.Globalization;

namespace Pledge.Storage;

/// <summary>What the database said was committed (<see cref="EventFeed.ListenAsync"/>).</summary>
public enum FeedNoticeKind
{
    /// <summary>Anything may have been committed: listening (re)started, or a notification this code cannot read.</summary>
    Anything,

    /// <summary>A statement appended events with sequences <see cref="FeedNotice.First"/> to <see cref="FeedNotice.Last"/>
    /// (not necessarily every one between).</summary>
    Events,

    /// <summary>The repository's documents changed.</summary>
    Documents,
}

/// <summary>One notification of a commit: what kind, and for appended events their range of sequences.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="First">The lowest sequence appended (<see cref="FeedNoticeKind.Events"/> only).</param>
/// <param name="Last">The highest sequence appended (<see cref="FeedNoticeKind.Events"/> only).</param>
public readonly record struct FeedNotice(FeedNoticeKind Kind, long First = 0, long Last = 0)
{
    /// <summary>Anything may have been committed.</summary>
    public static FeedNotice Anything => new(FeedNoticeKind.Anything);

    /// <summary>Reads a notification's payload as the triggers of migration 8 write it: <c>first-last</c> or
    /// <c>documents</c>; anything else (the empty payload of migration 7's trigger) is <see cref="Anything"/>.</summary>
    public static FeedNotice Parse(string? payload)
    {
        if (payload == "documents")
        {
            return new FeedNotice(FeedNoticeKind.Documents);
        }

        var dash = payload?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        return dash > 0
            && long.TryParse(payload.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && long.TryParse(payload.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && first <= last
            ? new FeedNotice(FeedNoticeKind.Events, first, last)
            : Anything;
    }
}
