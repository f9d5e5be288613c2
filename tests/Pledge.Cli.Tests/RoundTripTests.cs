using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pledge.Tests;

/// <summary>
/// The laws of DESIGN.md through the CLI: elapsed(a, due(a, d)) = d and elapsed(a, b) = -elapsed(b, a),
/// for random starts and durations on every sample calendar and on the DST and overnight test calendars.
/// </summary>
public sealed class RoundTripTests(CalendarFiles files) : IClassFixture<CalendarFiles>
{
    private const int Cases = 400;

    public static TheoryData<string> Calendars => new()
    {
        "samples/calendars/beverage-supplier.yaml",
        "samples/calendars/24x7.yaml",
        "samples/calendars/follow-the-sun/apac-sydney.yaml",
        "samples/calendars/follow-the-sun/emea-dublin.yaml",
        "samples/calendars/follow-the-sun/americas-chicago.yaml",
        "dst.yaml",
        "gap.yaml",
        "night.yaml",
    };

    [Theory]
    [MemberData(nameof(Calendars))]
    public async Task Elapsed_from_a_start_to_its_due_instant_is_the_duration(string calendar)
    {
        var path = Resolve(calendar);
        var random = new Random(calendar.Length * 7919);
        var starts = new List<string>();
        var durations = new List<string>();
        var input = new StringBuilder();
        for (var i = 0; i < Cases; i++)
        {
            var start = DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(),
                new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()));
            start = start.ToOffset(TimeSpan.FromMinutes(random.Next(-12 * 4, 14 * 4) * 15));
            var minutes = random.Next(6) switch
            {
                0 => 0,
                1 => Math.Round(random.NextDouble() * 100, 3),
                2 => -random.Next(1, 20_000),
                _ => random.Next(1, 20_000),
            };
            starts.Add(start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            durations.Add(minutes.ToString("R", CultureInfo.InvariantCulture));
            input.Append(CultureInfo.InvariantCulture, $"{{\"op\":\"due\",\"start\":\"{starts[^1]}\",\"minutes\":{durations[^1]}}}\n");
        }

        var dues = await Batch(path, input.ToString(), "due");

        var back = new StringBuilder();
        for (var i = 0; i < Cases; i++)
        {
            back.Append(CultureInfo.InvariantCulture, $"{{\"op\":\"elapsed\",\"from\":\"{starts[i]}\",\"to\":\"{dues[i]}\"}}\n");
            back.Append(CultureInfo.InvariantCulture, $"{{\"op\":\"elapsed\",\"from\":\"{dues[i]}\",\"to\":\"{starts[i]}\"}}\n");
        }

        var elapsed = await Batch(path, back.ToString(), "minutes");
        for (var i = 0; i < Cases; i++)
        {
            var context = $"start {starts[i]}, {durations[i]} minutes, due {dues[i]}";
            Assert.True(durations[i] == elapsed[2 * i], $"{context}: elapsed {elapsed[2 * i]}");
            Assert.True(Negate(durations[i]) == elapsed[(2 * i) + 1], $"{context}: elapsed backwards {elapsed[(2 * i) + 1]}");
        }
    }

    [Fact]
    public async Task Elapsed_from_a_start_to_its_due_instant_is_the_duration_through_single_runs()
    {
        (string Start, string Minutes)[] cases =
        [
            ("2026-03-27T20:15:00Z", "1000.25"),
            ("2027-10-30T11:59:59+02:00", "-777"),
        ];
        const string calendar = "samples/calendars/beverage-supplier.yaml";
        var dues = await Task.WhenAll(cases.Select(c => PledgeCli.RunAsync("calendar", "due", "--calendar", calendar, "--start", c.Start, "--minutes", c.Minutes)));
        var elapsed = await Task.WhenAll(cases.Select((c, i) => PledgeCli.RunAsync("calendar", "elapsed", "--calendar", calendar, "--from", c.Start, "--to", dues[i].StdoutLines.Single())));
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.True(dues[i].ExitCode == 0 && elapsed[i].ExitCode == 0, dues[i] + "\n" + elapsed[i]);
            Assert.Equal([cases[i].Minutes], elapsed[i].StdoutLines);
        }
    }

    private string Resolve(string calendar) =>
        calendar.StartsWith("samples/", StringComparison.Ordinal) ? PledgeCli.Repo(calendar.Split('/')) : Path.Combine(files.Folder, calendar);

    private static async Task<List<string>> Batch(string calendar, string input, string field)
    {
        var run = await PledgeCli.RunAsync(["calendar", "batch", "--calendar", calendar], input);
        Assert.True(run.ExitCode == 0, run.ToString());
        var answers = new List<string>();
        foreach (var line in run.StdoutLines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty(field, out var value), line);
            answers.Add(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
        }

        Assert.Equal(input.Count(c => c == '\n'), answers.Count);
        return answers;
    }

    private static string Negate(string minutes) =>
        minutes == "0" ? "0" : minutes.StartsWith('-') ? minutes[1..] : "-" + minutes;
}
