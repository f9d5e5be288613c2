namespace Pledge.Tests.Calendars;

/// <summary>
/// Business time across UTC offset changes, each expected value computed by hand from the zone's transitions
/// (tzdb as shipped with NodaTime): a window covers every instant whose wall-clock time lies inside it.
/// </summary>
/// <remarks>
/// Transitions used:
/// Europe/Berlin 2026-03-29 01:00Z (02:00+01 → 03:00+02) and 2026-10-25 01:00Z (03:00+02 → 02:00+01);
/// America/New_York 2026-03-08 07:00Z (02:00-05 → 03:00-04) and 2026-11-01 06:00Z (02:00-04 → 01:00-05);
/// America/Sao_Paulo 2016-10-16 03:00Z (00:00-03 → 01:00-02) and 2017-02-19 02:00Z (00:00-02 → 23:00-03 on the 18th);
/// Asia/Tehran 2021-03-21 20:30Z (00:00+03:30 → 01:00+04:30 on the 22nd) and 2021-09-21 19:30Z (00:00+04:30 → 23:00+03:30 on the 21st), none since 2023;
/// Australia/Sydney 2026-04-04 16:00Z (03:00+11 → 02:00+10 on the 5th) and 2026-10-03 16:00Z (02:00+10 → 03:00+11 on the 4th).
/// </remarks>
public sealed class DstTableTests
{
    [Theory]
    // 24x7 Berlin, spring: 01:30+01 is 00:30Z; +60 = 01:30Z = 03:30+02.
    [InlineData("24x7-berlin", "2026-03-29T01:30+01:00", 60, "2026-03-29T03:30+02:00")]
    // Autumn: 02:30+02 is 00:30Z; +60 = 01:30Z = 02:30+01 (the second 02:30).
    [InlineData("24x7-berlin", "2026-10-25T02:30+02:00", 60, "2026-10-25T02:30+01:00")]
    // "early-berlin" (Sunday 01:00-04:00), spring: opens 01:00+01 = 00:00Z, closes 04:00+02 = 02:00Z: 2 real hours.
    [InlineData("early-berlin", "2026-03-29T00:00+01:00", 0, "2026-03-29T01:00+01:00")]
    // 00:00Z + 90 = 01:30Z = 03:30+02.
    [InlineData("early-berlin", "2026-03-29T00:00+01:00", 90, "2026-03-29T03:30+02:00")]
    [InlineData("early-berlin", "2026-03-29T00:00+01:00", 120, "2026-03-29T04:00+02:00")]
    // One minute more than the short window: next Sunday 01:01+02.
    [InlineData("early-berlin", "2026-03-29T00:00+01:00", 121, "2026-04-05T01:01+02:00")]
    // Autumn: opens 01:00+02 = 23:00Z (24th), closes 04:00+01 = 03:00Z: 4 real hours; 23:00Z + 150 = 01:30Z = 02:30+01.
    [InlineData("early-berlin", "2026-10-25T00:00+02:00", 150, "2026-10-25T02:30+01:00")]
    [InlineData("early-berlin", "2026-10-25T00:00+02:00", 90, "2026-10-25T02:30+02:00")]
    [InlineData("early-berlin", "2026-10-25T00:00+02:00", 240, "2026-10-25T04:00+01:00")]
    // "gap-open-berlin" (Sunday 02:30-05:00): 02:30 is in the spring gap, so the window opens at the first
    // instant after it, 03:00+02 = 01:00Z, and closes 05:00+02 = 03:00Z: 2 hours.
    [InlineData("gap-open-berlin", "2026-03-29T00:00+01:00", 0, "2026-03-29T03:00+02:00")]
    [InlineData("gap-open-berlin", "2026-03-29T00:00+01:00", 120, "2026-03-29T05:00+02:00")]
    // An ordinary Sunday holds 2.5 hours.
    [InlineData("gap-open-berlin", "2026-03-22T00:00+01:00", 150, "2026-03-22T05:00+01:00")]
    // "gap-close-berlin" (Sunday 00:30-02:30): 02:30 is in the gap, so it closes at 03:00+02 = 01:00Z;
    // it opened 00:30+01 = 23:30Z: 90 minutes, ending on that close.
    [InlineData("gap-close-berlin", "2026-03-29T00:00+01:00", 90, "2026-03-29T03:00+02:00")]
    [InlineData("gap-close-berlin", "2026-03-29T00:00+01:00", 91, "2026-04-05T00:31+02:00")]
    // Autumn: 00:30-02:30 covers 22:30Z-00:30Z (first pass) and again 01:00Z-01:30Z (02:00-02:30 second pass).
    // 120 minutes end on the first part's end 00:30Z = 02:30+02; one more minute is 01:01Z = 02:01+01.
    [InlineData("gap-close-berlin", "2026-10-25T00:00+02:00", 120, "2026-10-25T02:30+02:00")]
    [InlineData("gap-close-berlin", "2026-10-25T00:00+02:00", 121, "2026-10-25T02:01+01:00")]
    [InlineData("gap-close-berlin", "2026-10-25T00:00+02:00", 150, "2026-10-25T02:30+01:00")]
    // Backwards from the second part's start lands on it; one more minute back is in the first part.
    [InlineData("gap-close-berlin", "2026-10-25T02:30+01:00", -30, "2026-10-25T02:00+01:00")]
    [InlineData("gap-close-berlin", "2026-10-25T02:30+01:00", -31, "2026-10-25T02:29+02:00")]
    public void Due_across_Berlin_offset_changes_matches_the_table(string calendar, string start, double minutes, string expected) =>
        DueTableTests.AssertDue(calendar, start, minutes, expected);

