namespace Pledge.Tests;

/// <summary>The worked values of samples/calendars/README.md and follow-the-sun/README.md, run from the repository root.</summary>
public sealed class SampleCalendarTests
{
    private const string Beverage = "samples/calendars/beverage-supplier.yaml";
    private const string FollowTheSun = "samples/calendars/follow-the-sun/";

    [Theory]
    [InlineData(Beverage, "2026-12-23T16:00:00+01:00", "240", "2026-12-24T08:00:00+01:00")]
    [InlineData(Beverage, "2026-12-24T10:00:00+01:00", "240", "2026-12-31T09:00:00+01:00")]
    [InlineData("samples/calendars/24x7.yaml", "2026-03-29T00:30:00+01:00", "240", "2026-03-29T03:30:00+00:00")]
    [InlineData(FollowTheSun + "apac-sydney.yaml", "2026-03-02T23:30:00+00:00", "60", "2026-03-03T11:30:00+11:00")]
    [InlineData(FollowTheSun + "americas-chicago.yaml", "2026-03-20T16:30:00-05:00", "60", "2026-03-23T09:30:00-05:00")]
    public async Task Due_gives_the_values_worked_in_the_samples_readme(string calendar, string start, string minutes, string expected)
    {
        var run = await PledgeCli.RunAsync("calendar", "due", "--calendar", calendar, "--start", start, "--minutes", minutes);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([expected], run.StdoutLines);
    }

    [Fact]
    public async Task Elapsed_gives_the_values_worked_in_the_samples_readme()
    {
        // One batch per calendar instead of one process per value.
        const string week = """{"op":"elapsed","from":"2026-12-24T00:00:00+00:00","to":"2026-12-31T00:00:00+00:00"}""" + "\n";
        var runs = await Task.WhenAll(
            PledgeCli.RunAsync(
                ["calendar", "batch", "--calendar", Beverage],
                """
                {"op":"elapsed","from":"2026-12-23T16:00:00+01:00","to":"2027-01-04T09:00:00+01:00"}
                {"op":"elapsed","from":"2027-01-04T09:00:00+01:00","to":"2026-12-23T16:00:00+01:00"}
                {"op":"due","start":"2026-12-23T16:00:00+01:00","minutes":240}

                """),
            PledgeCli.RunAsync(["calendar", "batch", "--calendar", FollowTheSun + "apac-sydney.yaml"], week),
            PledgeCli.RunAsync(["calendar", "batch", "--calendar", FollowTheSun + "emea-dublin.yaml"], week),
            PledgeCli.RunAsync(["calendar", "batch", "--calendar", FollowTheSun + "americas-chicago.yaml"], week));
        Assert.All(runs, run => Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, run.ToString()));

        Assert.Equal(["""{"minutes":1140}""", """{"minutes":-1140}""", """{"due":"2026-12-24T08:00:00+01:00"}"""], runs[0].StdoutLines);
        Assert.Equal(["""{"minutes":1800}"""], runs[1].StdoutLines);
        Assert.Equal(["""{"minutes":1440}"""], runs[2].StdoutLines);
        Assert.Equal(["""{"minutes":1920}"""], runs[3].StdoutLines);
    }

    [Fact]
    public async Task Show_gives_the_dublin_desk_around_christmas_as_in_the_follow_the_sun_readme()
    {
        var run = await PledgeCli.RunAsync("calendar", "show", FollowTheSun + "emea-dublin.yaml", "--from", "2026-12-24", "--to", "2026-12-29", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                """{"open":"2026-12-24T07:00:00+00:00","close":"2026-12-24T15:00:00+00:00","minutes":480}""",
                """{"open":"2026-12-29T07:00:00+00:00","close":"2026-12-29T15:00:00+00:00","minutes":480}""",
            ],
            run.StdoutLines);
    }
}
