using System.Text.Json;

namespace Pledge.Tests;

/// <summary>
/// <c>pledge explain ticket</c> on the sample's two example tickets, hand-checked on berlin-office (Monday to Friday
/// 08:00-18:00, Europe/Berlin, +01:00 in November 2026):
/// <list type="bullet">
/// <item>T-1001: initech, coffee, P3, created Friday 20 November 15:00; every target from corporate v2 (response 4h,
/// update 1d pausable, resolution 24h, both pausing in waiting-customer); waiting Friday 16:00 to Monday 10:00;
/// resolved Tuesday 24 12:00.</item>
/// <item>T-1002: acme, machine-support, P2, created Monday 23 November 07:30 (before opening); acme-gold v3 response
/// 30m and resolution 6h, corporate update 4h; P1 from 10:00; resolved 12:30, reopened 15:00, resolved 15:45; the
/// event e-1002-3 is in the file twice.</item>
/// </list>
/// </summary>
public sealed class ExplainTicketCommandTests(RepositoryFolders folders) : IClassFixture<RepositoryFolders>
{
    private const string AsOf = "2026-11-30T00:00:00+01:00";

    private static readonly string[] Header = ["At", "Step", "Why", "Used", "Deadline"];

    private static Task<PledgeRun> Explain(string ticket, string events = RepositoryFolders.Examples, bool json = false) =>
        PledgeCli.RunAsync(
        [
            "explain", "ticket", ticket, "--repo", RepositoryFolders.Sample, "--events", events, "--at", AsOf,
            .. json ? new[] { "--json" } : [],
        ], null);

    /// <summary>One clock of the text output: its heading, the lines under it (overrides, skipped), its table rows and its verdict lines.</summary>
    private sealed record ClockText(string Heading, string[] Notes, string[][] Rows, string[] Verdict);

    private static List<ClockText> Clocks(PledgeRun run)
    {
        var clocks = new List<ClockText>();
        var sections = string.Join("\n", run.StdoutLines).Split("\n\n");
        foreach (var section in sections.Skip(1))
        {
            var lines = section.Split('\n');
            var top = Array.FindIndex(lines, l => l.StartsWith('┌'));
            var bottom = Array.FindIndex(lines, l => l.StartsWith('└'));
            var rows = Tables.Rows(string.Join("\n", lines[top..(bottom + 1)])).ToList();
            Assert.Equal(Header, rows[0]);
            clocks.Add(new ClockText(lines[0], lines[1..top], [.. rows.Skip(1)], lines[(bottom + 1)..]));
        }

        return clocks;
    }

    private static string[] Row(string at, string step, string why, string used, string deadline = "") => [at, step, why, used, deadline];