    [Theory]
    // "night-berlin" (Fri and Sat 22:00-06:00). Saturday 2026-03-28: opens 22:00+01 = 21:00Z, closes
    // Sunday 06:00+02 = 04:00Z: 7 real hours. 21:00Z + 180 = 00:00Z = 01:00+01.
    [InlineData("night-berlin", "2026-03-28T22:00+01:00", 180, "2026-03-29T01:00+01:00")]
    // 21:00Z + 240 = 01:00Z, the transition itself: 03:00+02.
    [InlineData("night-berlin", "2026-03-28T22:00+01:00", 240, "2026-03-29T03:00+02:00")]
    [InlineData("night-berlin", "2026-03-28T22:00+01:00", 420, "2026-03-29T06:00+02:00")]
    // 420 on that night, then Friday 2026-04-03 22:00+02 + 60.
    [InlineData("night-berlin", "2026-03-28T22:00+01:00", 480, "2026-04-03T23:00+02:00")]
    // Saturday 2026-10-24: opens 22:00+02 = 20:00Z, closes 06:00+01 = 05:00Z: 9 real hours.
    // +270 = 00:30Z = 02:30+02 (first pass); +300 = 01:00Z = 02:00+01; +330 = 01:30Z = 02:30+01 (second pass).
    [InlineData("night-berlin", "2026-10-24T22:00+02:00", 270, "2026-10-25T02:30+02:00")]
    [InlineData("night-berlin", "2026-10-24T22:00+02:00", 300, "2026-10-25T02:00+01:00")]
    [InlineData("night-berlin", "2026-10-24T22:00+02:00", 330, "2026-10-25T02:30+01:00")]
    [InlineData("night-berlin", "2026-10-24T22:00+02:00", 540, "2026-10-25T06:00+01:00")]
    // Back the whole night lands exactly on its opening.
    [InlineData("night-berlin", "2026-10-25T06:00+01:00", -540, "2026-10-24T22:00+02:00")]
    // Back an hour from the second 02:30 is the first 02:30.
    [InlineData("night-berlin", "2026-10-25T02:30+01:00", -60, "2026-10-25T02:30+02:00")]
    // "night-newyork" (Saturday 20:00-08:00). 2026-03-07 20:00-05 = 01:00Z, closes 08:00-04 = 12:00Z: 11 hours.
    [InlineData("night-newyork", "2026-03-07T20:00-05:00", 660, "2026-03-08T08:00-04:00")]
    // 01:00Z + 360 = 07:00Z, the transition: 03:00-04.
    [InlineData("night-newyork", "2026-03-07T20:00-05:00", 360, "2026-03-08T03:00-04:00")]
    // 2026-10-31 20:00-04 = 00:00Z, closes 08:00-05 = 13:00Z: 13 hours; +330 = 05:30Z = 01:30-04; +390 = 06:30Z = 01:30-05.
    [InlineData("night-newyork", "2026-10-31T20:00-04:00", 780, "2026-11-01T08:00-05:00")]
    [InlineData("night-newyork", "2026-10-31T20:00-04:00", 330, "2026-11-01T01:30-04:00")]
    [InlineData("night-newyork", "2026-10-31T20:00-04:00", 390, "2026-11-01T01:30-05:00")]
    // 24x7 New York: 01:30-05 = 06:30Z, +60 = 07:30Z = 03:30-04.
    [InlineData("24x7-newyork", "2026-03-08T01:30-05:00", 60, "2026-03-08T03:30-04:00")]
    // 00:30-04 = 04:30Z, +90 = 06:00Z = 01:00-05 (the second 01:00).
    [InlineData("24x7-newyork", "2026-11-01T00:30-04:00", 90, "2026-11-01T01:00-05:00")]
    public void Due_on_overnight_windows_across_offset_changes_matches_the_table(string calendar, string start, double minutes, string expected) =>
        DueTableTests.AssertDue(calendar, start, minutes, expected);

