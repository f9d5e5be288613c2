using NodaTime;
using NodaTime.Text;
using Pledge.Calendars;

namespace Pledge.Tests.Calendars;

/// <summary>Reading calendar files: every problem is reported with its field and line, and bad input never throws.</summary>
public sealed class CalendarFileTests
{
    [Fact]
    public void A_window_that_is_not_a_time_range_is_reported_with_its_field_line_and_column()
    {
        const string yaml = """
            timezone: Europe/Berlin
            week:
              monday: ["09:00-12:00", "25:00-17:00"]
            """;

        var problem = SingleError(yaml);

        Assert.Equal("week.monday[1]", problem.Field);
        Assert.Equal(3, problem.Line);
        Assert.Equal(27, problem.Column);
        Assert.StartsWith("\"25:00-17:00\" is not a time range", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 3, column 27: week.monday[1]: \"25:00-17:00\" is not a time range", problem.ToString(), StringComparison.Ordinal);
        Assert.False(problem.IsWarning);
    }

    [Theory]
    [InlineData("25:00-17:00")]
    [InlineData("09:60-17:00")]
    [InlineData("9:00-17:00")]
    [InlineData("09:00")]
    [InlineData("09:00-09:00")]
    [InlineData("24:00-06:00")]
    [InlineData("09:00 to 17:00")]
    [InlineData("")]
    [InlineData("0a:00-17:00")]
    public void Malformed_windows_are_rejected(string window)
    {
        var problem = SingleError($"timezone: Europe/Berlin\nweek:\n  tuesday: [\"{window}\"]\n");

        Assert.Equal("week.tuesday[0]", problem.Field);
        Assert.Equal(3, problem.Line);
        Assert.Contains($"\"{window}\" is not a time range", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00-24:00", "00:00:00", "00:00:00", true)]
    [InlineData("22:00-06:00", "22:00:00", "06:00:00", true)]
    [InlineData("09:00:30-17:00:15", "09:00:30", "17:00:15", false)]
    [InlineData(" 09:00 - 17:00 ", "09:00:00", "17:00:00", false)]
    public void Well_formed_windows_are_read(string window, string start, string end, bool endsNextDay)
    {
        var calendar = CalendarFile.Load($"timezone: Europe/Berlin\nweek:\n  monday: [\"{window}\"]\n", "w.yaml");

        var hours = Assert.Single(calendar.Definition.WeeklyHours(IsoDayOfWeek.Monday));
        Assert.Equal(LocalTimePattern.ExtendedIso.Parse(start).Value, hours.Start);
        Assert.Equal(LocalTimePattern.ExtendedIso.Parse(end).Value, hours.End);
        Assert.Equal(endsNextDay, hours.EndsNextDay);
    }

    [Fact]
    public void An_unknown_time_zone_is_reported_on_the_timezone_field()
    {
        var problem = SingleError("name: typo\ntimezone: Europe/Berlinn\nweek:\n  monday: [\"09:00-17:00\"]\n");

        Assert.Equal("timezone", problem.Field);
        Assert.Equal(2, problem.Line);
        Assert.Contains("\"Europe/Berlinn\" is not a known time zone", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_time_zone_is_required()
    {
        var problem = SingleError("week:\n  monday: [\"09:00-17:00\"]\n");

        Assert.Equal("timezone", problem.Field);
        Assert.Contains("required", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_windows_of_one_day_are_reported()
    {
        var problem = SingleError("timezone: UTC\nweek:\n  monday: [\"09:00-12:00\"]\n  wednesday: [\"13:00-17:00\", \"09:00-13:30\"]\n");

        Assert.Equal("week.wednesday[0]", problem.Field);
        Assert.Equal(4, problem.Line);
        Assert.Contains("\"13:00-17:00\" overlaps \"09:00-13:30\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Touching_windows_are_allowed()
    {
        var result = CalendarFile.Read("timezone: UTC\nweek:\n  monday: [\"09:00-12:00\", \"12:00-17:00\"]\n  friday: [\"17:00-24:00\"]\n  saturday: [\"00:00-09:00\"]\n", "t.yaml");

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        // Monday 2026-03-02: one 8-hour stretch.
        Assert.Equal(Duration.FromHours(8), result.Calendar.Elapsed(Iso.Instant("2026-03-02T00:00Z"), Iso.Instant("2026-03-03T00:00Z")));
        Assert.Equal(Iso.Instant("2026-03-02T17:00Z"), result.Calendar.NextClosing(Iso.Instant("2026-03-02T10:00Z")));
        // Friday 17:00 to Saturday 09:00 is one stretch too.
        Assert.Equal(Iso.Instant("2026-03-07T09:00Z"), result.Calendar.NextClosing(Iso.Instant("2026-03-06T18:00Z")));
    }

    [Fact]
    public void An_overnight_window_running_into_the_next_days_window_is_reported()
    {
        const string yaml = """
            timezone: Europe/Berlin
            week:
              friday:   ["22:00-06:00"]
              saturday: ["05:00-09:00"]
            """;

        var problem = SingleError(yaml);

        Assert.Equal("week.friday[0]", problem.Field);
        Assert.Equal(3, problem.Line);
        Assert.Contains("\"22:00-06:00\" overlaps saturday's \"05:00-09:00\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overnight_window_on_sunday_is_checked_against_monday()
    {
        var problem = SingleError("timezone: UTC\nweek:\n  monday: [\"05:00-09:00\"]\n  sunday: [\"22:00-06:00\"]\n");

        Assert.Equal("week.sunday[0]", problem.Field);
        Assert.Equal(4, problem.Line);
        Assert.Contains("monday's \"05:00-09:00\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overnight_window_ending_where_the_next_day_opens_is_allowed()
    {
        var result = CalendarFile.Read("timezone: UTC\nweek:\n  friday: [\"22:00-06:00\"]\n  saturday: [\"06:00-09:00\"]\n", "t.yaml");

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(Duration.FromHours(11), result.Calendar.Elapsed(Iso.Instant("2026-03-06T00:00Z"), Iso.Instant("2026-03-08T00:00Z")));
    }

    [Theory]
    // The error points at the week's content: the line after "week:" for a block mapping.
    [InlineData("timezone: Europe/Berlin\nweek:\n  monday: []\n", 3)]
    [InlineData("timezone: Europe/Berlin\nweek: {}\n", 2)]
    [InlineData("timezone: Europe/Berlin\nweek:\n  monday: []\n  sunday: ~\nholidays:\n  - { annual: 12-26 }\n", 3)]
    public void A_calendar_with_no_business_time_at_all_is_rejected(string yaml, int line)
    {
        var problem = SingleError(yaml);

        Assert.Equal("week", problem.Field);
        Assert.Equal(line, problem.Line);
        Assert.Contains("no business time at all", problem.Message, StringComparison.Ordinal);
        var thrown = Assert.Throws<CalendarFileException>(() => CalendarFile.Load(yaml, "closed.yaml"));
        Assert.Contains("closed.yaml", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("no business time at all", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_without_a_week_has_no_business_time()
    {
        var problem = SingleError("timezone: Europe/Berlin\n");

        Assert.Equal("week", problem.Field);
        Assert.Contains("no business time at all", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_reported_where_they_are()
    {
        const string yaml = """
            name: typos
            timezone: Europe/Berlin
            timezones: Europe/Paris
            week:
              mondey: ["09:00-17:00"]
              tuesday: ["09:00-17:00"]
            holidays:
              - { date: 2026-12-24, hour: ["09:00-12:00"] }
            """;

        var errors = Errors(yaml);

        Assert.Collection(
            errors,
            e => Assert.Equal(("timezones", 3), (e.Field, e.Line)),
            e => Assert.Equal(("week.mondey", 5), (e.Field, e.Line)),
            e => Assert.Equal(("holidays[0].hour", 8), (e.Field, e.Line)));
        Assert.Contains("unknown field \"timezones\"", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("\"mondey\" is not a day of the week", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("unknown field \"hour\"", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_dates_are_reported_with_their_fields()
    {
        const string yaml = """
            timezone: Europe/Berlin
            week:
              monday: ["09:00-17:00"]
            holidays:
              - 2026-02-30
              - { date: 2026-13-01 }
              - { annual: 02-30 }
              - 1850-01-01
              - { date: 2026-12-24, annual: 12-24 }
              - { hours: ["09:00-12:00"] }
              - 26/12/2026
            """;

        var errors = Errors(yaml);

        Assert.Equal(
            [
                ("holidays[0]", 5), ("holidays[1].date", 6), ("holidays[2].annual", 7), ("holidays[3]", 8),
                ("holidays[4]", 9), ("holidays[5]", 10), ("holidays[6]", 11),
            ],
            errors.Select(e => (e.Field, e.Line)));
        Assert.Contains("\"2026-02-30\" is not a date", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("\"2026-13-01\" is not a date", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("\"02-30\" is not a month and day", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("outside the years 1900-2199", errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("both date and annual", errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("needs a date", errors[5].Message, StringComparison.Ordinal);
        Assert.Contains("\"26/12/2026\" is not a date", errors[6].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_holidays_are_reported_at_the_second_entry()
    {
        const string yaml = """
            timezone: Europe/Berlin
            week:
              monday: ["09:00-17:00"]
            holidays:
              - 2026-12-25
              - { annual: 12-26 }
              - { date: 2026-12-25, hours: ["09:00-12:00"] }
              - { annual: 12-26, name: Boxing Day }
            """;

        var errors = Errors(yaml);

        Assert.Equal([("holidays[2]", 7), ("holidays[3]", 8)], errors.Select(e => (e.Field, e.Line)));
        Assert.Contains("2026-12-25 is already listed at holidays[0]", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("annual 12-26 is already listed at holidays[1]", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_file_order()
    {
        const string yaml = """
            timezone: Mars/Olympus
            week:
              monday: ["09:00-17:00", "16:00-18:00"]
              friday: ["7-9"]
            holidays:
              - 2026-02-29
            colour: blue
            """;

        var result = CalendarFile.Read(yaml, "many.yaml");

        Assert.False(result.IsValid);
        Assert.Null(result.Calendar);
        Assert.Equal([1, 3, 4, 6, 7], result.Errors.Select(e => e.Line));
        Assert.Equal(["timezone", "week.monday[1]", "week.friday[0]", "holidays[0]", "colour"], result.Errors.Select(e => e.Field));
        var thrown = Assert.Throws<CalendarFileException>(() => CalendarFile.Load(yaml, "many.yaml"));
        Assert.Equal(result.Problems.ToArray(), thrown.Problems.ToArray());
        Assert.Equal("many.yaml", thrown.Source);
        Assert.Contains("many.yaml: line 3, column 27: week.monday[1]", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shortened_days_annual_and_closed_holidays_are_read()
    {
        const string yaml = """
            name: berlin-office
            timezone: Europe/Berlin
            week:
              monday:    ["09:00-17:00"]
              thursday:  ["09:00-17:00"]
              friday:    ["09:00-17:00"]
            holidays:
              - 2026-12-25
              - { date: 2026-12-24, hours: ["09:00-12:00", "13:00-14:00"], name: Christmas Eve }
              - { annual: 12-26 }
              - { annual: 12-31, hours: ["10:00-11:00"] }
              - { annual: 02-29 }
            """;

        var calendar = CalendarFile.Load(yaml, "office.yaml");
        var definition = calendar.Definition;

        Assert.Equal("berlin-office", calendar.Name);
        Assert.Equal("Europe/Berlin", calendar.Zone.Id);
        Assert.Equal(5, definition.Holidays.Length);
        var eve = definition.HolidayOn(new LocalDate(2026, 12, 24));
        Assert.NotNull(eve);
        Assert.Equal("Christmas Eve", eve.Name);
        Assert.Equal(["09:00-12:00", "13:00-14:00"], eve.Hours.Select(h => h.ToString()));
        Assert.True(definition.HolidayOn(new LocalDate(2026, 12, 25))!.IsClosed);
        Assert.Equal(new AnnualDate(12, 26), definition.HolidayOn(new LocalDate(2030, 12, 26))!.Annual);
        Assert.Equal(["10:00-11:00"], definition.HoursOn(new LocalDate(2027, 12, 31)).Select(h => h.ToString()));
        Assert.True(definition.HolidayOn(new LocalDate(2028, 2, 29))!.IsClosed);
        Assert.Null(definition.HolidayOn(new LocalDate(2027, 2, 28)));
        Assert.Null(definition.HolidayOn(new LocalDate(2027, 3, 1)));
        // Thursday 2026-12-24: 3 + 1 hours; Friday 25 closed. Friday 2027-12-31: 10-11 only.
        Assert.Equal(Duration.FromHours(4), calendar.Elapsed(Iso.Instant("2026-12-24T00:00+01:00"), Iso.Instant("2026-12-26T00:00+01:00")));
        Assert.Equal(Duration.FromHours(1), calendar.Elapsed(Iso.Instant("2027-12-31T00:00+01:00"), Iso.Instant("2028-01-01T00:00+01:00")));
    }

    [Fact]
    public void A_missing_name_defaults_to_the_file_name()
    {
        var calendar = CalendarFile.Load("timezone: UTC\nweek:\n  monday: [\"09:00-17:00\"]\n", "calendars/support-desk.yaml");

        Assert.Equal("support-desk", calendar.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".yaml")]
    public void Read_without_a_name_from_a_nameless_source_reports_a_problem_instead_of_throwing(string source)
    {
        // Read promises never to throw for bad input; a file called ".yaml" (or an unnamed source) gives no
        // default name, and the calendar must then either get another name or report that it needs one.
        var result = CalendarFile.Read("timezone: UTC\nweek:\n  monday: [\"09:00-17:00\"]\n", source);

        Assert.True(
            (result.IsValid && !string.IsNullOrWhiteSpace(result.Calendar.Name)) || result.Errors.Any(e => e.Field == "name"),
            string.Join("; ", result.Problems));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("---")]
    [InlineData("# only a comment")]
    [InlineData("just a string")]
    [InlineData("- a\n- list")]
    [InlineData("[1, 2")]
    [InlineData("timezone: [")]
    [InlineData("timezone: \"unterminated")]
    [InlineData("a: b: c")]
    [InlineData("timezone: UTC\ntimezone: UTC")]
    [InlineData("timezone: *nowhere")]
    [InlineData("? [complex, key]\n: value")]
    [InlineData("\ttimezone: UTC")]
    [InlineData("timezone: UTC\nweek: 5")]
    [InlineData("timezone: UTC\nweek: [monday]")]
    [InlineData("timezone: UTC\nweek:\n  monday: 09:00-17:00")]
    [InlineData("timezone: UTC\nweek:\n  monday: [[\"09:00-17:00\"]]")]
    [InlineData("timezone: UTC\nweek:\n  monday: [{a: 1}]")]
    [InlineData("timezone: UTC\nweek:\n  [monday]: [\"09:00-17:00\"]")]
    [InlineData("timezone: UTC\nweek:\n  monday: [\"09:00-17:00\"]\nholidays: {a: 1}")]
    [InlineData("timezone: UTC\nweek:\n  monday: [\"09:00-17:00\"]\nholidays:\n  - [2026-12-25]")]
    [InlineData("timezone: UTC\nweek:\n  monday: [\"09:00-17:00\"]\nholidays:\n  - { date: [2026-12-25] }")]
    [InlineData("timezone: UTC\nweek:\n  monday: [\"09:00-17:00\"]\nholidays:\n  - { annual: {m: 12} }")]
    [InlineData("timezone: UTC\nweek:\n  monday: [\"09:00-17:00\"]\nholidays:\n  - { date: 2026-12-24, hours: 09:00-12:00 }")]
    [InlineData("timezone: UTC\nweek:\n  monday: [\"09:00-17:00\"]\nholidays:\n  -")]
    [InlineData("timezone: UTC\nweek:\n  monday: [\"09:00-17:00\"]\nical: [a.ics]")]
    [InlineData("timezone: UTC\nweek:\n  monday: [\"09:00-17:00\"]\nname: [x]")]
    [InlineData("timezone: 42\nweek:\n  monday: [\"09:00-17:00\"]")]
    [InlineData("timezone: \"\"\nweek:\n  monday: [\"09:00-17:00\"]")]
    [InlineData("!!binary AAAA")]
    [InlineData("%YAML 9.9\n---\ntimezone: UTC")]
    [InlineData("timezone: UTC\n--- \ntimezone: Europe/Berlin")]
    [InlineData("\u0000\u0001\u0002")]
    // These make YamlDotNet throw InvalidOperationException or ArgumentException rather than YamlException.
    [InlineData("timezone: {\nweek")]
    [InlineData("timezone: UTC\nweek: {\nmonday")]
    [InlineData("? : ")]
    [InlineData("timezone: UTC\n? : x")]
    public void Malformed_files_never_throw_and_report_an_error(string yaml)
    {
        var result = CalendarFile.Read(yaml, "bad.yaml");

        Assert.False(result.IsValid, "expected an error");
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Random_text_never_makes_Read_throw()
    {
        // Fragments of calendar files glued at random: whatever comes out, Read reports and never throws.
        string[] pieces =
        [
            "timezone: ", "Europe/Berlin", "UTC", "week:", "\n", "  ", "monday: ", "[\"09:00-17:00\"]", "[", "]", "{", "}",
            "\"", "- ", "holidays:", "2026-12-25", "{ date: ", "annual: ", "12-26", "hours: ", "ical: x.ics", ", ", ": ",
            "22:00-06:00", "24:00", "&a ", "*a", "? ", "|", ">", "#", "'", "\t", "---", "~", "null", "!!str ",
        ];
        var random = new Random(20261128);
        for (var i = 0; i < 3000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => pieces[random.Next(pieces.Length)]));
            var exception = Record.Exception(() => CalendarFile.Read(text, "fuzz.yaml", _ => "BEGIN:VCALENDAR\nEND:VCALENDAR\n"));
            Assert.True(exception is null, $"Read threw {exception} for:\n{text}");
        }
    }

    private static CalendarProblem SingleError(string yaml)
    {
        var errors = Errors(yaml);
        return Assert.Single(errors);
    }

    private static List<CalendarProblem> Errors(string yaml)
    {
        var result = CalendarFile.Read(yaml, "test.yaml");
        Assert.False(result.IsValid, "expected the file to be rejected");
        Assert.Null(result.Calendar);
        return [.. result.Errors];
    }
}
