namespace Pledge.Tests;

/// <summary>
/// Command lines that do not parse (a missing or unknown option, a missing value or argument): exit 2, a message
/// on stderr starting "error: " and nothing on stdout. Bad input is <see cref="InputErrorTests"/>.
/// </summary>
public sealed class CommandLineErrorTests(CalendarFiles files) : IClassFixture<CalendarFiles>
{
    private const string Start = "2026-03-27T16:00:00+01:00";

    [Theory]
    [InlineData("due", "--start", Start, "--minutes", "60")]
    [InlineData("elapsed", "--from", Start, "--to", Start)]
    [InlineData("batch")]
    public async Task Missing_calendar_is_a_usage_error(params string[] args)
    {
        var run = await PledgeCli.RunAsync(["calendar", .. args], stdin: string.Empty);
        CliAssert.Fails(run, 2, "error: --calendar is required");
    }

    [Theory]
    [InlineData("--start")]
    [InlineData("--minutes")]
    public async Task Missing_start_or_minutes_is_a_usage_error(string missing)
    {
        string[] args = ["calendar", "due", "--calendar", files.Office, "--start", Start, "--minutes", "60"];
        var index = Array.IndexOf(args, missing);
        var run = await PledgeCli.RunAsync([.. args[..index], .. args[(index + 2)..]]);
        CliAssert.Fails(run, 2, $"error: {missing} is required");
    }

    [Fact]
    public async Task Missing_to_is_a_usage_error()
    {
        var run = await PledgeCli.RunAsync("calendar", "elapsed", "--calendar", files.Office, "--from", Start);
        CliAssert.Fails(run, 2, "error: --to is required");
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", files.Office, "--start", Start, "--minutes", "60", "--bogus");
        CliAssert.Fails(run, 2, "error: ");
        Assert.Contains("bogus", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error()
    {
        var run = await PledgeCli.RunAsync("calendar", "frobnicate");
        CliAssert.Fails(run, 2, "error: ");
        Assert.Contains("frobnicate", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--minutes")]
    [InlineData("--start")]
    [InlineData("--calendar")]
    public async Task Option_given_without_its_value_is_a_usage_error(string option)
    {
        // The value is left off: the option is last on the line.
        string[] args = ["calendar", "due", "--calendar", files.Office, "--start", Start, "--minutes", "60"];
        var index = Array.IndexOf(args, option);
        var run = await PledgeCli.RunAsync([.. args[..index], .. args[(index + 2)..], option]);
        CliAssert.Fails(run, 2, "error: ");
        Assert.Contains(option, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("__default_command", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_and_show_without_a_file_are_usage_errors()
    {
        var runs = await Task.WhenAll(
            PledgeCli.RunAsync("calendar", "check"),
            PledgeCli.RunAsync("calendar", "show", "--from", "2026-01-01", "--to", "2026-01-02"));
        foreach (var run in runs)
        {
            CliAssert.Fails(run, 2, "error: ");
            Assert.Contains("FILE", run.Stderr, StringComparison.Ordinal);
        }
    }
}