    [Theory]
    // "midnight-saopaulo" (Sat 22:00-24:00, Sun 00:00-02:00). Spring 2016: Saturday's window 22:00-03 = 01:00Z
    // to 24:00, which is in the gap, so the first instant after it: 01:00-02 = 03:00Z (2 hours). Sunday's 00:00
    // is in the gap too: 03:00Z to 02:00-02 = 04:00Z (1 hour). They touch: 01:00Z-04:00Z, 3 hours.
    [InlineData("midnight-saopaulo", "2016-10-15T22:00-03:00", 120, "2016-10-16T01:00-02:00")]
    [InlineData("midnight-saopaulo", "2016-10-15T22:00-03:00", 150, "2016-10-16T01:30-02:00")]
    [InlineData("midnight-saopaulo", "2016-10-15T22:00-03:00", 180, "2016-10-16T02:00-02:00")]
    // Next Saturday, now in -02.
    [InlineData("midnight-saopaulo", "2016-10-15T22:00-03:00", 181, "2016-10-22T22:01-02:00")]
    [InlineData("midnight-saopaulo", "2016-10-16T03:00Z", 0, "2016-10-16T01:00-02:00")]
    // Autumn 2017: Saturday 22:00-02 = 00:00Z to 24:00 = 00:00-03 = 03:00Z (23:00-24:00 happens twice: 3 hours);
    // Sunday 00:00-03 = 03:00Z to 02:00-03 = 05:00Z. Together 00:00Z-05:00Z.
    // +90 = 01:30Z = 23:30-02 (first pass); +120 = 02:00Z = 23:00-03 (second pass); +180 = 03:00Z = 00:00-03.
    [InlineData("midnight-saopaulo", "2017-02-18T22:00-02:00", 90, "2017-02-18T23:30-02:00")]
    [InlineData("midnight-saopaulo", "2017-02-18T22:00-02:00", 120, "2017-02-18T23:00-03:00")]
    [InlineData("midnight-saopaulo", "2017-02-18T22:00-02:00", 180, "2017-02-19T00:00-03:00")]
    [InlineData("midnight-saopaulo", "2017-02-18T22:00-02:00", 300, "2017-02-19T02:00-03:00")]
    [InlineData("midnight-saopaulo", "2017-02-19T02:00-03:00", -300, "2017-02-18T22:00-02:00")]
    // "night-tehran" (every day 22:00-06:00). 2021-03-21 22:00+03:30 = 18:30Z; the change at 20:30Z;
    // closes 06:00+04:30 = 01:30Z: 7 hours. +120 = 20:30Z = 01:00+04:30; +150 = 21:00Z = 01:30+04:30.
    [InlineData("night-tehran", "2021-03-21T22:00+03:30", 120, "2021-03-22T01:00+04:30")]
    [InlineData("night-tehran", "2021-03-21T22:00+03:30", 150, "2021-03-22T01:30+04:30")]
    [InlineData("night-tehran", "2021-03-21T22:00+03:30", 420, "2021-03-22T06:00+04:30")]
    [InlineData("night-tehran", "2021-03-21T22:00+03:30", 421, "2021-03-22T22:01+04:30")]
    // 2021-09-21 22:00+04:30 = 17:30Z; the change at 19:30Z; closes 06:00+03:30 = 02:30Z: 9 hours.
    // +120 = 19:30Z = 23:00+03:30 (the second 23:00).
    [InlineData("night-tehran", "2021-09-21T22:00+04:30", 120, "2021-09-21T23:00+03:30")]
    [InlineData("night-tehran", "2021-09-21T22:00+04:30", 540, "2021-09-22T06:00+03:30")]
    // No DST in Iran since 2023: 8 hours on the same nights.
    [InlineData("night-tehran", "2023-03-21T22:00+03:30", 480, "2023-03-22T06:00+03:30")]
    [InlineData("night-tehran", "2023-09-21T22:00+03:30", 480, "2023-09-22T06:00+03:30")]
    // "early-sydney" (Sunday 01:00-04:00). April: opens 01:00+11 = 14:00Z (4th), closes 04:00+10 = 18:00Z: 4 hours.
    [InlineData("early-sydney", "2026-04-05T00:00+11:00", 240, "2026-04-05T04:00+10:00")]
    // 02:30+11 = 15:30Z, +60 = 16:30Z = 02:30+10.
    [InlineData("early-sydney", "2026-04-05T02:30+11:00", 60, "2026-04-05T02:30+10:00")]
    // October: opens 01:00+10 = 15:00Z (3rd), closes 04:00+11 = 17:00Z: 2 hours; +60 = 16:00Z = 03:00+11.
    [InlineData("early-sydney", "2026-10-04T00:00+10:00", 60, "2026-10-04T03:00+11:00")]
    [InlineData("early-sydney", "2026-10-04T00:00+10:00", 120, "2026-10-04T04:00+11:00")]
    [InlineData("early-sydney", "2026-10-04T00:00+10:00", 121, "2026-10-11T01:01+11:00")]
    public void Due_across_offset_changes_elsewhere_matches_the_table(string calendar, string start, double minutes, string expected) =>
        DueTableTests.AssertDue(calendar, start, minutes, expected);

