using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Pledge.Tests;

/// <summary>
/// <c>pledge calendar batch</c> on 200,000 generated lines: one answer per line, each equal to an independent
/// reference model of the calendar, and to individual <c>pledge calendar due</c> runs for a sample of them.
/// </summary>
public sealed class BatchVolumeTests(CalendarFiles files) : IClassFixture<CalendarFiles>
{
    private const int LineCount = 200_000;
    private const long TicksPerMinute = 600_000_000;

    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly LocalTime Opens = new(9, 0);
    private static readonly LocalTime Closes = new(17, 0);

    private static readonly OffsetDateTimePattern[] InputPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<G>"),       // Z for UTC
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFo<m>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'sso<+HHmm>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<m>"),
    ];

    private static readonly OffsetDateTimePattern OutputPattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFo<m>");

    private static readonly Offset[] InputOffsets =
        [Offset.Zero, Offset.FromHours(1), Offset.FromHours(2), Offset.FromHours(-5), Offset.FromHoursAndMinutes(5, 30), Offset.FromHours(-10), Offset.FromHours(14)];

    [Fact]
    public async Task Batch_answers_200000_lines_like_a_reference_model_and_like_single_due_runs()
    {
        var random = new Random(20260327);
        var requests = new List<Request>(LineCount);
        var input = new StringBuilder(LineCount * 96);
        for (var i = 0; i < LineCount; i++)
        {
            var request = Generate(random, i);
            requests.Add(request);
            input.Append(request.Json).Append('\n');
        }

        var run = await PledgeCli.RunAsync(["calendar", "batch", "--calendar", files.Office], input.ToString(), timeout: TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal(string.Empty, run.Stderr);
        var answers = run.StdoutLines;
        Assert.Equal(LineCount, answers.Count);

        for (var i = 0; i < LineCount; i++)
        {
            var request = requests[i];
            using var json = JsonDocument.Parse(answers[i]);
            if (request.Minutes is { } minutes)
            {
                var expected = OutputPattern.Format(ReferenceDue(request.Start, minutes).InZone(Berlin).ToOffsetDateTime());
                var actual = json.RootElement.GetProperty("due").GetString();
                Assert.True(expected == actual, $"line {i + 1}: {request.Json} gave {answers[i]}, expected {expected}");
            }
            else
            {
                var expected = ReferenceElapsed(request.Start, request.To!.Value);
                var actual = (long)Math.Round(json.RootElement.GetProperty("minutes").GetDouble() * TicksPerMinute);
                Assert.True(expected.BclCompatibleTicks == actual, $"line {i + 1}: {request.Json} gave {answers[i]}, expected {expected.TotalMinutes} minutes");
            }
        }

        // The same answers from one process per request, for a sample spread over the input.
        var sample = Enumerable.Range(0, 8).Select(k => (k * 24_989) + 17).Select(i => requests.FindIndex(i, r => r.Minutes is not null)).ToList();
        var singles = await Task.WhenAll(sample.Select(i => PledgeCli.RunAsync(
            "calendar", "due", "--calendar", files.Office, "--start", requests[i].StartText, "--minutes", requests[i].MinutesText!)));
        for (var k = 0; k < sample.Count; k++)
        {
            Assert.True(singles[k].ExitCode == 0, singles[k].ToString());
            using var json = JsonDocument.Parse(answers[sample[k]]);
            Assert.Equal(json.RootElement.GetProperty("due").GetString(), singles[k].StdoutLines.Single());
        }
    }

    private static Request Generate(Random random, int index)
    {
        // Instants over 2026-2027 (both DST changes of each year included), at whole seconds or with a fraction.
        var seconds = random.NextInt64(0, 2L * 365 * 24 * 3600);
        var fraction = random.Next(4) == 0 ? random.Next(10_000_000) : 0;
        var start = Instant.FromUtc(2026, 1, 1, 0, 0).PlusTicks((seconds * 10_000_000) + fraction);
        var pattern = InputPatterns[index % InputPatterns.Length];
        var offset = InputOffsets[random.Next(InputOffsets.Length)];
        var startText = pattern.Format(start.WithOffset(offset));
        start = pattern.Parse(startText).Value.ToInstant(); // the instant the text says, to the precision the pattern has
        if (random.Next(4) == 0)
        {
            var to = start.Plus(Duration.FromSeconds(random.NextInt64(-20L * 24 * 3600, 20L * 24 * 3600)));
            var toText = InputPatterns[0].Format(to.WithOffset(InputOffsets[random.Next(InputOffsets.Length)]));
            to = InputPatterns[0].Parse(toText).Value.ToInstant();
            return new Request($"{{\"op\":\"elapsed\",\"from\":\"{startText}\",\"to\":\"{toText}\"}}", start, startText, null, null, to);
        }

        // Whole minutes mostly; some with three decimals; some negative; some zero.
        double minutes = random.Next(10) switch
        {
            0 => 0,
            1 or 2 => -random.Next(1, 6000),
            3 => Math.Round(random.NextDouble() * 3000, 3),
            _ => random.Next(1, 6000),
        };
        var minutesText = minutes.ToString("R", CultureInfo.InvariantCulture);
        var ticks = (long)Math.Round(minutes * TicksPerMinute, MidpointRounding.AwayFromZero);
        return new Request($"{{\"op\":\"due\",\"start\":\"{startText}\",\"minutes\":{minutesText},\"id\":{index}}}", start, startText, ticks, minutesText, null);
    }

    /// <summary>The business windows of one date: Monday to Friday 09:00-17:00 in Berlin (no edge falls in a DST change).</summary>
    private static Interval? Window(LocalDate date) =>
        date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday
            ? null
            : new Interval(Berlin.AtStrictly(date + Opens).ToInstant(), Berlin.AtStrictly(date + Closes).ToInstant());

    private static Instant ReferenceDue(Instant start, long ticks)
    {
        var remaining = Duration.FromTicks(Math.Abs(ticks));
        var date = start.InZone(Berlin).Date;
        if (ticks >= 0)
        {
            for (; ; date = date.PlusDays(1))
            {
                if (Window(date) is not { } window || window.End <= start)
                {
                    continue;
                }

                var from = window.Start > start ? window.Start : start;
                if (remaining <= window.End - from)
                {
                    return from + remaining;
                }

                remaining -= window.End - from;
            }
        }

        for (; ; date = date.PlusDays(-1))
        {
            if (Window(date) is not { } window || window.Start >= start)
            {
                continue;
            }

            var to = window.End < start ? window.End : start;
            if (remaining <= to - window.Start)
            {
                // Backwards, a result on the start of a window is that start; ending on a close goes on to that close.
                return to - remaining;
            }

            remaining -= to - window.Start;
        }
    }

    private static Duration ReferenceElapsed(Instant from, Instant to)
    {
        if (to < from)
        {
            return -ReferenceElapsed(to, from);
        }

        var total = Duration.Zero;
        for (var date = from.InZone(Berlin).Date; Berlin.AtStartOfDay(date).ToInstant() < to; date = date.PlusDays(1))
        {
            if (Window(date) is { } window)
            {
                var start = window.Start > from ? window.Start : from;
                var end = window.End < to ? window.End : to;
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return total;
    }

    private sealed record Request(string Json, Instant Start, string StartText, long? Minutes, string? MinutesText, Instant? To);
}
