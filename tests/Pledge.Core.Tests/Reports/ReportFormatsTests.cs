using System.Text;
using System.Text.Json;
using Pledge.Agreements;
using Pledge.Reports;
using Pledge.Reports.Formats;
using static Pledge.Tests.Reports.ServiceReportTests;

namespace Pledge.Tests.Reports;

/// <summary>
/// The sample's November report as JSON, CSV and Markdown (the HTML writer has its own tests): every measure
/// target is in every format, with the figures of samples/beverage-supplier/events/MEASURES.md.
/// </summary>
public sealed class ReportFormatsTests
{
    private static readonly string[] MeasureKinds = ["availability", "delivery", "satisfaction", "compliance", "custom"];

    private static ServiceReport Report => SampleMonth.Report;

    private static string Json => ReportJson.Write(Report, SampleMonth.Repository);

    private static string Csv => ReportCsv.Write(Report);

    private static string Markdown => ReportMarkdown.Write(Report, SampleMonth.Repository);

    /// <summary>
    /// The measure rows of November in CSV, as the writer prints them (availability per service). customers.yaml
    /// lists no services, so every customer receives the whole catalogue: Globex has machine-support availability
    /// (o-010, 20 minutes) and its satisfaction counts machine-support responses (11 of 12).
    /// </summary>
    private static readonly string[] MeasureCsvLines =
    [
        "acme,acme-gold,availability,availability,coffee,,0.9959,0.995,met,,,minutes,63,51.5,11.5,51m30s down of 210h service time (berlin-office); 3 outage(s) counted; 2 planned excluded (2h20m)",
        "acme,acme-gold,availability,availability,juice,,0.9982,0.995,met,,,minutes,63,22.5,40.5,22m30s down of 210h service time (berlin-office); 1 outage(s) counted",
        "acme,acme-gold,availability,availability,machine-support,,0.9984,0.995,met,,,minutes,63,20,43,20m down of 210h service time (berlin-office); 1 outage(s) counted",
        "acme,acme-gold,availability,availability,tea,,0.998,0.995,met,,,minutes,63,25,38,25m down of 210h service time (berlin-office); 1 outage(s) counted",
        "acme,acme-gold,delivery,delivery,*,,0.9524,0.95,met,,,events,5.25,5,0.25,\"100 of 105 slots on time; 3 late, 1 short, 1 missed; 1 unscheduled deliveries\"",
        "acme,acme-gold,juice-temperature,custom,*,,7,8,met,,,,,,,\"p95 of 21 juice-temperature samples = 7 °C, threshold <= 8 °C; 0 sample(s) beyond it\"",
        "acme,acme-gold,satisfaction,satisfaction,*,,0.6667,0.8,missed,,,events,3,5,-2,CSAT 66.67% from 15 responses; 5 unsatisfied",
        "acme,corporate,security,compliance,*,,0.85,1,missed,,,events,0,3,-3,\"17 of 20 subjects compliant at the period end; not: account:jonas.schulz (password-age, failed), staff:felix.wagner (access-card, failed), staff:lea.koch (access-card, stale)\"",
        "globex,corporate,availability,availability,coffee,,0.9978,0.99,met,,,minutes,126,28,98,28m down of 210h service time (berlin-office); 2 outage(s) counted; 1 planned excluded (2h)",
        "globex,corporate,availability,availability,juice,,0.9948,0.99,met,,,minutes,126,65,61,1h5m down of 210h service time (berlin-office); 2 outage(s) counted; 2h without monitoring data (left out)",
        "globex,corporate,availability,availability,machine-support,,0.9984,0.99,met,,,minutes,126,20,106,20m down of 210h service time (berlin-office); 1 outage(s) counted",
        "globex,corporate,availability,availability,tea,,0.997,0.99,met,,,minutes,126,37.5,88.5,37m30s down of 210h service time (berlin-office); 1 outage(s) counted",
        "globex,corporate,satisfaction,satisfaction,*,,0.9167,0.8,met,,,events,2.4,1,1.4,CSAT 91.67% from 12 responses; 1 unsatisfied",
        "globex,corporate,security,compliance,*,,0.85,1,missed,,,events,0,3,-3,\"17 of 20 subjects compliant at the period end; not: account:jonas.schulz (password-age, failed), staff:felix.wagner (access-card, failed), staff:lea.koch (access-card, stale)\"",
        "globex,globex-drinks,delivery,delivery,*,,0.8857,0.95,missed,,,events,5.25,12,-6.75,\"93 of 105 slots on time; 8 late, 2 short, 2 missed; 1 unscheduled deliveries\"",
        "globex,globex-drinks,juice-temperature,custom,*,,9.6,8,missed,,,,,,,\"p95 of 22 juice-temperature samples = 9.6 °C, threshold <= 8 °C; 3 sample(s) beyond it\"",
        "initech,corporate,availability,availability,coffee,,0.9992,0.99,met,,,minutes,126,10,116,10m down of 210h service time (berlin-office); 1 outage(s) counted; 1 planned excluded (2h)",
        "initech,corporate,availability,availability,juice,,1,0.99,met,,,minutes,126,0,126,0s down of 210h service time (berlin-office); 0 outage(s) counted",
        "initech,corporate,availability,availability,machine-support,,0.9984,0.99,met,,,minutes,126,20,106,20m down of 210h service time (berlin-office); 1 outage(s) counted",
        "initech,corporate,availability,availability,tea,,1,0.99,met,,,minutes,126,0,126,0s down of 210h service time (berlin-office); 0 outage(s) counted",
        "initech,corporate,satisfaction,satisfaction,*,,0.6667,0.8,not enough data,,,,,,,\"3 response(s), fewer than the 5 needed: not enough data\"",
        "initech,corporate,security,compliance,*,,0.85,1,missed,,,events,0,3,-3,\"17 of 20 subjects compliant at the period end; not: account:jonas.schulz (password-age, failed), staff:felix.wagner (access-card, failed), staff:lea.koch (access-card, stale)\"",
    ];