    [Theory]
    // Pacific/Apia went from 2011-12-29T24:00-10:00 straight to 2011-12-31T00:00+14:00 (2011-12-30T10:00Z):
    // Friday the 30th never happened. Thursday 16:00-17:00 (60), no Friday, a weekend, Monday 2012-01-02 09:00-10:00.
    [InlineData("8x5-apia", "2011-12-29T16:00-10:00", 120, "2012-01-02T10:00+14:00")]
    [InlineData("8x5-apia", "2011-12-29T17:00-10:00", 0, "2012-01-02T09:00+14:00")]
    // Thursday's 22:00-06:00 holds only 22:00-24:00 (08:00Z-10:00Z); the rest of the night is the skipped day.
    [InlineData("night-apia", "2011-12-29T22:00-10:00", 120, "2011-12-31T00:00+14:00")]
    [InlineData("night-apia", "2011-12-29T22:00-10:00", 121, "2012-01-05T22:01+14:00")]
    // Australia/Lord_Howe, 2026-04-05: 02:00+11 → 01:30+10:30 at 15:00Z. Sunday 01:45-02:15 covers
    // 14:45Z-15:00Z (first pass, to the change) and 15:15Z-15:45Z (01:45-02:15 at +10:30): 45 minutes.
    // +15 ends the first piece at 15:00Z, shown as 01:30+10:30; +16 is 15:16Z = 01:46+10:30.
    [InlineData("quarter-lordhowe", "2026-04-05T00:00+11:00", 15, "2026-04-05T01:30+10:30")]
    [InlineData("quarter-lordhowe", "2026-04-05T00:00+11:00", 16, "2026-04-05T01:46+10:30")]
    [InlineData("quarter-lordhowe", "2026-04-05T00:00+11:00", 45, "2026-04-05T02:15+10:30")]
    // 2026-10-04: 02:00+10:30 → 02:30+11 at 15:30Z. 01:45+10:30 = 15:15Z to the gap, which ends at 15:30Z = 02:30+11: 15 minutes.
    [InlineData("quarter-lordhowe", "2026-10-04T00:00+10:30", 15, "2026-10-04T02:30+11:00")]
    [InlineData("quarter-lordhowe", "2026-10-04T00:00+10:30", 16, "2026-10-11T01:46+11:00")]
    public void Due_across_skipped_days_and_half_hour_changes_matches_the_table(string calendar, string start, double minutes, string expected) =>
        DueTableTests.AssertDue(calendar, start, minutes, expected);