    [Fact]
    public async Task T1001_gets_corporate_targets_pauses_over_the_weekend_and_meets_them_all()
    {
        var run = await Explain("T-1001");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Equal("Ticket T-1001: customer initech, service coffee, priority P3, created 2026-11-20T15:00:00+01:00; as of 2026-11-30T00:00:00+01:00", run.StdoutLines[0]);
        var clocks = Clocks(run);
        Assert.Equal(3, clocks.Count);

        // Response 4h from Friday 15:00: Friday 15:00-18:00 is 3h, then Monday 08:00 + 1h = Monday 09:00. The public
        // agent comment at 15:20 stops it: 20m used, 3h40m to spare.
        var response = clocks[0];
        Assert.Equal("response: corporate/response from corporate SLA corporate v2, calendar berlin-office", response.Heading);
        Assert.Empty(response.Notes);
        Assert.Equal(
            [
                Row("2026-11-20T15:00:00+01:00", "started", "created starts the clock: 4h for priority P3", "0s", "2026-11-23T09:00:00+01:00"),
                Row("2026-11-20T15:20:00+01:00", "stopped", "public agent comment stops the clock: met with 3h40m to spare", "20m"),
            ],
            response.Rows);
        Assert.Equal(["met with 3h40m to spare (20m of 4h)"], response.Verdict);

        // Update 1d = 24h, pausable. Gap 1: 15:00-15:20, 20m. Gap 2 from 15:20: deadline Friday 2h40m + Monday 10h +
        // Tuesday 10h = 22h40m, + 1h20m = Wednesday 09:20. Paused at 16:00 (40m used); resumed Monday 10:00 with
        // 23h20m left: Monday 8h, Tuesday 10h, Wednesday 08:00 + 5h20m = 13:20. Monday 18:00 to Tuesday 08:00 is
        // closed (14h). 50% (12h) at 40m + 8h + 3h20m: Tuesday 11:20. Resolved Tuesday 12:00: 40m + 8h + 4h = 12h40m.
        var update = clocks[1];
        Assert.Equal("update: corporate/update from corporate SLA corporate v2, calendar berlin-office", update.Heading);
        Assert.Equal(
            [
                Row("2026-11-20T15:00:00+01:00", "started", "created starts the clock: 24h for priority P3", "0s", "2026-11-25T09:00:00+01:00"),
                Row("2026-11-20T15:20:00+01:00", "reset", "public agent comment ends the measurement and starts the next: met with 23h40m to spare", "20m"),
                Row("2026-11-20T15:20:00+01:00", "started", "public agent comment starts the next measurement: 24h for priority P3", "0s", "2026-11-25T09:20:00+01:00"),
                Row("2026-11-20T16:00:00+01:00", "paused", "status waiting-customer is a pause status", "40m"),
                Row("2026-11-23T10:00:00+01:00", "resumed", "status open is not a pause status", "40m", "2026-11-25T13:20:00+01:00"),
                Row("2026-11-23T18:00:00+01:00", "closed", "until 2026-11-24T08:00:00+01:00 (14h of closed time skipped)", string.Empty),
                Row("2026-11-24T11:20:00+01:00", "warning", "at risk: 50% of 24h", "12h", "2026-11-25T13:20:00+01:00"),
                Row("2026-11-24T12:00:00+01:00", "stopped", "resolved stops the clock: met with 11h20m to spare", "12h40m"),
            ],
            update.Rows);
        Assert.Equal(["measurement 1: met with 23h40m to spare (20m of 24h)", "measurement 2: met with 11h20m to spare (12h40m of 24h)"], update.Verdict);

        // Resolution 24h: deadline Wednesday 09:00; paused Friday 16:00 after 1h; resumed Monday 10:00 with 23h left:
        // Wednesday 13:00. 50% (12h) at 1h + 8h + 3h: Tuesday 11:00. Resolved Tuesday 12:00: 13h, 11h to spare.
        var resolution = clocks[2];
        Assert.Equal("resolution: corporate/resolution from corporate SLA corporate v2, calendar berlin-office", resolution.Heading);
        Assert.Equal(
            [
                Row("2026-11-20T15:00:00+01:00", "started", "created starts the clock: 24h for priority P3", "0s", "2026-11-25T09:00:00+01:00"),
                Row("2026-11-20T16:00:00+01:00", "paused", "status waiting-customer is a pause status", "1h"),
                Row("2026-11-23T10:00:00+01:00", "resumed", "status open is not a pause status", "1h", "2026-11-25T13:00:00+01:00"),
                Row("2026-11-23T18:00:00+01:00", "closed", "until 2026-11-24T08:00:00+01:00 (14h of closed time skipped)", string.Empty),
                Row("2026-11-24T11:00:00+01:00", "warning", "at risk: 50% of 24h", "12h", "2026-11-25T13:00:00+01:00"),
                Row("2026-11-24T12:00:00+01:00", "stopped", "resolved stops the clock: met with 11h to spare", "13h"),
            ],
            resolution.Rows);
        Assert.Equal(["met with 11h to spare (13h of 24h)"], resolution.Verdict);
    }

