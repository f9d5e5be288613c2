using System.Text.RegularExpressions;

namespace Pledge.Tests;

/// <summary>
/// Calendar files written for the tests into a temporary folder, one folder per test class
/// (used as an <see cref="IClassFixture{TFixture}"/>), deleted afterwards.
/// </summary>
public sealed partial class CalendarFiles : IDisposable
{
    public CalendarFiles()
    {
        Folder = Directory.CreateTempSubdirectory("pledge-cli-tests-").FullName;

        Office = Write("office.yaml", """
            # Monday to Friday 09:00-17:00 in Berlin: the hand-checked examples.
            name: office
            timezone: Europe/Berlin
            week:
              monday:    ["09:00-17:00"]
              tuesday:   ["09:00-17:00"]
              wednesday: ["09:00-17:00"]
              thursday:  ["09:00-17:00"]
              friday:    ["09:00-17:00"]
            """);

        Dst = Write("dst.yaml", """
            # Sunday 01:00-04:00 in Berlin: 2 real hours on 29 March 2026, 4 on 25 October 2026.
            name: dst
            timezone: Europe/Berlin
            week:
              sunday: ["01:00-04:00"]
            """);

        Gap = Write("gap.yaml", """
            # Sunday 02:30-05:00 in Berlin: on 29 March 2026 02:30 is in the gap, so the window opens at 03:00+02:00.
            name: gap
            timezone: Europe/Berlin
            week:
              sunday: ["02:30-05:00"]
            """);

        Night = Write("night.yaml", """
            # Friday night shift; a holiday on the Saturday does not cut it, a holiday on the Friday closes it.
            name: night
            timezone: Europe/Berlin
            week:
              friday: ["22:00-06:00"]
            holidays:
              - 2026-03-28
              - { date: 2026-04-03, name: Karfreitag }
            """);

        Directory.CreateDirectory(Path.Combine(Folder, "nested"));
        WithIcal = Write(Path.Combine("nested", "with-ical.yaml"), """
            name: with-ical
            timezone: Europe/Berlin
            week:
              monday:    ["09:00-17:00"]
              tuesday:   ["09:00-17:00"]
              wednesday: ["09:00-17:00"]
              thursday:  ["09:00-17:00"]
              friday:    ["09:00-17:00"]
            ical: closures.ics
            """);
        Write(Path.Combine("nested", "closures.ics"), string.Join("\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Pledge//CLI tests//EN",
            "BEGIN:VEVENT",
            "UID:closure-1@pledge.example",
            "DTSTAMP:20260101T000000Z",
            "DTSTART;VALUE=DATE:20260331",
            "DTEND;VALUE=DATE:20260402",
            "SUMMARY:Inventur",
            "END:VEVENT",
            "END:VCALENDAR",
            string.Empty));

        Invalid = Write("invalid.yaml", """
            name: invalid
            timezone: Mars/Olympus
            week:
              monday: ["25:00-17:00"]
              funday: ["09:00-17:00"]
            holidays:
              - 2026-13-01
            colour: blue
            """);

        Closed = Write("closed.yaml", """
            name: closed
            timezone: UTC
            week: {}
            """);

        Empty = Write("empty.yaml", string.Empty);

        MissingIcal = Write("missing-ical.yaml", """
            timezone: Europe/Berlin
            week:
              monday: ["09:00-17:00"]
            ical: not-there.ics
            """);

        UnclosedList = Write("unclosed-list.yaml", """
            timezone: Europe/Berlin
            week:
              monday: ["09:00-17:00"
              tuesday: ["09:00-17:00"]
            """);
    }

    public string Folder { get; }

    /// <summary>Monday to Friday 09:00-17:00, Europe/Berlin.</summary>
    public string Office { get; }

    public string Dst { get; }

    public string Gap { get; }

    public string Night { get; }

    /// <summary>In a sub-folder, naming an .ics file relative to itself.</summary>
    public string WithIcal { get; }

    /// <summary>Five problems on lines 2, 4, 5, 7 and 8.</summary>
    public string Invalid { get; }

    public string Closed { get; }

    public string Empty { get; }

    public string MissingIcal { get; }

    /// <summary>A YAML syntax error: a flow list not closed before the next key.</summary>
    public string UnclosedList { get; }

    /// <summary>Writes a file into the folder and returns its full path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content.EndsWith('\n') || content.Length == 0 ? content : content + "\n");
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the system's temp folder.
        }
    }
}

/// <summary>Reads the box-drawn tables that <c>calendar check</c> and <c>calendar show</c> print.</summary>
public static partial class Tables
{
    /// <summary>The cells of every table or grid row of <paramref name="text"/>, trimmed; rules and titles are left out.</summary>
    public static IReadOnlyList<string[]> Rows(string text) =>
        PledgeRun.Lines(Ansi().Replace(text, string.Empty))
            .Where(line => line.Contains('│', StringComparison.Ordinal))
            .Select(line => line.Split('│').Select(cell => cell.Trim()).ToArray())
            .Select(cells => cells.Length >= 2 ? cells[1..^1] : cells)
            .ToList();

    /// <summary>True when some row of <paramref name="text"/> is exactly <paramref name="cells"/>.</summary>
    public static bool HasRow(string text, params string[] cells) =>
        Rows(text).Any(row => row.SequenceEqual(cells));

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();
}