    [Theory]
    // The skipped day holds nothing: 2011-12-29T00:00-10:00 (10:00Z) to 2011-12-31T00:00+14:00 (2011-12-30T10:00Z) is 24 hours.
    [InlineData("24x7-apia", "2011-12-29T00:00-10:00", "2011-12-31T00:00+14:00", 1440)]
    [InlineData("8x5-apia", "2011-12-26T00:00-10:00", "2012-01-02T00:00+14:00", 1920)]
    [InlineData("night-apia", "2011-12-29T12:00-10:00", "2011-12-31T12:00+14:00", 120)]
    // Lord Howe days of 24.5 and 23.5 hours.
    [InlineData("24x7-lordhowe", "2026-04-05T00:00+11:00", "2026-04-06T00:00+10:30", 1470)]
    [InlineData("24x7-lordhowe", "2026-10-04T00:00+10:30", "2026-10-05T00:00+11:00", 1410)]
    [InlineData("quarter-lordhowe", "2026-04-05T00:00+11:00", "2026-04-06T00:00+10:30", 45)]
    [InlineData("quarter-lordhowe", "2026-10-04T00:00+10:30", "2026-10-05T00:00+11:00", 15)]
    [InlineData("quarter-lordhowe", "2026-03-29T00:00+11:00", "2026-03-30T00:00+11:00", 30)]
    public void Elapsed_across_skipped_days_and_half_hour_changes_matches_the_table(string calendar, string from, string to, double minutes) =>
        ElapsedTableTests.AssertElapsed(calendar, from, to, minutes);