    [Fact]
    public async Task T1002_breaches_acme_gold_resolution_at_11_after_the_priority_change()
    {
        var run = await Explain("T-1002");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Equal("Ticket T-1002: customer acme, service machine-support, priority P2, created 2026-11-23T07:30:00+01:00; as of 2026-11-30T00:00:00+01:00", run.StdoutLines[0]);
        var clocks = Clocks(run);
        Assert.Equal(3, clocks.Count);
        const string Closed = "until 2026-11-23T08:00:00+01:00 (30m of closed time skipped)";

        // Response 30m (acme-gold v3 P2, over corporate's 1h) from 07:30, counted from the 08:00 opening: deadline
        // 08:30; warnings at 50/75/90% = 08:15, 08:22:30, 08:27; the first public agent comment at 08:40 is 10m late.
        // The duplicated e-1002-3 counts once.
        var response = clocks[0];
        Assert.Equal("response: acme-gold/response from customer SLA acme-gold v3, calendar berlin-office", response.Heading);
        Assert.Equal(["  overrides corporate/response (1h, corporate SLA corporate v2)"], response.Notes);
        Assert.Equal(
            [
                Row("2026-11-23T07:30:00+01:00", "started", "created starts the clock: 30m for priority P2", "0s", "2026-11-23T08:30:00+01:00"),
                Row("2026-11-23T07:30:00+01:00", "closed", Closed, string.Empty),
                Row("2026-11-23T08:15:00+01:00", "warning", "at risk: 50% of 30m", "15m", "2026-11-23T08:30:00+01:00"),
                Row("2026-11-23T08:22:30+01:00", "warning", "at risk: 75% of 30m", "22m30s", "2026-11-23T08:30:00+01:00"),
                Row("2026-11-23T08:27:00+01:00", "warning", "at risk: 90% of 30m", "27m", "2026-11-23T08:30:00+01:00"),
                Row("2026-11-23T08:30:00+01:00", "breached", "the threshold of 30m is used up", "30m", "2026-11-23T08:30:00+01:00"),
                Row("2026-11-23T08:40:00+01:00", "stopped", "public agent comment stops the clock: breached by 10m", "40m"),
            ],
            response.Rows);
        Assert.Equal(["BREACHED by 10m (threshold passed at 2026-11-23T08:30:00+01:00)"], response.Verdict);

        // Update (corporate, pausable, recompute): gap 1 07:30-08:40 is 40m of 4h. Gap 2 from 08:40: 4h → 12:40; at
        // 10:00 P1 makes it 2h from 08:40 = 10:40 with 1h20m used (50% already passed); 75% (1h30m) 10:10, 90%
        // (1h48m) 10:28; the internal comment at 11:30 does not count; resolved 12:30 after 3h50m, 1h50m over.
        // Reopened 15:00: a new gap of 2h (deadline 17:00), ended by the resolution at 15:45.
        var update = clocks[1];
        Assert.Equal("update: corporate/update from corporate SLA corporate v2, calendar berlin-office", update.Heading);
        Assert.Empty(update.Notes);
        Assert.Equal(
            [
                Row("2026-11-23T07:30:00+01:00", "started", "created starts the clock: 4h for priority P2", "0s", "2026-11-23T12:00:00+01:00"),
                Row("2026-11-23T07:30:00+01:00", "closed", Closed, string.Empty),
                Row("2026-11-23T08:40:00+01:00", "reset", "public agent comment ends the measurement and starts the next: met with 3h20m to spare", "40m"),
                Row("2026-11-23T08:40:00+01:00", "started", "public agent comment starts the next measurement: 4h for priority P2", "0s", "2026-11-23T12:40:00+01:00"),
                Row("2026-11-23T10:00:00+01:00", "priority changed", "priority P2 → P1: 4h → 2h, recomputed from the start", "1h20m", "2026-11-23T10:40:00+01:00"),
                Row("2026-11-23T10:10:00+01:00", "warning", "at risk: 75% of 2h", "1h30m", "2026-11-23T10:40:00+01:00"),
                Row("2026-11-23T10:28:00+01:00", "warning", "at risk: 90% of 2h", "1h48m", "2026-11-23T10:40:00+01:00"),
                Row("2026-11-23T10:40:00+01:00", "breached", "the threshold of 2h is used up", "2h", "2026-11-23T10:40:00+01:00"),
                Row("2026-11-23T12:30:00+01:00", "stopped", "resolved stops the clock: breached by 1h50m", "3h50m"),
                Row("2026-11-23T15:00:00+01:00", "started", "reopened: a new measurement starts: 2h for priority P1", "0s", "2026-11-23T17:00:00+01:00"),
                Row("2026-11-23T15:45:00+01:00", "stopped", "resolved stops the clock: met with 1h15m to spare", "45m"),
            ],
            update.Rows);
        Assert.Equal(
            [
                "measurement 1: met with 3h20m to spare (40m of 4h)",
                "measurement 2: BREACHED by 1h50m (threshold passed at 2026-11-23T10:40:00+01:00)",
                "measurement 3: met with 1h15m to spare (45m of 2h)",
            ],
            update.Verdict);

        // Resolution: acme-gold 6h for P2 (over machine-support's 6h and corporate's 8h): deadline 08:00 + 6h = 14:00.
        // At 10:00 P1 recomputes to 3h from the start: 2h used, deadline 11:00; 75% (2h15m) 10:15, 90% (2h42m) 10:42;
        // breached at 11:00. Resolved 12:30 (4h30m); the reopen continues (acme-gold's default) from 4h30m to 15:45:
        // 5h15m, 2h15m over.
        var resolution = clocks[2];
        Assert.Equal("resolution: acme-gold/resolution from customer SLA acme-gold v3, calendar berlin-office", resolution.Heading);
        Assert.Equal(
            [
                "  overrides machine-support/resolution (6h, service SLA machine-support v1)",
                "  overrides corporate/resolution (8h, corporate SLA corporate v2)",
            ],
            resolution.Notes);
        Assert.Equal(
            [
                Row("2026-11-23T07:30:00+01:00", "started", "created starts the clock: 6h for priority P2", "0s", "2026-11-23T14:00:00+01:00"),
                Row("2026-11-23T07:30:00+01:00", "closed", Closed, string.Empty),
                Row("2026-11-23T10:00:00+01:00", "priority changed", "priority P2 → P1: 6h → 3h, recomputed from the start", "2h", "2026-11-23T11:00:00+01:00"),
                Row("2026-11-23T10:15:00+01:00", "warning", "at risk: 75% of 3h", "2h15m", "2026-11-23T11:00:00+01:00"),
                Row("2026-11-23T10:42:00+01:00", "warning", "at risk: 90% of 3h", "2h42m", "2026-11-23T11:00:00+01:00"),
                Row("2026-11-23T11:00:00+01:00", "breached", "the threshold of 3h is used up", "3h", "2026-11-23T11:00:00+01:00"),
                Row("2026-11-23T12:30:00+01:00", "stopped", "resolved stops the clock: breached by 1h30m", "4h30m"),
                Row("2026-11-23T15:00:00+01:00", "continued", "reopened: measurement 1 continues from 4h30m", "4h30m", "2026-11-23T11:00:00+01:00"),
                Row("2026-11-23T15:45:00+01:00", "stopped", "resolved stops the clock: breached by 2h15m", "5h15m"),
            ],
            resolution.Rows);
        Assert.Equal(["BREACHED by 2h15m (threshold passed at 2026-11-23T11:00:00+01:00)"], resolution.Verdict);
    }