    private static JsonElement Target(JsonElement root, string customer, string agreement, string target, string service = "*") =>
        root.GetProperty("customers").EnumerateArray().Single(c => c.GetProperty("id").GetString() == customer)
            .GetProperty("agreements").EnumerateArray().Single(a => a.GetProperty("id").GetString() == agreement)
            .GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetString() == target && t.GetProperty("service").GetString() == service);

    /// <summary>RFC 4180 fields of one record (no line breaks inside fields in these reports).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    [Fact]
    public void The_json_report_names_the_period_the_instant_and_every_customer()
    {
        using var json = JsonDocument.Parse(Json);
        var root = json.RootElement;

        Assert.Equal("2026-11", root.GetProperty("period").GetString());
        Assert.Equal("2026-12-01T00:00:00+01:00", root.GetProperty("asOf").GetString());
        Assert.Equal(
            [("acme", "ACME Offices Berlin"), ("globex", "Globex Logistics"), ("initech", "Initech Software")],
            root.GetProperty("customers").EnumerateArray().Select(c => (c.GetProperty("id").GetString(), c.GetProperty("name").GetString())));
    }

    [Fact]
    public void The_json_report_has_every_measure_target_with_its_value_and_verdict()
    {
        using var json = JsonDocument.Parse(Json);
        var root = json.RootElement;

        foreach (var row in Report.Measures)
        {
            var target = Target(root, row.Customer, row.Agreement, row.Target, row.Service);
            Assert.Equal(TargetKindNames.Of(row.Kind), target.GetProperty("kind").GetString());
            Assert.Equal(ReportText.Verdict(row.Verdict), target.GetProperty("verdict").GetString());
            Assert.Equal(row.Explanation, target.GetProperty("explanation").GetString());
        }

        var measureTargets = root.GetProperty("customers").EnumerateArray()
            .SelectMany(c => c.GetProperty("agreements").EnumerateArray())
            .SelectMany(a => a.GetProperty("targets").EnumerateArray())
            .Count(t => MeasureKinds.Contains(t.GetProperty("kind").GetString()));
        Assert.Equal(22, measureTargets);
        // Globex receives machine-support too: customers.yaml lists no services for it.
        var machineSupport = Target(root, "globex", "corporate", "availability", "machine-support");
        Assert.Equal(("99.84%", "99%", "met"), (machineSupport.GetProperty("valueText").GetString(), machineSupport.GetProperty("objectiveText").GetString(), machineSupport.GetProperty("verdict").GetString()));
        var satisfaction = Target(root, "globex", "corporate", "satisfaction");
        Assert.Equal(("91.67%", 12), (satisfaction.GetProperty("valueText").GetString(), satisfaction.GetProperty("detail").GetProperty("responses").GetInt32()));
    }

    [Fact]
    public void The_json_acme_coffee_availability_carries_its_budget_and_outages()
    {
        using var json = JsonDocument.Parse(Json);
        var coffee = Target(json.RootElement, "acme", "acme-gold", "availability", "coffee");

        Assert.Equal(0.9959, coffee.GetProperty("value").GetDouble());
        Assert.Equal("99.59%", coffee.GetProperty("valueText").GetString());
        Assert.Equal(0.995, coffee.GetProperty("objective").GetDouble());
        Assert.Equal("99.5%", coffee.GetProperty("objectiveText").GetString());
        Assert.Equal("met", coffee.GetProperty("verdict").GetString());
        var budget = coffee.GetProperty("budget");
        Assert.Equal(
            ("minutes", 63.0, 51.5, 11.5, 0.1825),
            (budget.GetProperty("unit").GetString(), budget.GetProperty("allowed").GetDouble(), budget.GetProperty("spent").GetDouble(), budget.GetProperty("remaining").GetDouble(), budget.GetProperty("remainingShare").GetDouble()));
        Assert.Equal(["1h", "6h", "1d", "3d"], coffee.GetProperty("burn").EnumerateArray().Select(w => w.GetProperty("window").GetString()));
        Assert.False(coffee.GetProperty("burnAlert").GetBoolean());
        var detail = coffee.GetProperty("detail");
        Assert.Equal((12600.0, 51.5, 0.0, 140.0), (detail.GetProperty("serviceMinutes").GetDouble(), detail.GetProperty("downMinutes").GetDouble(), detail.GetProperty("unknownMinutes").GetDouble(), detail.GetProperty("excludedMinutes").GetDouble()));
        Assert.Equal(
            [
                "o-002 2026-11-05T10:10:00+01:00 full counted 28",
                "o-003 2026-11-05T10:25:00+01:00 partial counted 13.5",
                "o-004 2026-11-08T03:00:00+01:00 full outside-service-hours 0",
                "o-006 2026-11-11T16:00:00+01:00 full excluded-planned 0",
                "o-008 2026-11-16T09:41:00+01:00 full ignored-short 0",
                "o-009 2026-11-18T14:05:00+01:00 full counted 10",
                "o-011 2026-11-24T13:00:00+01:00 full excluded-planned 0",
            ],
            detail.GetProperty("outages").EnumerateArray().Select(o =>
                $"{o.GetProperty("id").GetString()} {o.GetProperty("start").GetString()} {o.GetProperty("impact").GetString()} {o.GetProperty("treatment").GetString()} {o.GetProperty("countedMinutes").GetDouble()}"));
    }

    [Fact]
    public void The_json_globex_juice_availability_lists_the_time_without_monitoring_data()
    {
        using var json = JsonDocument.Parse(Json);
        var detail = Target(json.RootElement, "globex", "corporate", "availability", "juice").GetProperty("detail");

        Assert.Equal((65.0, 120.0), (detail.GetProperty("downMinutes").GetDouble(), detail.GetProperty("unknownMinutes").GetDouble()));
        var unknown = Assert.Single(detail.GetProperty("unknown").EnumerateArray().ToList());
        Assert.Equal(("2026-11-25T13:45:00+01:00", "2026-11-25T15:45:00+01:00"), (unknown.GetProperty("start").GetString(), unknown.GetProperty("end").GetString()));
    }

    [Fact]
    public void The_json_delivery_satisfaction_compliance_and_custom_details()
    {
        using var json = JsonDocument.Parse(Json);
        var root = json.RootElement;

        var delivery = Target(root, "globex", "globex-drinks", "delivery").GetProperty("detail");
        Assert.Equal((105, 93, 8, 2, 2), (delivery.GetProperty("scheduled").GetInt32(), delivery.GetProperty("onTime").GetInt32(), delivery.GetProperty("late").GetInt32(), delivery.GetProperty("short").GetInt32(), delivery.GetProperty("missed").GetInt32()));
        Assert.Equal(105, delivery.GetProperty("slots").GetArrayLength());
        var extra = Assert.Single(delivery.GetProperty("unscheduled").EnumerateArray().ToList());
        Assert.Equal(("d-128", "juice", "2026-11-18T15:40:00+01:00", 10), (extra.GetProperty("id").GetString(), extra.GetProperty("service").GetString(), extra.GetProperty("at").GetString(), extra.GetProperty("quantity").GetInt32()));

        var satisfaction = Target(root, "acme", "acme-gold", "satisfaction");
        Assert.Equal(("66.67%", "80%", "missed"), (satisfaction.GetProperty("valueText").GetString(), satisfaction.GetProperty("objectiveText").GetString(), satisfaction.GetProperty("verdict").GetString()));
        Assert.Equal((15, 0.6667), (satisfaction.GetProperty("detail").GetProperty("responses").GetInt32(), satisfaction.GetProperty("detail").GetProperty("csat").GetDouble()));
        Assert.Equal(
            ["s-062", "s-065", "s-068", "s-072", "s-074"],
            satisfaction.GetProperty("detail").GetProperty("unsatisfied").EnumerateArray().Select(u => u.GetProperty("id").GetString()));

        var security = Target(root, "initech", "corporate", "security").GetProperty("detail");
        Assert.Equal((20, 17), (security.GetProperty("subjects").GetInt32(), security.GetProperty("compliant").GetInt32()));
        Assert.Equal(
            [
                "account:jonas.schulz password-age failed 2026-11-27T02:14:30+01:00",
                "staff:felix.wagner access-card failed 2026-11-26T10:00:00+01:00",
                // Summer time in July: the offset of its own instant.
                "staff:lea.koch access-card stale 2026-07-16T10:05:00+02:00",
            ],
            security.GetProperty("nonCompliant").EnumerateArray().Select(n =>
                $"{n.GetProperty("subject").GetString()} {n.GetProperty("term").GetString()} {n.GetProperty("reason").GetString()} {n.GetProperty("evidenceAt").GetString()}"));

        var juice = Target(root, "globex", "globex-drinks", "juice-temperature");
        Assert.Equal(("9.6 °C", "<= 8 °C", "missed", 9.6, 8.0), (juice.GetProperty("valueText").GetString(), juice.GetProperty("objectiveText").GetString(), juice.GetProperty("verdict").GetString(), juice.GetProperty("value").GetDouble(), juice.GetProperty("objective").GetDouble()));
        Assert.Equal(JsonValueKind.Null, juice.GetProperty("budget").ValueKind);
        Assert.Equal((22, 3), (juice.GetProperty("detail").GetProperty("samples").GetInt32(), juice.GetProperty("detail").GetProperty("violations").GetInt32()));
    }

    [Fact]
    public void The_json_report_has_the_flags_actions_and_trend()
    {
        using var json = JsonDocument.Parse(Json);
        var root = json.RootElement;

        Assert.Equal(
            [("acme", "acme-gold", "green-but-unsatisfied"), ("globex", null, "breaches-without-action"), ("initech", null, "breaches-without-action")],
            root.GetProperty("flags").EnumerateArray().Select(f => (f.GetProperty("customer").GetString(), f.GetProperty("agreement").GetString(), f.GetProperty("kind").GetString())));
        Assert.Equal(
            "all 8 operational targets of acme-gold met, but acme-gold/satisfaction missed (CSAT 66.67% from 15 responses; 5 unsatisfied); satisfaction over the last periods: 93.33% → 81.25% → 66.67%",
            root.GetProperty("flags")[0].GetProperty("message").GetString());

        var actions = root.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["a-002", "a-003", "a-001"], actions.Select(a => a.GetProperty("action").GetString()));
        var overdue = actions[0];
        Assert.Equal(
            ("open", true, "2026-11-27", "2026-11-20T10:00:00+01:00", "machine-repair", "machine-support"),
            (overdue.GetProperty("status").GetString(), overdue.GetProperty("overdue").GetBoolean(), overdue.GetProperty("due").GetString(), overdue.GetProperty("opened").GetString(), overdue.GetProperty("owner").GetString(), overdue.GetProperty("agreement").GetString()));
        Assert.Equal(["T-7-000261", "T-7-000193", "T-7-000174"], overdue.GetProperty("breaches").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(["in-progress", "verified"], actions.Skip(1).Select(a => a.GetProperty("status").GetString()));
        Assert.Equal(3, root.GetProperty("customers")[0].GetProperty("actions").GetArrayLength());

        var acmeCsat = root.GetProperty("trend").EnumerateArray()
            .Where(t => t.GetProperty("customer").GetString() == "acme" && t.GetProperty("target").GetString() == "satisfaction" && t.GetProperty("agreement").GetString() == "acme-gold")
            .Select(t => (t.GetProperty("period").GetString(), t.GetProperty("value").GetDouble(), t.GetProperty("verdict").GetString()));
        Assert.Equal([("2026-09", 0.9333, "met"), ("2026-10", 0.8125, "met"), ("2026-11", 0.6667, "missed")], acmeCsat);
    }

    [Fact]
    public void The_csv_report_has_a_row_per_measure_target_with_its_budget()
    {
        var lines = Csv.Split('\n');

        Assert.Equal("customer,agreement,target,kind,service,priority,value,objective,verdict,met,total,budget_unit,budget_allowed,budget_spent,budget_remaining,explanation", lines[0]);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.Equal(MeasureCsvLines, lines.Where(l => MeasureKinds.Contains(Fields(l).ElementAtOrDefault(3))));
    }

    [Fact]
    public void Every_csv_row_has_the_sixteen_columns_of_the_header()
    {
        var lines = Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.All(lines, l => Assert.Equal(16, Fields(l).Count));
        // Ticket rows: a priority, met and total, no budget.
        var ticket = Fields(lines.First(l => l.StartsWith("acme,acme-gold,resolution,", StringComparison.Ordinal)));
        Assert.Equal(("resolution", "", "", "", "", ""), (ticket[3], ticket[11], ticket[12], ticket[13], ticket[14], ticket[15]));
        Assert.Matches("^P[1-4]$", ticket[5]);
        Assert.True(int.Parse(ticket[10], System.Globalization.CultureInfo.InvariantCulture) > 0);
        // Rows come by customer, then agreement, then target.
        var keys = lines.Skip(1).Select(l => Fields(l)).Select(f => (f[0], f[1], f[2])).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ThenBy(k => k.Item3, StringComparer.Ordinal), keys);
    }

    [Fact]
    public void The_markdown_report_opens_with_the_watermelon_flags()
    {
        var lines = Markdown.Split('\n');

        Assert.Equal("# Service level report 2026-11", lines[0]);
        Assert.StartsWith("As of 2026-12-01T00:00:00+01:00; ", lines[2], StringComparison.Ordinal);
        Assert.Equal("## Watermelon flags", lines[4]);
        Assert.Equal(
            "- **acme**: all 8 operational targets of acme-gold met, but acme-gold/satisfaction missed (CSAT 66.67% from 15 responses; 5 unsatisfied); satisfaction over the last periods: 93.33% → 81.25% → 66.67%",
            lines[6]);
        Assert.Matches(@"^- \*\*globex\*\*: \d+ breaches in 2026-11 and no corrective action recorded$", lines[7]);
        Assert.Matches(@"^- \*\*initech\*\*: \d+ breaches in 2026-11 and no corrective action recorded$", lines[8]);
        Assert.Equal("## ACME Offices Berlin (acme)", lines[10]);
    }

    [Fact]
    public void The_markdown_report_has_every_measure_target_in_its_agreements_table()
    {
        var markdown = Markdown;

        Assert.Contains(
            "\n### acme-gold\n\n| target | kind | service | value | objective | verdict | budget left | burn (1h, 6h, 1d, 3d) | why |\n|---|---|---|---:|---:|---|---|---|---|\n"
            + "| availability | availability | coffee | 99.59% | 99.5% | met | 11.5 of 63 min left (18.25%) | 1h n/a, 6h n/a, 1d 0, 3d 0 | 51m30s down of 210h service time (berlin-office); 3 outage(s) counted; 2 planned excluded (2h20m) |\n",
            markdown,
            StringComparison.Ordinal);
        string[] rows =
        [
            "| delivery | delivery | * | 95.24% | 95% | met | 0.25 of 5.25 misses left (4.76%) | 1h n/a, 6h n/a, 1d 0, 3d 0 | 100 of 105 slots on time; 3 late, 1 short, 1 missed; 1 unscheduled deliveries |",
            "| satisfaction | satisfaction | * | 66.67% | 80% | **missed** | -2 of 3 misses left (-66.67%) | n/a | CSAT 66.67% from 15 responses; 5 unsatisfied |",
            "| juice-temperature | custom | * | 7 °C | <= 8 °C | met | n/a | n/a | p95 of 21 juice-temperature samples = 7 °C, threshold <= 8 °C; 0 sample(s) beyond it |",
            "| juice-temperature | custom | * | 9.6 °C | <= 8 °C | **missed** | n/a | n/a | p95 of 22 juice-temperature samples = 9.6 °C, threshold <= 8 °C; 3 sample(s) beyond it |",
            "| availability | availability | juice | 99.48% | 99% | met | 61 of 126 min left (48.41%) | 1h n/a, 6h n/a, 1d 0, 3d 0 | 1h5m down of 210h service time (berlin-office); 2 outage(s) counted; 2h without monitoring data (left out) |",
            "| satisfaction | satisfaction | * | 91.67% | 80% | met | 1.4 of 2.4 misses left (58.33%) | n/a | CSAT 91.67% from 12 responses; 1 unsatisfied |",
            "| satisfaction | satisfaction | * | 66.67% | 80% | not enough data | n/a | n/a | 3 response(s), fewer than the 5 needed: not enough data |",
            "| security | compliance | * | 85% | 100% | **missed** | -3 of 0 misses left | n/a | 17 of 20 subjects compliant at the period end; not: account:jonas.schulz (password-age, failed), staff:felix.wagner (access-card, failed), staff:lea.koch (access-card, stale) |",
        ];
        Assert.All(rows, row => Assert.Contains("\n" + row + "\n", markdown, StringComparison.Ordinal));
        // Globex receives machine-support too (customers.yaml lists no services for it), measured by the corporate SLA.
        var globex = markdown[markdown.IndexOf("\n## Globex Logistics (globex)\n", StringComparison.Ordinal)..markdown.IndexOf("\n## Initech Software (initech)\n", StringComparison.Ordinal)];
        Assert.Contains(
            "\n| availability | availability | machine-support | 99.84% | 99% | met | 106 of 126 min left (84.13%) | 1h n/a, 6h n/a, 1d 0, 3d 0 | 20m down of 210h service time (berlin-office); 1 outage(s) counted |\n",
            globex,
            StringComparison.Ordinal);
        var measureRows = markdown.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && MeasureKinds.Any(k => l.Contains($" | {k} | ", StringComparison.Ordinal)));
        Assert.Equal(22, measureRows);
    }

    [Fact]
    public void The_markdown_report_explains_non_compliance_late_deliveries_and_actions()
    {
        var markdown = Markdown;

        Assert.Contains(
            "\nNot compliant with security at the period end:\n\n"
            + "- account:jonas.schulz: password-age failed (evidence of 2026-11-27T02:14:30+01:00: password 94 days old, maximum 90)\n"
            + "- staff:felix.wagner: access-card failed (evidence of 2026-11-26T10:00:00+01:00: card expired 2026-11-12)\n"
            + "- staff:lea.koch: access-card stale (evidence of 2026-07-16T10:05:00+02:00: card valid until 2027-02-28)\n",
            markdown,
            StringComparison.Ordinal);
        Assert.Contains(
            "\nDeliveries not on time (delivery):\n\n"
            + "- 2026-11-06 coffee-before-lunch: late by 10m (2026-11-06T11:40:00+01:00)\n"
            + "- 2026-11-17 tea-morning: missed\n"
            + "- 2026-11-18 tea-morning: short: 21 of 30\n"
            + "- 2026-11-19 tea-evening: late by 36m (2026-11-19T17:36:00+01:00)\n"
            + "- 2026-11-24 coffee-before-lunch: late by 41m (2026-11-24T12:11:00+01:00)\n"
            + "- unscheduled: coffee at 2026-11-14T10:19:00+01:00 (d-100)\n",
            markdown,
            StringComparison.Ordinal);
        Assert.Contains(
            "\n#### Corrective actions\n\n| action | status | owner | due | title |\n|---|---|---|---|---|\n"
            + "| a-002 | open **overdue** | machine-repair | 2026-11-27 | Stock spare parts for the ACME espresso machines over the weekend |\n"
            + "| a-003 | in-progress | service-desk | 2026-12-11 | Second agent on the morning queue for ACME tea orders |\n"
            + "| a-001 | verified | machine-repair | 2026-11-20 | Keep a spare pump and seals for the juice dispensers at ACME |\n",
            markdown,
            StringComparison.Ordinal);
        // Only ACME has actions.
        Assert.Equal(1, markdown.Split("#### Corrective actions").Length - 1);
    }

    [Fact]
    public void Target_lines_put_availability_first_and_custom_targets_last_in_each_agreement()
    {
        var acmeGold = ReportLines.Of(Report).Where(l => l.Customer == "acme" && l.Agreement == "acme-gold").Select(l => $"{l.Target}/{l.Service}");

        Assert.Equal(
            [
                "availability/coffee", "availability/juice", "availability/machine-support", "availability/tea",
                "response/*", "resolution/*", "delivery/*", "satisfaction/*", "juice-temperature/*",
            ],
            acmeGold);
    }
}
