using System.Text;
using System.Text.Json;

namespace Pledge.Tests;

/// <summary><c>pledge calendar batch</c>: one JSON line out per non-blank line in, in order, whatever each line holds.</summary>
public sealed class BatchCommandTests(CalendarFiles files) : IClassFixture<CalendarFiles>
{
    private const string GoodDue = """{"op":"due","start":"2026-03-27T16:00:00+01:00","minutes":120}""";
    private const string GoodDueAnswer = """{"due":"2026-03-30T10:00:00+02:00"}""";

    private Task<PledgeRun> Batch(string stdin) =>
        PledgeCli.RunAsync(["calendar", "batch", "--calendar", files.Office], stdin);

    private Task<PledgeRun> BatchBytes(byte[] stdin) =>
        PledgeCli.RunBytesAsync(["calendar", "batch", "--calendar", files.Office], stdin);

    private static void AssertAnswers(PledgeRun run, params string[] expected)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Equal(expected, run.StdoutLines);
        Assert.EndsWith("\n", run.Stdout, StringComparison.Ordinal);
        foreach (var line in run.StdoutLines)
        {
            using var json = JsonDocument.Parse(line); // every answer is one JSON object on one line
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task Batch_answers_due_and_elapsed_lines_in_order()
    {
        var run = await Batch(string.Join('\n',
            GoodDue,
            """{"op":"elapsed","from":"2026-03-30T10:00:00+02:00","to":"2026-03-27T16:00:00+01:00"}""",
            """{"op":"due","start":"2026-03-30T10:00:00+02:00","minutes":0.5}""",
            """{"op":"due","start":"2026-03-30T10:00:00+02:00","minutes":-120}""",
            """{"op":"due","start":"2026-03-28T12:00:00Z","minutes":0}""",
            """{"op":"elapsed","from":"2026-03-30T10:00:00+02:00","to":"2026-03-30T10:00:30+02:00"}""",
            """{"op":"due","start":"2026-03-30T10:00:00+02:00","minutes":0.0125}""",
            """{"op":"elapsed","from":"2026-03-30T07:00:00Z","to":"2026-03-30T17:00:00+02:00"}""") + "\n");

        AssertAnswers(
            run,
            GoodDueAnswer,
            """{"minutes":-120}""",
            """{"due":"2026-03-30T10:00:30+02:00"}""",
            """{"due":"2026-03-27T16:00:00+01:00"}""",
            """{"due":"2026-03-30T09:00:00+02:00"}""",
            """{"minutes":0.5}""",
            """{"due":"2026-03-30T10:00:00.75+02:00"}""",
            """{"minutes":480}""");
    }

    [Fact]
    public async Task Batch_answers_bad_lines_with_their_line_number_and_goes_on()
    {
        var run = await Batch(string.Join('\n',
            GoodDue,                                                                       // 1
            "not json",                                                                    // 2
            string.Empty,                                                                  // 3: blank, no answer
            """{"op":"due","start":"2026-03-27T16:00:00+01:00"}""",                        // 4
            """{"op":"due","minutes":5}""",                                                // 5
            """{"op":"elapsed","from":"2026-03-27T16:00:00+01:00"}""",                     // 6
            """{"op":"elapsed","to":"2026-03-27T16:00:00+01:00"}""",                       // 7
            """{"start":"2026-03-27T16:00:00+01:00","minutes":5}""",                       // 8
            """{"op":"frob","start":"2026-03-27T16:00:00+01:00","minutes":5}""",           // 9
            """{"op":"due","start":"2026-03-27T16:00:00+01:00","minutes":"5"}""",          // 10
            """{"op":"due","start":"2026-03-27T16:00:00","minutes":5}""",                  // 11
            """{"op":"due","start":12,"minutes":5}""",                                     // 12
            "   ",                                                                         // 13: blank
            "[1,2]",                                                                       // 14
            """{"op":"due","start":"2026-03-27T16:00:00+01:00","minutes":5} {}""",         // 15
            """{"op":"due","start":"2026-03-27T16:00:00+01:00","minutes":null}""",         // 16
            """{"op":"due","start":"2026-03-27T16:00:00+01:00","minutes":1e300}""",        // 17
            """{"op":"due","start":"2199-12-30T16:00:00+01:00","minutes":500000}""",       // 18
            """{"op":"elapsed","from":"1800-01-01T00:00:00Z","to":"2026-03-27T16:00:00+01:00"}""", // 19
            """{"op":5}""",                                                                // 20
            """{"op":"due","start":"2026-03-27T16:00:00+01:00","minutes":5,}""",           // 21
            """{"op":"due","start":"2026-03-27T16:00:00+01:00","minutes":5,"start":"x"}""", // 22
            GoodDue) + "\n");                                                              // 23

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        var answers = run.StdoutLines;
        Assert.Equal(21, answers.Count);
        Assert.Equal(GoodDueAnswer, answers[0]);
        Assert.Equal(GoodDueAnswer, answers[^1]);

        int[] errorLines = [2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22];
        string[] mentions =
        [
            "not valid JSON", "\"minutes\" is missing", "\"start\" is missing", "\"to\" is missing", "\"from\" is missing",
            "\"op\" is missing", "\"frob\"", "\"minutes\": \"5\"", "\"start\": \"2026-03-27T16:00:00\"", "\"start\": 12",
            "expected a JSON object", "not valid JSON", "\"minutes\": null", "\"minutes\": 1e300", "1900-2199", "1900-2199",
            "\"op\": 5", "not valid JSON", "\"start\": \"x\"",
        ];
        for (var i = 0; i < errorLines.Length; i++)
        {
            using var json = JsonDocument.Parse(answers[i + 1]);
            var error = json.RootElement.GetProperty("error").GetString()!;
            Assert.StartsWith($"line {errorLines[i]}: ", error, StringComparison.Ordinal);
            Assert.Contains(mentions[i], error, StringComparison.Ordinal);
            Assert.Single(json.RootElement.EnumerateObject());
        }
    }

    [Fact]
    public async Task Batch_ignores_fields_it_does_not_know()
    {
        var run = await Batch("""{"id":"ticket-42","op":"due","tags":["a",{"b":null}],"start":"2026-03-27T16:00:00+01:00","minutes":120,"x":1.5}""" + "\n");
        AssertAnswers(run, GoodDueAnswer);
    }

    [Fact]
    public async Task Batch_reads_crlf_line_ends_blank_lines_and_a_last_line_without_a_newline()
    {
        var run = await Batch("\r\n" + GoodDue + "\r\n\r\n  \t \r\n" + GoodDue.Replace("120", "60", StringComparison.Ordinal) + "\r\nnot json\r\n" + GoodDue);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(4, run.StdoutLines.Count);
        Assert.Equal(GoodDueAnswer, run.StdoutLines[0]);
        Assert.Equal("""{"due":"2026-03-27T17:00:00+01:00"}""", run.StdoutLines[1]);
        Assert.StartsWith("""{"error":"line 6: not valid JSON""", run.StdoutLines[2], StringComparison.Ordinal);
        Assert.Equal(GoodDueAnswer, run.StdoutLines[3]);
        Assert.DoesNotContain("\r", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_with_empty_or_blank_input_prints_nothing()
    {
        var runs = await Task.WhenAll(Batch(string.Empty), Batch("\n\n \r\n\t\n"));
        foreach (var run in runs)
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(string.Empty, run.Stdout);
            Assert.Equal(string.Empty, run.Stderr);
        }
    }

    [Fact]
    public async Task Batch_answers_lines_that_are_not_utf8_or_too_deep_with_errors()
    {
        var input = new List<byte>();
        input.AddRange(Encoding.UTF8.GetBytes("{\"op\":\"due\",\"start\":\"2026-03-27T16:00:00+01:00\",\"minutes\":1,\"x\":\""));
        input.AddRange([0xFF, 0xFE]);
        input.AddRange(Encoding.UTF8.GetBytes("\"}\n"));
        input.AddRange(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100) + "\n"));
        input.AddRange(Encoding.UTF8.GetBytes(GoodDue + "\n"));
        var run = await BatchBytes([.. input]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, run.StdoutLines.Count);
        Assert.StartsWith("""{"error":"line 2: """, run.StdoutLines[1], StringComparison.Ordinal);
        Assert.Equal(GoodDueAnswer, run.StdoutLines[2]);
    }