    private static (int Number, double Threshold, double Consumed, string? BreachedAt, string Verdict)[] Measurements(JsonElement clock) =>
        [.. clock.GetProperty("measurements").EnumerateArray().Select(m => (
            m.GetProperty("number").GetInt32(),
            m.GetProperty("thresholdMinutes").GetDouble(),
            m.GetProperty("consumedMinutes").GetDouble(),
            m.GetProperty("breachedAt").GetString(),
            m.GetProperty("verdict").GetString()!))];

    [Fact]
    public async Task T1002_json_has_the_targets_and_measurements()
    {
        var run = await Explain("T-1002", json: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(
            ("T-1002", "acme", "machine-support", "P2", "2026-11-23T07:30:00+01:00", "2026-11-30T00:00:00+01:00"),
            (root.GetProperty("ticket").GetString(), root.GetProperty("customer").GetString(), root.GetProperty("service").GetString(),
             root.GetProperty("priority").GetString(), root.GetProperty("created").GetString(), root.GetProperty("asOf").GetString()));

        var clocks = root.GetProperty("clocks").EnumerateArray().ToList();
        Assert.Equal(["response", "update", "resolution"], clocks.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal(["acme-gold/response", "corporate/update", "acme-gold/resolution"], clocks.Select(c => c.GetProperty("target").GetString()));
        Assert.Equal(["customer SLA acme-gold v3", "corporate SLA corporate v2", "customer SLA acme-gold v3"], clocks.Select(c => c.GetProperty("from").GetString()));
        Assert.All(clocks, c => Assert.Equal("berlin-office", c.GetProperty("calendar").GetString()));
        Assert.Equal(["machine-support/resolution", "corporate/resolution"], clocks[2].GetProperty("overrides").EnumerateArray().Select(o => o.GetString()));
        Assert.All(clocks, c => Assert.Equal(("stopped", true), (c.GetProperty("state").GetString(), c.GetProperty("breached").GetBoolean())));

        Assert.Equal([(1, 30.0, 40.0, "2026-11-23T08:30:00+01:00", "breached")], Measurements(clocks[0]));
        Assert.Equal(
            [(1, 240.0, 40.0, null, "met"), (2, 120.0, 230.0, "2026-11-23T10:40:00+01:00", "breached"), (3, 120.0, 45.0, null, "met")],
            Measurements(clocks[1]));
        Assert.Equal([(1, 180.0, 315.0, "2026-11-23T11:00:00+01:00", "breached")], Measurements(clocks[2]));

        var resolution = clocks[2].GetProperty("measurements")[0];
        Assert.Equal(
            ("2026-11-23T07:30:00+01:00", "2026-11-23T15:45:00+01:00", "P1", JsonValueKind.Null),
            (resolution.GetProperty("start").GetString(), resolution.GetProperty("end").GetString(), resolution.GetProperty("priority").GetString(), resolution.GetProperty("deadline").ValueKind));

        // The timeline, as in the table but without the closed rows.
        var timeline = clocks[2].GetProperty("timeline").EnumerateArray()
            .Select(s => (s.GetProperty("at").GetString(), s.GetProperty("step").GetString(), s.GetProperty("consumedMinutes").GetDouble(), s.GetProperty("deadline").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("2026-11-23T07:30:00+01:00", "started", 0.0, "2026-11-23T14:00:00+01:00"),
                ("2026-11-23T10:00:00+01:00", "priority changed", 120.0, "2026-11-23T11:00:00+01:00"),
                ("2026-11-23T10:15:00+01:00", "warning", 135.0, "2026-11-23T11:00:00+01:00"),
                ("2026-11-23T10:42:00+01:00", "warning", 162.0, "2026-11-23T11:00:00+01:00"),
                ("2026-11-23T11:00:00+01:00", "breached", 180.0, "2026-11-23T11:00:00+01:00"),
                ("2026-11-23T12:30:00+01:00", "stopped", 270.0, null),
                ("2026-11-23T15:00:00+01:00", "continued", 270.0, "2026-11-23T11:00:00+01:00"),
                ("2026-11-23T15:45:00+01:00", "stopped", 315.0, null),
            ],
            timeline);
        Assert.Equal("priority P2 → P1: 6h → 3h, recomputed from the start", clocks[2].GetProperty("timeline")[1].GetProperty("why").GetString());
    }

    [Fact]
    public async Task T1001_json_has_the_measurements()
    {
        var run = await Explain("T-1001", json: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var clocks = json.RootElement.GetProperty("clocks").EnumerateArray().ToList();
        Assert.Equal(["corporate/response", "corporate/update", "corporate/resolution"], clocks.Select(c => c.GetProperty("target").GetString()));
        Assert.All(clocks, c => Assert.Equal(0, c.GetProperty("overrides").GetArrayLength()));
        Assert.All(clocks, c => Assert.False(c.GetProperty("breached").GetBoolean()));
        // 1d = 1440 minutes; update gap 2 is 40m + 8h + 4h = 760 minutes, resolution 1h + 8h + 4h = 780.
        Assert.Equal([(1, 240.0, 20.0, null, "met")], Measurements(clocks[0]));
        Assert.Equal([(1, 1440.0, 20.0, null, "met"), (2, 1440.0, 760.0, null, "met")], Measurements(clocks[1]));
        Assert.Equal([(1, 1440.0, 780.0, null, "met")], Measurements(clocks[2]));
        // The pause and the resume are in the timeline.
        Assert.Equal(
            ["started", "paused", "resumed", "warning", "stopped"],
            clocks[2].GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
    }

    [Theory]
    [InlineData("T-1001", false)]
    [InlineData("T-1002", false)]
    [InlineData("T-1001", true)]
    [InlineData("T-1002", true)]
    public async Task A_csv_events_file_gives_the_same_explanation(string ticket, bool json)
    {
        var fromJsonLines = await Explain(ticket, json: json);
        var fromCsv = await Explain(ticket, folders.ExamplesCsv, json);

        Assert.True(fromCsv.ExitCode == 0, fromCsv.ToString());
        Assert.Equal(string.Empty, fromCsv.Stderr);
        Assert.Equal(fromJsonLines.Stdout, fromCsv.Stdout);
    }

    [Fact]
    public async Task Every_instant_of_the_header_is_in_the_calendars_zone_whatever_the_offset_given()
    {
        var run = await PledgeCli.RunAsync(
            "explain", "ticket", "T-1002", "--repo", RepositoryFolders.Sample, "--events", RepositoryFolders.Examples, "--at", "2026-11-29T23:00:00Z");
        var json = await PledgeCli.RunAsync(
            "explain", "ticket", "T-1002", "--repo", RepositoryFolders.Sample, "--events", RepositoryFolders.Examples, "--at", "2026-11-29T23:00:00Z", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Ticket T-1002: customer acme, service machine-support, priority P2, created 2026-11-23T07:30:00+01:00; as of 2026-11-30T00:00:00+01:00", run.StdoutLines[0]);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(
            ("2026-11-23T07:30:00+01:00", "2026-11-30T00:00:00+01:00"),
            (document.RootElement.GetProperty("created").GetString(), document.RootElement.GetProperty("asOf").GetString()));
    }

    [Fact]
    public async Task A_service_change_is_shown_and_keeps_the_targets_resolved_at_creation()
    {
        // T-1001 (initech, coffee: corporate targets) moved to machine-support, whose service SLA would give another
        // resolution target: the clocks stay on corporate's, as docs/clocks.md says.
        var lines = File.ReadAllLines(PledgeCli.Repo(RepositoryFolders.Examples)).Where(l => l.Contains("\"T-1001\"", StringComparison.Ordinal))
            .Append("""{"id":"moved-1","ticket":"T-1001","type":"service_changed","at":"2026-11-23T11:00:00+01:00","service":"machine-support"}""");
        var events = folders.Write("service-changed.jsonl", string.Join("\n", lines));

        var moved = await Explain("T-1001", events);
        var original = await Explain("T-1001");

        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.Equal(original.StdoutLines[0], moved.StdoutLines[0]);
        Assert.Equal("service changed to machine-support at 2026-11-23T11:00:00+01:00: the targets stay those resolved at creation", moved.StdoutLines[1]);
        Assert.Equal(original.StdoutLines.Skip(1), moved.StdoutLines.Skip(2));
    }

    [Fact]
    public async Task An_unknown_ticket_is_an_input_error()
    {
        var run = await Explain("T-9999");

        CliAssert.Fails(run, 1, $"error: ticket T-9999 has no events in {RepositoryFolders.Examples}");
    }

    [Fact]
    public async Task A_ticket_without_a_created_event_cannot_start_its_clocks()
    {
        var events = folders.Write("no-created.jsonl", """{"id":"x1","ticket":"T-9","type":"status_changed","at":"2026-11-20T15:00:00+01:00","status":"open"}""");

        var run = await Explain("T-9", events);

        CliAssert.Fails(run, 1, $"error: ticket T-9 has no created event in {events}: its clocks cannot start");
    }

    [Fact]
    public async Task Without_events_it_is_a_usage_error()
    {
        var run = await PledgeCli.RunAsync("explain", "ticket", "T-1001", "--repo", RepositoryFolders.Sample, "--at", AsOf);

        CliAssert.Fails(run, 2, "error: --events is required: a JSON-lines (or .csv) file of ticket events");
    }

    [Fact]
    public async Task Without_a_ticket_id_it_is_a_usage_error()
    {
        var run = await PledgeCli.RunAsync("explain", "ticket", "--repo", RepositoryFolders.Sample, "--events", RepositoryFolders.Examples);

        CliAssert.Fails(run, 2, "error: ");
        Assert.Contains("TICKET", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_events_file_that_cannot_be_read_is_an_input_error()
    {
        var run = await Explain("T-1001", "no-such-file.jsonl");

        CliAssert.Fails(run, 1, "error: --events: cannot read \"no-such-file.jsonl\"");
    }

    [Fact]
    public async Task Unreadable_lines_are_shown_and_skipped()
    {
        var lines = File.ReadAllLines(PledgeCli.Repo(RepositoryFolders.Examples)).Take(6).Append("not json");
        var events = folders.Write("with-garbage.jsonl", string.Join("\n", lines));

        var run = await Explain("T-1001", events);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"{events}: line 7: not valid JSON", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("met with 11h to spare (13h of 24h)", run.StdoutLines);
    }

    [Fact]
    public async Task An_invalid_repository_is_refused_and_nothing_is_evaluated()
    {
        var run = await PledgeCli.RunAsync("explain", "ticket", "T-1001", "--repo", folders.Broken, "--events", RepositoryFolders.Examples, "--at", AsOf);

        CliAssert.Fails(run, 1, $"error: {folders.Broken} is not a valid repository (4 problems); nothing was evaluated");
    }
}