    [Theory]
    // Whole days of 24x7: 23 or 25 real hours on change days.
    [InlineData("24x7-berlin", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 1380)]
    [InlineData("24x7-berlin", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 1500)]
    [InlineData("24x7-newyork", "2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00", 1380)]
    [InlineData("24x7-newyork", "2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00", 1500)]
    [InlineData("24x7-sydney", "2026-04-05T00:00+11:00", "2026-04-06T00:00+10:00", 1500)]
    [InlineData("24x7-sydney", "2026-10-04T00:00+10:00", "2026-10-05T00:00+11:00", 1380)]
    // Two days around each Sao Paulo change: 48 hours minus or plus one.
    [InlineData("24x7-saopaulo", "2016-10-15T00:00-03:00", "2016-10-17T00:00-02:00", 2820)]
    [InlineData("24x7-saopaulo", "2017-02-18T00:00-02:00", "2017-02-20T00:00-03:00", 2940)]
    [InlineData("24x7-tehran", "2021-03-21T00:00+03:30", "2021-03-23T00:00+04:30", 2820)]
    [InlineData("24x7-tehran", "2021-09-21T00:00+04:30", "2021-09-23T00:00+03:30", 2940)]
    [InlineData("24x7-tehran", "2023-03-21T00:00+03:30", "2023-03-23T00:00+03:30", 2880)]
    // A year of 24x7 in Berlin is 365 days: the two changes cancel out.
    [InlineData("24x7-berlin", "2026-01-01T00:00+01:00", "2027-01-01T00:00+01:00", 525600)]
    // Windows of 01:00-04:00 hold 2 or 4 real hours; an ordinary Sunday 3.
    [InlineData("early-berlin", "2026-03-29T00:00+01:00", "2026-03-29T12:00+02:00", 120)]
    [InlineData("early-berlin", "2026-10-25T00:00+02:00", "2026-10-25T12:00+01:00", 240)]
    [InlineData("early-berlin", "2026-03-22T00:00+01:00", "2026-03-22T12:00+01:00", 180)]
    [InlineData("early-sydney", "2026-04-05T00:00+11:00", "2026-04-05T12:00+10:00", 240)]
    [InlineData("early-sydney", "2026-10-04T00:00+10:00", "2026-10-04T12:00+11:00", 120)]
    // Edges in the gap: 02:30-05:00 holds 2 hours in spring; 00:30-02:30 holds 1.5.
    [InlineData("gap-open-berlin", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 120)]
    [InlineData("gap-close-berlin", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 90)]
    // Autumn: 02:30-05:00 covers 00:30Z-01:00Z (first 02:30-03:00) and 01:30Z-04:00Z (second 02:30-05:00): 3 hours;
    // 00:30-02:30 covers 22:30Z-00:30Z and 01:00Z-01:30Z: 2.5 hours.
    [InlineData("gap-open-berlin", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 180)]
    [InlineData("gap-close-berlin", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 150)]
    // Overnight windows crossing the change.
    [InlineData("night-berlin", "2026-03-28T12:00+01:00", "2026-03-29T12:00+02:00", 420)]
    [InlineData("night-berlin", "2026-10-24T12:00+02:00", "2026-10-25T12:00+01:00", 540)]
    [InlineData("night-newyork", "2026-03-07T00:00-05:00", "2026-03-09T00:00-04:00", 660)]
    [InlineData("night-newyork", "2026-10-31T00:00-04:00", "2026-11-02T00:00-05:00", 780)]
    [InlineData("midnight-saopaulo", "2016-10-15T12:00-03:00", "2016-10-16T12:00-02:00", 180)]
    [InlineData("midnight-saopaulo", "2017-02-18T12:00-02:00", "2017-02-19T12:00-03:00", 300)]
    [InlineData("night-tehran", "2021-03-21T12:00+03:30", "2021-03-22T12:00+04:30", 420)]
    [InlineData("night-tehran", "2021-09-21T12:00+04:30", "2021-09-22T12:00+03:30", 540)]
    public void Elapsed_across_offset_changes_matches_the_table(string calendar, string from, string to, double minutes) =>
        ElapsedTableTests.AssertElapsed(calendar, from, to, minutes);

    [Theory]
    // During the repeated hour both passes count, and only wall-clock times inside the window are open.
    [InlineData("gap-close-berlin", "2026-10-25T02:15+02:00", true)]
    [InlineData("gap-close-berlin", "2026-10-25T02:45+02:00", false)]
    [InlineData("gap-close-berlin", "2026-10-25T02:15+01:00", true)]
    [InlineData("gap-close-berlin", "2026-10-25T02:45+01:00", false)]
    [InlineData("gap-open-berlin", "2026-10-25T02:15+02:00", false)]
    [InlineData("gap-open-berlin", "2026-10-25T02:45+02:00", true)]
    [InlineData("gap-open-berlin", "2026-10-25T02:15+01:00", false)]
    [InlineData("gap-open-berlin", "2026-10-25T02:45+01:00", true)]
    // Spring: 01:59:59+01 is open, the first instant after the gap too, 04:00+02 is the close.
    [InlineData("early-berlin", "2026-03-29T01:59:59+01:00", true)]
    [InlineData("early-berlin", "2026-03-29T03:00+02:00", true)]
    [InlineData("early-berlin", "2026-03-29T04:00+02:00", false)]
    [InlineData("gap-open-berlin", "2026-03-29T01:59:59+01:00", false)]
    [InlineData("gap-open-berlin", "2026-03-29T03:00+02:00", true)]
    [InlineData("gap-close-berlin", "2026-03-29T01:59:59+01:00", true)]
    [InlineData("gap-close-berlin", "2026-03-29T03:00+02:00", false)]
    public void IsOpen_during_offset_changes_reads_wall_clock_times(string calendar, string instant, bool expected) =>
        Assert.Equal(expected, TestCalendars.Get(calendar).IsOpen(Iso.Instant(instant)));
}