    [Fact]
    public async Task Batch_answers_a_100_KB_line_with_an_error_and_goes_on()
    {
        // A valid request padded to 100 KB, longer than the 64 KB a line may have.
        var padded = GoodDue[..^1] + ",\"pad\":\"" + new string('x', 100_000) + "\"}";
        var run = await Batch(GoodDue + "\n" + padded + "\n" + GoodDue + "\n");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, run.StdoutLines.Count);
        Assert.Equal(GoodDueAnswer, run.StdoutLines[0]);
        Assert.StartsWith("""{"error":"line 2: longer than""", run.StdoutLines[1], StringComparison.Ordinal);
        Assert.Equal(GoodDueAnswer, run.StdoutLines[2]);
    }

    [Fact]
    public async Task Batch_answers_a_100_KB_line_the_same_wherever_it_is_in_the_input()
    {
        // The same over-long line, once near the start and once straddling the first megabyte read.
        var padded = GoodDue[..^1] + ",\"pad\":\"" + new string('x', 100_000) + "\"}";
        var before = ((1024 * 1024) - (80 * 1024)) / (GoodDue.Length + 1);
        var input = new StringBuilder();
        input.Append(GoodDue).Append('\n').Append(padded).Append('\n');
        for (var i = 0; i < before; i++)
        {
            input.Append(GoodDue).Append('\n');
        }

        input.Append(padded).Append('\n').Append(GoodDue).Append('\n');
        var run = await Batch(input.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        var answers = run.StdoutLines;
        Assert.Equal(before + 4, answers.Count);
        var first = answers[1];
        var second = answers[^2];
        Assert.StartsWith("{\"error\":\"line 2: ", first, StringComparison.Ordinal);
        Assert.StartsWith($"{{\"error\":\"line {before + 3}: ", second, StringComparison.Ordinal);
        Assert.Equal(first[first.IndexOf(": ", StringComparison.Ordinal)..], second[second.IndexOf(": ", StringComparison.Ordinal)..]);
        Assert.Equal(GoodDueAnswer, answers[^1]);
    }

    [Fact]
    public async Task Batch_on_an_invalid_calendar_prints_the_problems_and_answers_nothing()
    {
        var run = await PledgeCli.RunAsync(["calendar", "batch", "--calendar", files.Closed], GoodDue + "\n");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith($"error: {files.Closed} is not a valid calendar", run.StderrLines[^1], StringComparison.Ordinal);
    }
}
