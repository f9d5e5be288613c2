using System.Text.Json;

namespace Pledge.Tests;

/// <summary>
/// <c>pledge whatif</c> and <c>pledge suggest</c> on the sample's history (September to November 2026, as of
/// midnight on 1 December in Berlin): the rows and suggestions, the period looked back from, and every bad option
/// named with its exit code.
/// </summary>
public sealed class DesignAidCommandTests
{
    private const string At = "2026-12-01T00:00:00+01:00";

    private static Task<PledgeRun> Run(params string[] args) => PledgeCli.RunAsync(args, null, PledgeCli.RepoRoot);

    /// <summary>The command on the sample as of <paramref name="at"/>, without --period unless <paramref name="more"/> has it.</summary>
    private static Task<PledgeRun> OnSample(string command, string at, params string[] more) =>
        Run([command, "--repo", "samples/beverage-supplier", "--events", "samples/beverage-supplier/events", "--at", at, .. more]);

    // --period is given: at midnight on 1 December in Berlin the month of --at is December, which has no history.
    private static Task<PledgeRun> WhatIf(params string[] more) => OnSample("whatif", At, ["--period", "2026-11", .. more]);

    private static Task<PledgeRun> Suggest(params string[] more) => OnSample("suggest", At, ["--period", "2026-11", .. more]);

