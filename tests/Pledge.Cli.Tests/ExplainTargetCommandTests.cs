using System.Text.Json;

namespace Pledge.Tests;

/// <summary>
/// <c>pledge explain target</c>: the targets in force for a customer, service and priority, where each comes from and
/// what it overrides, as a table or JSON. Expected values are read off the sample's agreement files by hand.
/// </summary>
public sealed class ExplainTargetCommandTests(RepositoryFolders folders) : IClassFixture<RepositoryFolders>
{
    private const string November = "2026-11-02T10:00:00+01:00";

    private static Task<PledgeRun> Explain(string customer, string service, string priority, string at = November, bool json = false) =>
        PledgeCli.RunAsync(
        [
            "explain", "target", "--repo", RepositoryFolders.Sample, "--customer", customer, "--service", service, "--priority", priority, "--at", at,
            .. json ? new[] { "--json" } : [],
        ], null);

    private static List<string[]> Rows(PledgeRun run) => [.. Tables.Rows(run.Stdout)];

    [Fact]
    public async Task Acme_machine_support_P1_shows_acme_gold_overriding_machine_support_and_corporate()
    {
        // The example of docs/repository.md: acme-gold (customer level, v3 active since 2026-09-01) 3h wins over the
        // service-level machine-support 2h and corporate v2 4h; its response 15m over corporate's 30m; no update
        // target but corporate's 2h.
        var run = await Explain("acme", "machine-support", "P1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Equal("Targets for customer acme, service machine-support, priority P1 at 2026-11-02T10:00:00+01:00", run.StdoutLines[0]);
        Assert.Equal(
            [
                ["Kind", "Threshold", "Target", "From", "Overrides"],
                ["response", "15m", "acme-gold/response", "customer SLA acme-gold v3", "corporate/response (30m, corporate SLA corporate v2)"],
                ["update", "2h", "corporate/update", "corporate SLA corporate v2", string.Empty],
                ["resolution", "3h", "acme-gold/resolution", "customer SLA acme-gold v3", "machine-support/resolution (2h, service SLA machine-support v1)"],
                [string.Empty, string.Empty, string.Empty, string.Empty, "corporate/resolution (4h, corporate SLA corporate v2)"],
            ],
            Rows(run));
    }

    [Fact]
    public async Task Json_gives_the_same_answer_with_every_field()
    {
        var run = await Explain("acme", "machine-support", "P1", json: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var targets = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["response", "update", "resolution"], targets.Select(t => t.GetProperty("kind").GetString()));
        Assert.All(targets, t => Assert.Equal("P1", t.GetProperty("priority").GetString()));
        Assert.Equal(["15m", "2h", "3h"], targets.Select(t => t.GetProperty("threshold").GetString()));
        Assert.Equal(["acme-gold/response", "corporate/update", "acme-gold/resolution"], targets.Select(t => t.GetProperty("target").GetString()));
        Assert.Equal(["customer SLA acme-gold v3", "corporate SLA corporate v2", "customer SLA acme-gold v3"], targets.Select(t => t.GetProperty("from").GetString()));

        var overrides = targets[2].GetProperty("overrides").EnumerateArray()
            .Select(o => (o.GetProperty("target").GetString(), o.GetProperty("from").GetString(), o.GetProperty("threshold").GetString()));
        Assert.Equal(
            [("machine-support/resolution", "service SLA machine-support v1", "2h"), ("corporate/resolution", "corporate SLA corporate v2", "4h")],
            overrides);
        Assert.Equal(0, targets[1].GetProperty("overrides").GetArrayLength());
        Assert.All(targets, t => Assert.Equal(0, t.GetProperty("skipped").GetArrayLength()));
    }

    [Fact]
    public async Task Globex_tea_P3_response_comes_from_globex_drinks()
    {
        var run = await Explain("globex", "tea", "P3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                ["Kind", "Threshold", "Target", "From", "Overrides"],
                ["response", "2h", "globex-drinks/response", "customer-service SLA globex-drinks v1", "corporate/response (4h, corporate SLA corporate v2)"],
                ["update", "24h", "corporate/update", "corporate SLA corporate v2", string.Empty],
                ["resolution", "24h", "corporate/resolution", "corporate SLA corporate v2", string.Empty],
            ],
            Rows(run));
    }

    [Fact]
    public async Task Globex_v2_is_negotiating_so_v1_still_answers_in_2027()
    {
        // globex-drinks v2 (from 2027-01-01, P3 1h) is negotiating: never in force.
        var run = await Explain("globex", "tea", "P3", "2027-03-01T10:00:00+01:00");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(Tables.HasRow(run.Stdout, "response", "2h", "globex-drinks/response", "customer-service SLA globex-drinks v1", "corporate/response (4h, corporate SLA corporate v2)"), run.Stdout);
    }

