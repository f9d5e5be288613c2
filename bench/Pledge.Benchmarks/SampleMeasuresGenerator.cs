using System.Globalization;
using System.Text;
using NodaTime;
using Pledge.Text;

namespace Pledge.Benchmarks;

/// <summary>
/// Writes the beverage supplier's non-ticket events as JSON lines (outages, checks, deliveries, surveys,
/// evidence, samples, corrective actions), so the sample's report shows every kind of promise.
/// </summary>
/// <remarks>
/// <para><c>dotnet run -c Release --project bench/Pledge.Benchmarks -- generate-sample-measures samples/beverage-supplier/events 2026</c></para>
/// <para>Deterministic for a seed (own SplitMix64, invariant culture, "\n" line endings). The seed moves times,
/// scores and which slots go wrong; the counts that decide each verdict are fixed, so every seed gives the
/// outcomes written in samples/beverage-supplier/events/MEASURES.md. Ticket ids are those of events/tickets.jsonl
/// (<c>generate-tickets 400 2026-11 7</c>): the acme breaches are the ones <c>pledge report</c> lists for November.</para>
/// </remarks>
public static class SampleMeasuresGenerator
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly LocalDate November = new(2026, 11, 1);

    // The delivery schedules the agreements promise (customer, slot, service, window from/to in minutes of the day, quantity).
    private static readonly (string Customer, string Slot, string Service, int From, int To, int Quantity)[] Schedule =
    [
        ("acme", "tea-morning", "tea", Hm(8, 0), Hm(8, 30), 30),
        ("acme", "coffee-before-lunch", "coffee", Hm(11, 0), Hm(11, 30), 40),
        ("acme", "juice-lunch", "juice", Hm(12, 0), Hm(13, 0), 25),
        ("acme", "coffee-after-lunch", "coffee", Hm(13, 30), Hm(14, 0), 40),
        ("acme", "tea-evening", "tea", Hm(16, 30), Hm(17, 0), 20),
        ("globex", "tea-morning", "tea", Hm(8, 30), Hm(9, 0), 15),
        ("globex", "coffee-before-lunch", "coffee", Hm(10, 30), Hm(11, 0), 20),
        ("globex", "juice-lunch", "juice", Hm(12, 30), Hm(13, 30), 10),
        ("globex", "coffee-after-lunch", "coffee", Hm(14, 0), Hm(14, 30), 20),
        ("globex", "tea-evening", "tea", Hm(17, 0), Hm(17, 30), 15),
    ];

    private static readonly string[] Services = ["tea", "coffee", "juice", "machine-support"];

    // Support staff accounts; the first eight also carry an access card.
    private static readonly string[] People =
    [
        "lukas.weber", "anna.schmidt", "felix.wagner", "mia.hoffmann", "jonas.schulz", "lea.koch",
        "paul.bauer", "emma.wolf", "leon.neumann", "hannah.schwarz", "elias.zimmermann", "clara.fischer",
    ];

    /// <summary>Writes the seven files into <paramref name="directory"/>, replacing them.</summary>
    public static void Write(string directory, int seed)
    {
        Directory.CreateDirectory(directory);
        var deliveries = Deliveries(new Prng(seed, 1));
        Save(directory, "deliveries.jsonl", "d-", deliveries.Select(d => (d.At, d.Fields)));
        Save(directory, "outages.jsonl", "o-", Outages());
        Save(directory, "checks.jsonl", "c-", Checks(new Prng(seed, 2)));
        Save(directory, "surveys.jsonl", "s-", Surveys(new Prng(seed, 3)));
        Save(directory, "evidence.jsonl", "e-", Evidence(new Prng(seed, 4)));
        Save(directory, "samples.jsonl", "x-", Samples(new Prng(seed, 5), deliveries));
        Save(directory, "actions.jsonl", "a-", Actions());
    }

    // Every slot of every working day (berlin-office: Mon-Fri, no holidays in November 2026), with a fixed number
    // of late, missed and short ones per customer: acme 100 of 105 slots right (95.2 %), globex 93 of 105 (88.6 %).
    private static List<(Instant At, string Customer, string Service, string Fields)> Deliveries(Prng random)
    {
        var deliveries = new List<(Instant At, string Customer, string Service, string Fields)>();
        foreach (var (customer, late, missed, shortened) in new[] { ("acme", 3, 1, 1), ("globex", 8, 2, 2) })
        {
            var occurrences = (from day in WorkingDays(November)
                               from slot in Schedule
                               where slot.Customer == customer
                               select (Day: day, Slot: slot)).ToArray();
            // Rank in a random order: the first `late` are late, the next `missed` missing, the next `shortened` short.
            var rank = new int[occurrences.Length];
            var order = random.Permutation(occurrences.Length);
            for (var i = 0; i < order.Length; i++)
            {
                rank[order[i]] = i;
            }

            for (var i = 0; i < occurrences.Length; i++)
            {
                var (day, slot) = occurrences[i];
                if (rank[i] >= late && rank[i] < late + missed)
                {
                    continue;
                }

                var minute = rank[i] < late ? slot.To + random.Next(3, 46) : slot.From + random.Next(0, slot.To - slot.From);
                var quantity = rank[i] >= late + missed && rank[i] < late + missed + shortened
                    ? (int)Math.Round(slot.Quantity * (0.5 + (0.3 * random.NextDouble())))
                    : slot.Quantity;
                // Most drivers scan the slot on the delivery note; some notes carry none.
                var named = random.NextDouble() < 0.9 ? slot.Slot : null;
                deliveries.Add(Delivery(Local(day, minute), customer, slot.Service, quantity, named));
            }
        }

        // Unscheduled extras: coffee for an ACME event on a Saturday, a second juice run at Globex.
        deliveries.Add(Delivery(Local(new LocalDate(2026, 11, 14), Hm(10, 0) + random.Next(0, 30)), "acme", "coffee", 60, null));
        deliveries.Add(Delivery(Local(new LocalDate(2026, 11, 18), Hm(15, 15) + random.Next(0, 30)), "globex", "juice", 10, null));
        return [.. deliveries.OrderBy(d => d.At)];
    }

    private static (Instant At, string Customer, string Service, string Fields) Delivery(Instant at, string customer, string service, int quantity, string? slot) =>
        (at, customer, service, string.Create(
            CultureInfo.InvariantCulture,
            $"\"type\":\"delivery\",\"customer\":\"{customer}\",\"service\":\"{service}\",\"at\":\"{Iso(at)}\",\"quantity\":{quantity}{(slot is null ? string.Empty : $",\"slot\":\"{slot}\"")}"));

    // A hand-made month: each outage shows one rule (planned with long and short notice, overlap, outside hours,
    // partial, degraded, a blip). Business-hours downtime of acme coffee: 52.5 min (99.58 %), 72.5 min (99.42 %)
    // when the maintenance announced a day ahead counts as unplanned.
    private static IEnumerable<(Instant, string)> Outages()
    {
        var d = new LocalDate(2026, 11, 1);
        yield return Outage("tea", "acme", d.PlusDays(1), Hm(8, 20), Hm(8, 45), "full", null, "Tea machine blocked by scale");
        yield return Outage("coffee", "acme", d.PlusDays(4), Hm(10, 10), Hm(10, 38), "full", null, "Espresso machine on floor 3 lost water pressure");
        yield return Outage("coffee", "acme", d.PlusDays(4), Hm(10, 25), Hm(11, 5), "partial", null, "Second coffee machine on floor 3 dispensing hot water only");
        yield return Outage("coffee", null, d.PlusDays(7), Hm(3, 0), Hm(4, 30), "full", null, "Power cut at the roastery overnight");
        yield return Outage("tea", "globex", d.PlusDays(9), Hm(13, 0), Hm(15, 30), "degraded", null, "Tea machine brewing slowly (weak heating element)");
        yield return Outage("coffee", null, d.PlusDays(10), Hm(16, 0), Hm(18, 0), "full", Local(d.PlusDays(3), Hm(10, 0)), "Descaling of all coffee machines");
        yield return Outage("juice", "acme", d.PlusDays(11), Hm(12, 15), Hm(13, 0), "partial", null, "One of two juice dispensers out of order");
        yield return Outage("coffee", "acme", d.PlusDays(15), Hm(9, 41), Hm(9, 42), "full", null, "Coffee machine restarted after a software fault");
        yield return Outage("coffee", null, d.PlusDays(17), Hm(14, 5), Hm(14, 15), "full", null, "Coffee ordering system unavailable");
        yield return Outage("machine-support", null, d.PlusDays(22), Hm(7, 30), Hm(8, 20), "full", null, "Repair hotline unreachable (telephone system fault)");
        yield return Outage("coffee", "acme", d.PlusDays(23), Hm(13, 0), Hm(13, 20), "full", Local(d.PlusDays(22), Hm(13, 0)), "Water filter replacement");
        yield return Outage("coffee", "globex", d.PlusDays(25), Hm(15, 40), Hm(15, 58), "full", null, "Coffee machine at Globex jammed");
    }

    private static (Instant, string) Outage(string service, string? customer, LocalDate day, int from, int to, string impact, Instant? announced, string description)
    {
        var start = Local(day, from);
        var fields = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"\"type\":\"outage\",\"service\":\"{service}\"")
            .Append(customer is null ? string.Empty : $",\"customer\":\"{customer}\"")
            .Append(CultureInfo.InvariantCulture, $",\"start\":\"{Iso(start)}\",\"end\":\"{Iso(Local(day, to))}\",\"impact\":\"{impact}\"")
            .Append(announced is { } at ? $",\"planned\":true,\"announced\":\"{Iso(at)}\"" : string.Empty)
            .Append(",\"description\":").Append(Quote(description));
        return (start, fields.ToString());
    }

    // The juice dispenser at Globex, polled every five minutes all month: two down runs (20 and 45 minutes)
    // and one two-hour gap without results, on three different working days.
    private static IEnumerable<(Instant, string)> Checks(Prng random)
    {
        var days = WorkingDays(November).ToArray();
        var pick = random.Permutation(days.Length);
        var shortDown = Local(days[pick[0]], Hm(9, 0) + (5 * random.Next(0, 84)));
        var longDown = Local(days[pick[1]], Hm(9, 0) + (5 * random.Next(0, 84)));
        var gap = Local(days[pick[2]], Hm(13, 0) + (5 * random.Next(0, 25)));
        var end = Berlin.AtStartOfDay(November.PlusMonths(1)).ToInstant();
        for (var at = Berlin.AtStartOfDay(November).ToInstant(); at < end; at += Duration.FromMinutes(5))
        {
            if (at >= gap && at < gap + Duration.FromHours(2))
            {
                continue;
            }

            var down = (at >= shortDown && at < shortDown + Duration.FromMinutes(20)) || (at >= longDown && at < longDown + Duration.FromMinutes(45));
            yield return (at, $"\"type\":\"check\",\"service\":\"juice\",\"customer\":\"globex\",\"at\":\"{Iso(at)}\",\"result\":\"{(down ? "down" : "up")}\"");
        }
    }

    // Responses per customer and month with a fixed number of satisfied ones (4 or 5 on 1-5): acme falls from
    // 14/15 to 13/16 to 10/15 (the watermelon), globex stays at 10/11, 12/14, 11/12, initech answers only 3 times.
    private static List<(Instant, string)> Surveys(Prng random)
    {
        // November tickets from events/tickets.jsonl (id, service, resolved): breached ones for unhappy answers.
        (string Ticket, string Service, string Resolved)[] acmeBreached =
        [
            ("T-7-000279", "juice", "2026-11-04T11:34:00+01:00"), ("T-7-000049", "juice", "2026-11-10T16:20:00+01:00"),
            ("T-7-000209", "tea", "2026-11-12T20:13:00+01:00"), ("T-7-000336", "machine-support", "2026-11-16T17:01:00+01:00"),
            ("T-7-000163", "tea", "2026-11-23T11:35:00+01:00"),
        ];
        (string Ticket, string Service, string Resolved)[] acmeResolved =
        [
            ("T-7-000125", "tea", "2026-11-02T14:21:00+01:00"), ("T-7-000212", "coffee", "2026-11-05T09:42:00+01:00"),
            ("T-7-000389", "juice", "2026-11-09T15:49:00+01:00"), ("T-7-000258", "coffee", "2026-11-17T10:26:00+01:00"),
            ("T-7-000177", "tea", "2026-11-24T13:30:00+01:00"),
        ];
        (string Ticket, string Service, string Resolved)[] globexBreached = [("T-7-000147", "tea", "2026-11-23T13:37:00+01:00")];
        (string Ticket, string Service, string Resolved)[] globexResolved =
        [
            ("T-7-000332", "coffee", "2026-11-03T15:55:00+01:00"), ("T-7-000325", "tea", "2026-11-09T14:23:00+01:00"),
            ("T-7-000241", "tea", "2026-11-12T16:45:00+01:00"), ("T-7-000140", "machine-support", "2026-11-23T13:45:00+01:00"),
        ];
        var none = Array.Empty<(string, string, string)>();
        var plan = new (string Customer, LocalDate Month, int Responses, int Satisfied, (string Ticket, string Service, string Resolved)[] Unhappy, int UnhappyLinked, (string Ticket, string Service, string Resolved)[] Happy, int HappyLinked)[]
        {
            ("acme", new LocalDate(2026, 9, 1), 15, 14, none, 0, none, 0),
            ("acme", new LocalDate(2026, 10, 1), 16, 13, none, 0, none, 0),
            ("acme", November, 15, 10, acmeBreached, 3, acmeResolved, 3),
            ("globex", new LocalDate(2026, 9, 1), 11, 10, none, 0, none, 0),
            ("globex", new LocalDate(2026, 10, 1), 14, 12, none, 0, none, 0),
            ("globex", November, 12, 11, globexBreached, 1, globexResolved, 2),
            ("initech", November, 3, 2, none, 0, none, 0),
        };
        var responses = new List<(Instant, string)>();
        foreach (var (customer, month, count, satisfied, unhappy, unhappyLinked, happy, happyLinked) in plan)
        {
            var unhappyTickets = random.Permutation(unhappy.Length);
            var happyTickets = random.Permutation(happy.Length);
            var working = WorkingDays(month).ToArray();
            for (var i = 0; i < count; i++)
            {
                var pleased = i < satisfied;
                var score = pleased ? (random.NextDouble() < 0.55 ? 5 : 4) : new[] { 3, 3, 3, 2, 2, 1 }[random.Next(0, 6)];
                var linked = pleased ? i < happyLinked : i - satisfied < unhappyLinked;
                string? ticket = null;
                string? service;
                Instant at;
                if (linked)
                {
                    var (id, ticketService, resolved) = pleased ? happy[happyTickets[i]] : unhappy[unhappyTickets[i - satisfied]];
                    ticket = id;
                    service = ticketService;
                    _ = IsoInstant.TryParse(resolved, out var ticks);
                    at = Instant.FromUnixTimeTicks(ticks) + Duration.FromMinutes(random.Next(3 * 60, 26 * 60));
                }
                else
                {
                    service = random.NextDouble() < 0.8 ? Services[random.Next(0, Services.Length)] : null;
                    at = Local(working[random.Next(0, working.Length)], Hm(8, 0) + random.Next(0, 600));
                }

                var comment = Comment(random, score, service);
                var fields = new StringBuilder()
                    .Append(CultureInfo.InvariantCulture, $"\"type\":\"survey\",\"customer\":\"{customer}\"")
                    .Append(service is null ? string.Empty : $",\"service\":\"{service}\"")
                    .Append(ticket is null ? string.Empty : $",\"ticket\":\"{ticket}\"")
                    .Append(CultureInfo.InvariantCulture, $",\"at\":\"{Iso(at)}\",\"score\":{score}");
                if (comment is not null)
                {
                    fields.Append(",\"comment\":").Append(Quote(comment));
                }

                responses.Add((at, fields.ToString()));
            }
        }

        return responses;
    }

    private static string? Comment(Prng random, int score, string? service)
    {
        if (score >= 4)
        {
            string[] praise = service == "machine-support" ? ["Quick fix, thanks", "The technician was very helpful"] : ["Always on time, thank you", "Friendly driver"];
            return random.NextDouble() < 0.15 ? praise[random.Next(0, praise.Length)] : null;
        }

        if (random.NextDouble() >= 0.75)
        {
            return null;
        }

        string[] comments = service switch
        {
            "tea" => ["Nobody answered our tea order for hours", "Tea ran out before the evening delivery"],
            "coffee" => ["Coffee arrived after our meeting had started", "Coffee machine out of order twice this week"],
            "juice" => ["Juice was warm again at lunch", "Juice machine broken again, it took a day to fix"],
            "machine-support" => ["The technician only came the next day", "Repair took far too long"],
            _ => ["Too many small problems this month", "Not the service we were promised"],
        };
        return comments[random.Next(0, comments.Length)];
    }

    // Monthly password scans (end of month, 02:00) of twelve accounts and access-card audits of eight staff:
    // all compliant except jonas.schulz (password 94 days old on 27 Nov), hannah.schwarz (a 9-character password
    // in October, replaced in November), felix.wagner (card expired 12 Nov) and lea.koch (last evidence in July).
    private static List<(Instant, string)> Evidence(Prng random)
    {
        var evidence = new List<(Instant, string)>();
        LocalDate[] scans = [new(2026, 9, 28), new(2026, 10, 28), new(2026, 11, 27)];
        LocalDate[] audits = [new(2026, 9, 24), new(2026, 10, 22), new(2026, 11, 26)];
        for (var p = 0; p < People.Length; p++)
        {
            var name = People[p];
            var changed = name == "jonas.schulz" ? new LocalDate(2026, 8, 25) : scans[0].PlusDays(-random.Next(5, 80));
            var length = random.Next(12, 21);
            // A helpdesk reset to a short password on 19 October, replaced by the user on 9 November.
            (LocalDate Day, int Length)[] forced = name == "hannah.schwarz" ? [(new(2026, 10, 19), 9), (new(2026, 11, 9), 16)] : [];
            foreach (var scan in scans)
            {
                foreach (var (day, newLength) in forced)
                {
                    if (day <= scan && day > changed)
                    {
                        (changed, length) = (day, newLength);
                    }
                }

                // Users change their password when the 80-day reminder comes; jonas.schulz ignored it.
                if (Period.DaysBetween(changed, scan) > 80 && name != "jonas.schulz")
                {
                    changed = LocalDate.Min(scan.PlusDays(-1), changed.PlusDays(80 + random.Next(0, 9)));
                    length = random.Next(12, 21);
                }

                var at = Local(scan, Hm(2, 0) + (3 * p) + random.Next(0, 3));
                var age = Period.DaysBetween(changed, scan);
                evidence.Add(Evidence(at, "password-length", "account:" + name, length >= 12,
                    length >= 12 ? $"{length} characters" : $"{length} characters, minimum 12"));
                evidence.Add(Evidence(at + Duration.FromSeconds(30), "password-age", "account:" + name, age <= 90,
                    age <= 90 ? $"password {age} days old" : $"password {age} days old, maximum 90"));
            }

            if (p >= 8)
            {
                continue;
            }

            if (name == "lea.koch")
            {
                // On leave since the summer: the July audit is the last one.
                evidence.Add(Evidence(Local(new LocalDate(2026, 7, 16), Hm(10, 5)), "access-card", "staff:" + name, true, "card valid until 2027-02-28"));
                continue;
            }

            var validUntil = name == "felix.wagner" ? new LocalDate(2026, 11, 12) : new LocalDate(2027, 1 + random.Next(0, 12), 1).PlusMonths(1).PlusDays(-1);
            foreach (var audit in audits)
            {
                var valid = validUntil >= audit;
                var until = validUntil.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
                evidence.Add(Evidence(Local(audit, Hm(9, 30) + (15 * p) + random.Next(0, 10)), "access-card", "staff:" + name, valid,
                    valid ? $"card valid until {until}" : $"card expired {until}"));
            }
        }

        return evidence;
    }

    private static (Instant, string) Evidence(Instant at, string term, string subject, bool compliant, string detail) =>
        (at, string.Create(
            CultureInfo.InvariantCulture,
            $"\"type\":\"evidence\",\"term\":\"{term}\",\"subject\":\"{subject}\",\"at\":\"{Iso(at)}\",\"compliant\":{(compliant ? "true" : "false")},\"detail\":{Quote(detail)}"));

    // A juice temperature reading a minute after each juice delivery: acme 3.5-7.5 °C; globex 4-8 °C except
    // three readings of 8.5-10 °C, so its 95th percentile is above 8 whatever the percentile method.
    private static List<(Instant, string)> Samples(Prng random, List<(Instant At, string Customer, string Service, string Fields)> deliveries)
    {
        var samples = new List<(Instant, string)>();
        foreach (var customer in new[] { "acme", "globex" })
        {
            var juice = deliveries.Where(d => d.Customer == customer && d.Service == "juice").ToArray();
            var warm = random.Permutation(juice.Length);
            for (var i = 0; i < juice.Length; i++)
            {
                var value = customer == "acme" ? 3.5 + (4.0 * random.NextDouble())
                    : Array.IndexOf(warm, i) < 3 ? 8.5 + (1.5 * random.NextDouble()) : 4.0 + (4.0 * random.NextDouble());
                var at = juice[i].At + Duration.FromMinutes(1);
                samples.Add((at, string.Create(
                    CultureInfo.InvariantCulture,
                    $"\"type\":\"sample\",\"series\":\"juice-temperature\",\"customer\":\"{customer}\",\"service\":\"juice\",\"at\":\"{Iso(at)}\",\"value\":{Math.Round(value, 1):0.0}")));
            }
        }

        return samples;
    }

    // Corrective actions for ACME's November breaches (pledge report over events/tickets.jsonl); the third is overdue.
    private static IEnumerable<(Instant, string)> Actions()
    {
        yield return CorrectiveAction(Local(new LocalDate(2026, 11, 11), Hm(9, 30)), "acme-gold", "resolution", "verified", "machine-repair", "2026-11-20",
            "Keep a spare pump and seals for the juice dispensers at ACME", ["T-7-000279", "T-7-000049"]);
        yield return CorrectiveAction(Local(new LocalDate(2026, 11, 20), Hm(10, 0)), "machine-support", "resolution", "open", "machine-repair", "2026-11-27",
            "Stock spare parts for the ACME espresso machines over the weekend", ["T-7-000261", "T-7-000193", "T-7-000174"]);
        yield return CorrectiveAction(Local(new LocalDate(2026, 11, 23), Hm(14, 0)), "acme-gold", "response", "in-progress", "service-desk", "2026-12-11",
            "Second agent on the morning queue for ACME tea orders", ["T-7-000209", "T-7-000319", "T-7-000163"]);
    }

    private static (Instant, string) CorrectiveAction(Instant at, string agreement, string target, string status, string owner, string due, string title, string[] breaches) =>
        (at, string.Create(
            CultureInfo.InvariantCulture,
            $"\"type\":\"action\",\"customer\":\"acme\",\"agreement\":\"{agreement}\",\"target\":\"{target}\",\"at\":\"{Iso(at)}\",\"status\":\"{status}\",\"owner\":\"{owner}\",\"due\":\"{due}\",\"title\":{Quote(title)},\"breaches\":[{string.Join(',', breaches.Select(b => $"\"{b}\""))}]"));

    private static void Save(string directory, string file, string prefix, IEnumerable<(Instant At, string Fields)> events)
    {
        var sorted = events.OrderBy(e => e.At).ToArray();
        var width = Math.Max(3, sorted.Length.ToString(CultureInfo.InvariantCulture).Length);
        using var output = new StreamWriter(Path.Combine(directory, file), append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        for (var i = 0; i < sorted.Length; i++)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"{prefix}{(i + 1).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}\",{sorted[i].Fields}}}\n"));
        }
    }

    // berlin-office is open Monday to Friday and has no holidays from September to November 2026 but 3 October, a Saturday.
    private static IEnumerable<LocalDate> WorkingDays(LocalDate month)
    {
        for (var day = month; day.Month == month.Month; day = day.PlusDays(1))
        {
            if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                yield return day;
            }
        }
    }

    private static int Hm(int hours, int minutes) => (hours * 60) + minutes;

    private static Instant Local(LocalDate day, int minuteOfDay) => Berlin.AtLeniently(day.AtMidnight().PlusMinutes(minuteOfDay)).ToInstant();

    private static string Iso(Instant at) => IsoInstant.Format(at.ToUnixTimeTicks(), Berlin.GetUtcOffset(at).Ticks);

    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' or '\\' => quoted.Append('\\').Append(c),
                < ' ' => quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>SplitMix64: a fixed algorithm, so a seed gives the same files on every runtime.</summary>
    private sealed class Prng(int seed, int stream)
    {
        private ulong _state = ((ulong)(uint)seed << 8) | (uint)stream;

        public int Next(int minimum, int maximumExclusive) => minimum + (int)(NextUInt64() % (ulong)(maximumExclusive - minimum));

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public int[] Permutation(int count)
        {
            var items = Enumerable.Range(0, count).ToArray();
            for (var i = count - 1; i > 0; i--)
            {
                var j = Next(0, i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }

            return items;
        }

        private ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