    /// <summary>The run succeeded; its standard output read as JSON.</summary>
    private static JsonDocument Json(PledgeRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Stdout);
    }

    /// <summary>The rows of whatif <c>--format json</c>, each as <see cref="Row"/> prints it; the run must succeed.</summary>
    private static async Task<string[]> WhatIfRows(params string[] more)
    {
        using var json = Json(await WhatIf([.. more, "--format", "json"]));
        return [.. json.RootElement.EnumerateArray().Select(Row)];
    }

    private static string Row(JsonElement r) =>
        $"{r.GetProperty("period").GetString()} {r.GetProperty("target").GetString()} {r.GetProperty("kind").GetString()} {r.GetProperty("customer").GetString()} {r.GetProperty("service").GetString()}: "
        + $"{r.GetProperty("current").GetProperty("objective").GetString()} {r.GetProperty("current").GetProperty("value").GetString()} {r.GetProperty("current").GetProperty("verdict").GetString()} -> "
        + $"{r.GetProperty("proposed").GetProperty("objective").GetString()} {r.GetProperty("proposed").GetProperty("value").GetString()} {r.GetProperty("proposed").GetProperty("verdict").GetString()}";

    [Fact]
    public async Task What_if_acme_gold_resolution_p1_were_two_hours()
    {
        // Only November has tickets; two acme-gold P1 resolutions took between 2h and 3h.
        Assert.Equal(
            ["2026-11 acme-gold/resolution resolution * *: 90%, P1 3h 90.91% (50/55) met -> 90%, P1 2h 87.27% (48/55) missed"],
            await WhatIfRows("--set", "acme-gold/resolution.P1=2h"));
    }

    [Fact]
    public async Task What_if_as_a_table_shows_both_values_side_by_side()
    {
        var run = await WhatIf("--set", "acme-gold/resolution.P1=2h");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("What if acme-gold/resolution.P1=2h", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("│ 2026-11 │ acme-gold/resolution │ *        │ *       │ 90%, P1 3h     │ 90.91% (50/55) │ met │ 90%, P1 2h          │ 87.27% (48/55) │ missed │", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_if_measure_targets_changed_shows_each_customer_and_service()
    {
        Assert.Equal(
            [
                "2026-11 acme-gold/availability availability acme coffee: 99.5% 99.59% met -> 99.6% 99.59% missed",
                "2026-11 acme-gold/availability availability acme juice: 99.5% 99.82% met -> 99.6% 99.82% met",
                "2026-11 acme-gold/availability availability acme machine-support: 99.5% 99.84% met -> 99.6% 99.84% met",
                "2026-11 acme-gold/availability availability acme tea: 99.5% 99.8% met -> 99.6% 99.8% met",
                "2026-11 globex-drinks/juice-temperature custom globex *: <= 8 °C 9.6 °C missed -> <= 10 °C 9.6 °C met",
            ],
            await WhatIfRows("--set", "acme-gold/availability=99.6%", "--set", "globex-drinks/juice-temperature=<= 10", "--periods", "1"));
    }

    [Fact]
    public async Task What_if_reads_a_set_with_spaces_around_the_dot_and_the_equals_sign()
    {
        Assert.Equal(
            ["2026-11 acme-gold/resolution resolution * *: 90%, P1 3h 90.91% (50/55) met -> 90%, P1 2h 87.27% (48/55) missed"],
            await WhatIfRows("--set", "acme-gold/resolution . P1 = 2h"));
    }

    [Fact]
    public async Task What_if_takes_a_custom_threshold_with_its_unit_as_suggest_prints_it()
    {
        Assert.Equal(
            ["2026-11 globex-drinks/juice-temperature custom globex *: <= 8 °C 9.6 °C missed -> <= 9.6 °C 9.6 °C met"],
            await WhatIfRows("--set", "globex-drinks/juice-temperature=<= 9.6 °C", "--periods", "1"));
    }

    [Theory]
    // Midnight on 1 December in Berlin is still 30 November in UTC: the month is December, and nothing of it is measured yet.
    [InlineData(At, new string[0])]
    [InlineData("2026-11-30T23:30:00Z", new string[0])]
    [InlineData("2026-11-30T23:59:00+01:00", new[] { "2026-11" })]
    public async Task What_if_without_a_period_looks_at_the_month_of_at_in_the_agreements_zone(string at, string[] periods)
    {
        using var json = Json(await OnSample("whatif", at, "--set", "acme-gold/resolution.P1=2h", "--periods", "1", "--format", "json"));

        Assert.Equal(periods, json.RootElement.EnumerateArray().Select(r => r.GetProperty("period").GetString()));
    }

    [Theory]
    [InlineData("nope/resolution.P1=2h", 1, "error: --set: nope/resolution: there is no agreement \"nope\"")]
    [InlineData("acme-gold/nothing=2h", 1, "error: --set: acme-gold/nothing: agreement acme-gold has no target \"nothing\"")]
    [InlineData("acme-gold/availability.P1=2h", 1, "error: --set: acme-gold/availability is an availability target: it has no thresholds per priority (set its objective: acme-gold/availability=VALUE)")]
    [InlineData("corporate/security.P2=1h", 1, "error: --set: corporate/security is a compliance target: it has no thresholds per priority (set its objective: corporate/security=VALUE)")]
    [InlineData("acme-gold/resolution.P1=2x", 1, "error: --set: acme-gold/resolution.P1: \"2x\" is not a positive duration (such as 30m, 4h, 1h30m)")]
    [InlineData("acme-gold/resolution.P1=-2h", 1, "error: --set: acme-gold/resolution.P1: \"-2h\" is not a positive duration (such as 30m, 4h, 1h30m)")]
    [InlineData("acme-gold/availability=120%", 1, "error: --set: acme-gold/availability: \"120%\" is not a share (such as 97% or 0.97)")]
    [InlineData("acme-gold/juice-temperature=warm", 1, "error: --set: acme-gold/juice-temperature: \"warm\" is not a threshold (a number, or a comparison such as \"<= 9\")")]
    [InlineData("garbage", 2, "error: --set: \"garbage\" is not TARGET=VALUE, such as acme-gold/resolution.P1=2h or acme-gold/availability=99.5%")]
    [InlineData("acme-gold/resolution.P1=", 2, "error: --set: \"acme-gold/resolution.P1=\" is not TARGET=VALUE, such as acme-gold/resolution.P1=2h or acme-gold/availability=99.5%")]
    public async Task A_bad_set_is_named_in_the_error(string set, int exitCode, string message)
    {
        var run = await WhatIf("--set", set);

        CliAssert.Fails(run, exitCode, message);
    }

    [Fact]
    public async Task A_second_bad_set_is_found_even_after_a_good_one()
    {
        var run = await WhatIf("--set", "acme-gold/resolution.P1=2h", "--set", "acme-gold/nothing=2h");

        CliAssert.Fails(run, 1, "error: --set: acme-gold/nothing: agreement acme-gold has no target \"nothing\"");
    }

    [Theory]
    [InlineData(new string[0], 2, "error: --set is required: TARGET=VALUE, such as acme-gold/resolution.P1=2h or acme-gold/availability=99.5%")]
    [InlineData(new[] { "--set", "acme-gold/resolution.P1=2h", "--periods", "0" }, 2, "error: --periods: 0 is not a number of periods from 1 to 60")]
    [InlineData(new[] { "--set", "acme-gold/resolution.P1=2h", "--periods", "61" }, 2, "error: --periods: 61 is not a number of periods from 1 to 60")]
    [InlineData(new[] { "--set", "acme-gold/resolution.P1=2h", "--format", "xml" }, 2, "error: --format: \"xml\" is not table or json")]
    [InlineData(new[] { "--set" }, 2, "error: --set needs a value")]
    public async Task Bad_what_if_options_are_named_in_the_error(string[] args, int exitCode, string message)
    {
        var run = await WhatIf(args);

        CliAssert.Fails(run, exitCode, message);
    }

    [Fact]
    public async Task A_bad_what_if_period_is_named_in_the_error()
    {
        var run = await OnSample("whatif", At, "--set", "acme-gold/resolution.P1=2h", "--period", "2026-13");

        CliAssert.Fails(run, 1, "error: --period: \"2026-13\" is not a period (2026-11, 2026-W47, 2026-Q4 or 30d)");
    }

    [Fact]
    public async Task A_bad_option_is_named_before_the_repository_is_read()
    {
        var run = await Run("whatif", "--repo", "no-such-folder", "--events", "samples/beverage-supplier/events", "--at", At, "--set", "acme-gold/resolution.P1=2h", "--periods", "0");

        CliAssert.Fails(run, 2, "error: --periods: 0 is not a number of periods from 1 to 60");
    }

    [Fact]
    public async Task Suggest_a_p2_resolution_threshold_that_95_percent_of_history_kept()
    {
        var run = await Suggest("--target", "acme-gold/resolution", "--priority", "P2", "--attainment", "95%");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "acme-gold/resolution P2: 4h21m (now 6h) would have been met at 95%",
                "based on 36 ended P2 measurements in 2026-09, 2026-10, 2026-11; 35 of them took at most 4h21m; the current 6h was kept by 35 (97.22%)",
            ],
            run.StdoutLines);
    }

    [Fact]
    public async Task Suggest_compares_with_the_threshold_in_force_not_with_the_one_still_negotiated()
    {
        // globex-drinks v1 (active) has P2 45m; v2 (negotiating, from 2027) has 30m.
        var run = await Suggest("--target", "globex-drinks/response", "--priority", "P2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("globex-drinks/response P2: 34m (now 45m) would have been met at 95%", run.StdoutLines[0]);
    }

    [Fact]
    public async Task Suggest_for_a_clock_needs_a_priority()
    {
        var run = await Suggest("--target", "acme-gold/resolution");

        CliAssert.Fails(run, 1, "error: --target: acme-gold/resolution is a ticket clock: give the priority whose threshold to suggest");
    }

    [Fact]
    public async Task Suggest_an_availability_objective()
    {
        var run = await Suggest("--target", "acme-gold/availability", "--attainment", "0.95");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "acme-gold/availability: 99.59% (now 99.5%) would have been met at 95%",
                // No outage or check before November: September and October have no value.
                "based on 4 period values (per customer and service) in 2026-09, 2026-10, 2026-11; 4 of them reached 99.59%",
            ],
            run.StdoutLines);
    }

    [Fact]
    public async Task Suggest_a_custom_threshold_as_json()
    {
        using var json = Json(await Suggest("--target", "globex-drinks/juice-temperature", "--attainment", "100%", "--format", "json"));

        var root = json.RootElement;
        Assert.Equal(
            ("globex-drinks/juice-temperature", JsonValueKind.Null, 1.0, "<= 9.6 °C", "<= 8 °C", 1),
            (root.GetProperty("target").GetString(), root.GetProperty("priority").ValueKind, root.GetProperty("attainment").GetDouble(), root.GetProperty("value").GetString(), root.GetProperty("current").GetString(), root.GetProperty("measurements").GetInt32()));
        Assert.Equal("1 period values (per customer) in 2026-09, 2026-10, 2026-11; 1 of them reached <= 9.6 °C", root.GetProperty("basis").GetString());
    }

    [Fact]
    public async Task Suggest_a_satisfaction_objective_without_the_months_of_too_few_responses()
    {
        var run = await Suggest("--target", "corporate/satisfaction", "--attainment", "100%");

        Assert.True(run.ExitCode == 0, run.ToString());
        // Globex's lowest month is October, 12 of 14 (85.714%): its machine-support responses count, as customers.yaml
        // lists no services for it. Initech's 3 November responses are not enough data.
        Assert.Equal("corporate/satisfaction: 85.71% (now 80%) would have been met at 100%", run.StdoutLines[0]);
    }

    [Fact]
    public async Task Suggest_over_one_period_named_explicitly()
    {
        var run = await Suggest("--target", "acme-gold/availability", "--periods", "1", "--attainment", "50%");

        Assert.True(run.ExitCode == 0, run.ToString());
        // Four services in November: 99.59, 99.8, 99.82 and 99.84%; rank 2 from the top is 99.82%.
        Assert.Equal(
            [
                "acme-gold/availability: 99.82% (now 99.5%) would have been met at 50%",
                "based on 4 period values (per customer and service) in 2026-11; 2 of them reached 99.82%",
            ],
            run.StdoutLines);
    }

    [Theory]
    // Midnight on 1 December in Berlin is still 30 November in UTC: the month of --at is December there.
    [InlineData(At, "2026-11, 2026-12")]
    [InlineData("2026-11-30T23:30:00Z", "2026-11, 2026-12")]
    [InlineData("2026-11-30T23:59:00+01:00", "2026-10, 2026-11")]
    public async Task Suggest_without_a_period_looks_back_from_the_month_of_at_in_the_agreements_zone(string at, string periods)
    {
        var run = await OnSample("suggest", at, "--target", "acme-gold/resolution", "--priority", "P2", "--periods", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"based on 36 ended P2 measurements in {periods}; 35 of them took at most 4h21m; the current 6h was kept by 35 (97.22%)", run.StdoutLines[1]);
    }

    [Theory]
    [InlineData(new[] { "--attainment", "95%" }, 2, "error: --target is required: agreement-id/target-id, such as acme-gold/resolution")]
    [InlineData(new[] { "--target", "acme-gold/nothing" }, 1, "error: --target: acme-gold/nothing is not a target (agreement-id/target-id)")]
    [InlineData(new[] { "--target", "acme-gold/availability", "--attainment", "0" }, 1, "error: --attainment: \"0\" is not a share (such as 95% or 0.95)")]
    [InlineData(new[] { "--target", "acme-gold/availability", "--attainment", "150%" }, 1, "error: --attainment: \"150%\" is not a share (such as 95% or 0.95)")]
    [InlineData(new[] { "--target", "acme-gold/availability", "--attainment", "most" }, 1, "error: --attainment: \"most\" is not a share (such as 95% or 0.95)")]
    [InlineData(new[] { "--target", "acme-gold/availability", "--periods", "0" }, 2, "error: --periods: 0 is not a number of periods from 1 to 60")]
    [InlineData(new[] { "--target" }, 2, "error: --target needs a value")]
    public async Task Bad_suggest_options_are_named_in_the_error(string[] args, int exitCode, string message)
    {
        var run = await Suggest(args);

        CliAssert.Fails(run, exitCode, message);
    }
}
