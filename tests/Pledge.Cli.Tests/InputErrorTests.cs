namespace Pledge.Tests;

/// <summary>
/// Bad input found while running (an unreadable or invalid calendar, a bad instant or number, a result outside
/// the supported years): exit 1, a message on stderr starting "error: " and nothing on stdout.
/// </summary>
public sealed class InputErrorTests(CalendarFiles files) : IClassFixture<CalendarFiles>
{
    private const string Start = "2026-03-27T16:00:00+01:00";

    [Fact]
    public async Task Unreadable_calendar_file_is_an_input_error()
    {
        var missing = Path.Combine(files.Folder, "does-not-exist.yaml");
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", missing, "--start", Start, "--minutes", "60");
        CliAssert.Fails(run, 1, $"error: --calendar: cannot read \"{missing}\"");
    }

    [Fact]
    public async Task A_folder_given_as_the_calendar_is_an_input_error()
    {
        var run = await PledgeCli.RunAsync("calendar", "elapsed", "--calendar", files.Folder, "--from", Start, "--to", Start);
        CliAssert.Fails(run, 1, $"error: --calendar: cannot read \"{files.Folder}\"");
    }

    [Theory]
    [InlineData("due")]
    [InlineData("elapsed")]
    [InlineData("batch")]
    public async Task Invalid_calendar_lists_every_problem_with_its_line_and_prints_nothing(string command)
    {
        string[] args = command switch
        {
            "due" => ["--start", Start, "--minutes", "60"],
            "elapsed" => ["--from", Start, "--to", Start],
            _ => [],
        };
        var run = await PledgeCli.RunAsync(
            ["calendar", command, "--calendar", files.Invalid, .. args],
            stdin: "{\"op\":\"due\",\"start\":\"2026-03-27T16:00:00+01:00\",\"minutes\":60}\n");

        CliAssert.Fails(run, 1, $"error: {files.Invalid} is not a valid calendar (5 problems)");
        var problems = run.StderrLines.Take(5).ToList();
        string[] expected =
        [
            $"{files.Invalid}: line 2, column 11: timezone: ",
            $"{files.Invalid}: line 4, column 12: week.monday[0]: ",
            $"{files.Invalid}: line 5, column 3: week.funday: ",
            $"{files.Invalid}: line 7, column 5: holidays[0]: ",
            $"{files.Invalid}: line 8, column 1: colour: ",
        ];
        string[] values = ["\"Mars/Olympus\"", "\"25:00-17:00\"", "\"funday\"", "\"2026-13-01\"", "\"colour\""];
        Assert.Equal(6, run.StderrLines.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith(expected[i], problems[i], StringComparison.Ordinal);
            Assert.Contains(values[i], problems[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Calendar_without_business_time_is_rejected_with_a_clear_error()
    {
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", files.Closed, "--start", Start, "--minutes", "60");
        CliAssert.Fails(run, 1, $"error: {files.Closed} is not a valid calendar (1 problem)");
        Assert.StartsWith($"{files.Closed}: line 3, column 7: week: ", run.StderrLines[0], StringComparison.Ordinal);
        Assert.Contains("no business time", run.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_calendar_file_is_rejected()
    {
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", files.Empty, "--start", Start, "--minutes", "60");
        CliAssert.Fails(run, 1, $"error: {files.Empty} is not a valid calendar (1 problem)");
        Assert.Contains("empty", run.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_ical_file_is_reported_on_the_ical_line()
    {
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", files.MissingIcal, "--start", Start, "--minutes", "60");
        CliAssert.Fails(run, 1, $"error: {files.MissingIcal} is not a valid calendar (1 problem)");
        Assert.StartsWith($"{files.MissingIcal}: line 4, column 7: ical: ", run.StderrLines[0], StringComparison.Ordinal);
        Assert.Contains("not-there.ics", run.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_syntax_error_is_reported_with_its_line_and_does_not_crash()
    {
        // A list left open before the next key: the YAML parser fails with an exception other than YamlException.
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", files.UnclosedList, "--start", Start, "--minutes", "60");
        CliAssert.Fails(run, 1, $"error: {files.UnclosedList} is not a valid calendar");
        Assert.StartsWith($"{files.UnclosedList}: line ", run.StderrLines[0], StringComparison.Ordinal);
        Assert.Contains("not valid YAML", run.StderrLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("2026-03-30T10:00:00")] // no offset: a wall-clock time is not an instant
    [InlineData("2026-02-30T10:00:00+01:00")]
    [InlineData("2026-03-30T24:00:00+01:00")]
    [InlineData("2026-03-30T10:00:00+25:00")]
    public async Task Bad_start_is_an_input_error_that_quotes_it(string start)
    {
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", files.Office, "--start", start, "--minutes", "60");
        CliAssert.Fails(run, 1, $"error: --start: \"{start}\" is not an instant");
    }

    [Theory]
    [InlineData("--from")]
    [InlineData("--to")]
    public async Task Bad_from_or_to_is_an_input_error(string option)
    {
        string[] args = ["calendar", "elapsed", "--calendar", files.Office, "--from", Start, "--to", Start];
        args[Array.IndexOf(args, option) + 1] = "2026-03-30";
        var run = await PledgeCli.RunAsync(args);
        CliAssert.Fails(run, 1, $"error: {option}: \"2026-03-30\" is not an instant");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("1e10")]
    public async Task Bad_minutes_is_an_input_error_that_quotes_it(string minutes)
    {
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", files.Office, "--start", Start, "--minutes", minutes);
        CliAssert.Fails(run, 1, $"error: --minutes: \"{minutes}\" is not a number of minutes");
    }

    [Theory]
    [InlineData("1899-12-31T12:00:00Z", "60")]
    [InlineData("2200-01-01T12:00:00+01:00", "60")]
    public async Task Start_outside_the_supported_years_is_an_input_error(string start, string minutes)
    {
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", files.Office, "--start", start, "--minutes", minutes);
        CliAssert.Fails(run, 1, "error: ");
        Assert.Contains("1900-2199", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2199-12-30T12:00:00+01:00", "100000")]
    [InlineData("1900-01-05T12:00:00+01:00", "-100000")]
    public async Task Due_beyond_the_supported_years_is_an_input_error(string start, string minutes)
    {
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", files.Office, "--start", start, "--minutes", minutes);
        CliAssert.Fails(run, 1, "error: ");
        Assert.Contains("1900-2199", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Elapsed_from_outside_the_supported_years_is_an_input_error()
    {
        var run = await PledgeCli.RunAsync("calendar", "elapsed", "--calendar", files.Office, "--from", "1800-01-01T00:00:00Z", "--to", Start);
        CliAssert.Fails(run, 1, "error: ");
        Assert.Contains("1900-2199", run.Stderr, StringComparison.Ordinal);
    }
}
