using System.Globalization;
using System.Text;
using NodaTime;
using Pledge.Text;

namespace Pledge.Benchmarks;

/// <summary>
/// Writes realistic ticket histories as JSON lines (docs/events.md): about eight events per ticket,
/// several customers, services and priorities, with first responses, updates, waits for the customer,
/// priority changes, reopens, late resolutions and the odd merge. Deterministic for a seed.
/// </summary>
/// <remarks>Used by the benchmarks and to make the beverage supplier's sample month:
/// <c>dotnet run -c Release --project bench/Pledge.Benchmarks -- generate-tickets 400 2026-11 7 &gt; tickets.jsonl</c>.</remarks>
public static class TicketGenerator
{
    private static readonly string[] Customers = ["acme", "globex", "initech"];
    private static readonly string[] Services = ["tea", "coffee", "juice", "machine-support"];
    private static readonly string[] Priorities = ["P1", "P2", "P2", "P3", "P3", "P3", "P4"];
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>Writes <paramref name="tickets"/> tickets created over the month <paramref name="month"/> (yyyy-MM).</summary>
    public static void Write(TextWriter output, int tickets, string month, int seed)
    {
        var random = new Random(seed);
        var first = Berlin.AtStartOfDay(LocalDate.FromDateTime(DateTime.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var span = Berlin.AtStartOfDay(first.Date.PlusMonths(1)).ToInstant() - first.ToInstant();
        var line = new StringBuilder(256);
        for (var t = 0; t < tickets; t++)
        {
            var ticket = string.Create(CultureInfo.InvariantCulture, $"T-{seed}-{t + 1:000000}");
            var events = 0;
            // Tickets arrive mostly in office hours, some at night and on weekends.
            var at = first.ToInstant() + Duration.FromTicks((long)(random.NextDouble() * span.BclCompatibleTicks));
            var local = at.InZone(Berlin);
            if (random.NextDouble() < 0.8 && (local.Hour < 8 || local.Hour >= 18))
            {
                at += Duration.FromHours(random.Next(9, 14) - local.Hour);
            }

            var priority = Priorities[random.Next(Priorities.Length)];
            Emit(output, line, ticket, ref events, at, "created", $"\"customer\":\"{Customers[random.Next(Customers.Length)]}\",\"service\":\"{Services[random.Next(Services.Length)]}\",\"priority\":\"{priority}\",\"status\":\"new\"");

            // First response: usually well within the priority's usual target, sometimes late.
            var urgency = priority switch { "P1" => 1, "P2" => 2, "P3" => 6, _ => 12 };
            at += Minutes(random, random.NextDouble() < 0.9 ? 4 * urgency : 30 * urgency);
            Emit(output, line, ticket, ref events, at, "commented", "\"author\":\"agent\",\"public\":true");
            if (random.NextDouble() < 0.15)
            {
                at += Minutes(random, 60);
                priority = priority == "P1" ? "P2" : "P1";
                Emit(output, line, ticket, ref events, at, "priority_changed", $"\"priority\":\"{priority}\"");
            }

            if (random.NextDouble() < 0.4)
            {
                at += Minutes(random, 120);
                Emit(output, line, ticket, ref events, at, "status_changed", "\"status\":\"waiting-customer\"");
                at += Minutes(random, 60 * 30);
                Emit(output, line, ticket, ref events, at, "commented", "\"author\":\"customer\",\"public\":true");
                Emit(output, line, ticket, ref events, at + Duration.FromMinutes(1), "status_changed", "\"status\":\"open\"");
            }

            at += Minutes(random, 15 * urgency);
            Emit(output, line, ticket, ref events, at, "commented", $"\"author\":\"agent\",\"public\":{(random.NextDouble() < 0.7 ? "true" : "false")}");
            if (random.NextDouble() < 0.03)
            {
                // Merged into the ticket before it (the first one into the second: never into itself).
                var into = t == 0 ? 2 : t;
                Emit(output, line, ticket, ref events, at + Minutes(random, 60), "merged", string.Create(CultureInfo.InvariantCulture, $"\"into\":\"T-{seed}-{into:000000}\""));
                continue;
            }

            at += Minutes(random, random.NextDouble() < 0.9 ? 25 * urgency : 120 * urgency);
            Emit(output, line, ticket, ref events, at, "resolved", string.Empty);
            if (random.NextDouble() < 0.08)
            {
                at += Minutes(random, 600);
                Emit(output, line, ticket, ref events, at, "reopened", string.Empty);
                at += Minutes(random, 240);
                Emit(output, line, ticket, ref events, at, "resolved", string.Empty);
            }

            at += Minutes(random, 60 * 48);
            Emit(output, line, ticket, ref events, at, "closed", string.Empty);
        }
    }

    private static Duration Minutes(Random random, int mean) => Duration.FromMinutes(1 + (-Math.Log(1 - random.NextDouble()) * mean));

    private static void Emit(TextWriter output, StringBuilder line, string ticket, ref int events, Instant at, string type, string fields)
    {
        events++;
        var whole = Instant.FromUnixTimeTicks(at.ToUnixTimeTicks() / 600_000_000 * 600_000_000);
        line.Clear()
            .Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{ticket}-{events}\",\"ticket\":\"{ticket}\",\"type\":\"{type}\",\"at\":\"{IsoInstant.Format(whole.ToUnixTimeTicks(), Berlin.GetUtcOffset(whole).Ticks)}\"");
        if (fields.Length > 0)
        {
            line.Append(',').Append(fields);
        }

        output.Write(line.Append("}\n"));
    }
}