    [Fact]
    public async Task A_more_specific_target_without_the_priority_is_listed_as_skipped()
    {
        // globex-drinks has no P1 threshold: corporate's 30m answers, and the table says why globex-drinks did not.
        var table = await Explain("globex", "tea", "P1");
        var json = await Explain("globex", "tea", "P1", json: true);

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.True(Tables.HasRow(table.Stdout, "response", "30m", "corporate/response", "corporate SLA corporate v2", "globex-drinks/response has no P1 threshold"), table.Stdout);
        using var document = JsonDocument.Parse(json.Stdout);
        var skipped = Assert.Single(document.RootElement[0].GetProperty("skipped").EnumerateArray().ToList());
        Assert.Equal(
            ("globex-drinks/response", "customer-service SLA globex-drinks v1", "no threshold for P1"),
            (skipped.GetProperty("target").GetString(), skipped.GetProperty("from").GetString(), skipped.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Initech_coffee_P3_gets_everything_from_corporate()
    {
        var run = await Explain("initech", "coffee", "P3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                ["Kind", "Threshold", "Target", "From", "Overrides"],
                ["response", "4h", "corporate/response", "corporate SLA corporate v2", string.Empty],
                ["update", "24h", "corporate/update", "corporate SLA corporate v2", string.Empty],
                ["resolution", "24h", "corporate/resolution", "corporate SLA corporate v2", string.Empty],
            ],
            Rows(run));
    }

    [Fact]
    public async Task Before_any_agreement_starts_nothing_is_in_force()
    {
        // Every sample agreement starts on or after 2026-01-01 (Berlin). Without a target's calendar, the instant is
        // printed in the zone all the repository's agreements share.
        var run = await Explain("acme", "tea", "P1", "2025-06-01T00:00:00Z");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["Targets for customer acme, service tea, priority P1 at 2025-06-01T02:00:00+02:00", "No SLA target is in force for this ticket."],
            run.StdoutLines);
    }

    [Fact]
    public async Task An_unknown_customer_is_an_input_error_listing_the_customers()
    {
        var run = await Explain("nobody", "tea", "P1");

        CliAssert.Fails(run, 1, "error: --customer: \"nobody\" is not a customer of the repository (acme, globex, initech)");
    }

    [Fact]
    public async Task An_unknown_service_is_an_input_error_listing_the_services()
    {
        var run = await Explain("acme", "water", "P1");

        CliAssert.Fails(run, 1, "error: --service: \"water\" is not a service of the catalogue (coffee, juice, machine-support, tea)");
    }

    [Theory]
    [InlineData("--customer")]
    [InlineData("--service")]
    [InlineData("--priority")]
    [InlineData("--repo")]
    public async Task A_missing_option_is_a_usage_error(string option)
    {
        List<string> args = ["explain", "target", "--repo", RepositoryFolders.Sample, "--customer", "acme", "--service", "tea", "--priority", "P1", "--at", November];
        args.RemoveRange(args.IndexOf(option), 2);

        var run = await PledgeCli.RunAsync(args, null);

        CliAssert.Fails(run, 2, $"error: {option} is required");
    }

    [Fact]
    public async Task An_option_without_its_value_is_a_usage_error()
    {
        var run = await PledgeCli.RunAsync("explain", "target", "--repo", RepositoryFolders.Sample, "--customer", "--service", "tea", "--priority", "P1");

        CliAssert.Fails(run, 2, "error: --customer needs a value");
    }

    [Fact]
    public async Task A_bad_instant_is_an_input_error()
    {
        var run = await Explain("acme", "tea", "P1", "yesterday");

        CliAssert.Fails(run, 1, "error: --at: \"yesterday\" is not an instant");
    }

    [Fact]
    public async Task An_invalid_repository_is_refused_and_nothing_is_evaluated()
    {
        var run = await PledgeCli.RunAsync("explain", "target", "--repo", folders.Broken, "--customer", "acme", "--service", "tea", "--priority", "P1", "--at", November);

        // Errors only (no warnings), then the refusal; nothing on stdout.
        CliAssert.Fails(run, 1, $"error: {folders.Broken} is not a valid repository (4 problems); nothing was evaluated");
        Assert.Equal(5, run.StderrLines.Count);
        Assert.StartsWith($"{folders.Broken}/agreements/a.yaml:12:27: ", run.StderrLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("warning", run.Stderr, StringComparison.Ordinal);
    }
}
