using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pledge.Tickets;
using static Pledge.Tests.Tickets.EventText;

namespace Pledge.Tests.Tickets;

/// <summary>JSON lines and CSV are two spellings of one schema; and what they give folds into the same history however it arrives.</summary>
public sealed class EventFormatTests
{
    private static readonly string[] Damage = ["\"", ",", "\n", "\r", "{", "}", "[", ":", "\\", "\u0000", "\uFEFF", "\ud83d", "x", string.Empty];

    private static Arbitrary<TicketCase> Cases => Arb.From(EventGen.Cases);

    /// <summary>A file of either format with characters inserted, replaced or deleted here and there.</summary>
    private static Gen<(string Text, bool Csv)> Damaged =>
        from c in EventGen.Cases
        from csv in Gen.Elements(false, true)
        let text = csv ? c.Csv : c.Json
        from edits in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, text.Length), Gen.Zip(Gen.Elements(Damage), Gen.Choose(0, 2))), 4)
        select (edits.Aggregate(text, (t, edit) =>
        {
            var at = Math.Min(edit.Item1, t.Length);
            var removed = Math.Min(edit.Item2.Item2, t.Length - at);
            return t.Remove(at, removed).Insert(at, edit.Item2.Item1);
        }), csv);

    [Theory]
    [MemberData(nameof(SampleNames), MemberType = typeof(EventText))]
    public void Both_formats_give_the_same_event_for_the_same_data(string sample)
    {
        var (_, json, csv) = Samples[sample];

        Assert.Equal(Assert.Single(Json(json)).Event, Assert.Single(Csv(CsvHeader + "\n" + csv)).Event);
    }

    [Theory]
    [InlineData("resolved", "at", "2026-13-01T00:00Z")]
    [InlineData("resolved", "at", "1800-01-01T00:00Z")]
    [InlineData("resolved", "type", "opened")]
    [InlineData("resolved", "id", "")]
    [InlineData("resolved", "ticket", "")]
    [InlineData("created", "customer", "")]
    [InlineData("created", "status", " ")]
    [InlineData("commented", "author", "robot")]
    [InlineData("commented", "author", "")]
    [InlineData("commented", "public", "yes")]
    [InlineData("commented", "public", "")]
    [InlineData("merged", "into", "T-1")]
    [InlineData("merged", "into", "")]
    [InlineData("assigned", "team", "")]
    public void Both_formats_report_the_same_problem_for_the_same_data(string sample, string field, string value)
    {
        var (_, json, csv) = Samples[sample];
        var cells = csv.Split(',');
        cells[Array.IndexOf(CsvHeader.Split(','), field)] = value;

        var fromJson = Assert.Single(Json(JsonLinesReaderTests.With(json, field, System.Text.Json.JsonSerializer.Serialize(value)))).Problem;
        var fromCsv = Assert.Single(Csv(CsvHeader + "\n" + string.Join(',', cells))).Problem;

        Assert.NotNull(fromJson);
        Assert.Equal(fromJson with { Line = 2 }, fromCsv);
    }

    [Property(MaxTest = 300)]
    public Property Json_lines_give_back_the_events_written_in_file_order() =>
        Prop.ForAll(Cases, c => Assert.Equal(c.Delivered, Events(Json(c.Json))));

    [Property(MaxTest = 300)]
    public Property Csv_gives_back_the_events_written_in_file_order() =>
        Prop.ForAll(Cases, c => Assert.Equal(c.Delivered, Events(Csv(c.Csv))));

    [Property(MaxTest = 300)]
    public Property Duplicated_and_shuffled_events_give_the_same_history_in_both_formats() =>
        Prop.ForAll(Cases, c =>
        {
            TicketEvent[] expected = [.. TicketHistory.Of(c.Events).Events];

            // ImmutableArray's own equality compares arrays by reference: compare the events.
            Assert.Equal(expected, TicketHistory.Of(Events(Json(c.Json))).Events.ToArray());
            Assert.Equal(expected, TicketHistory.Of(Events(Csv(c.Csv))).Events.ToArray());
        });

    [Property(MaxTest = 500)]
    public Property Damaged_files_never_throw_and_every_record_is_an_event_or_a_problem() =>
        Prop.ForAll(Arb.From(Damaged), damage =>
        {
            var (text, csv) = damage;
            var records = csv ? Csv(text) : Json(text);

            Assert.All(records, r => Assert.True(r.IsEvent ^ (r.Problem is not null)));
            Assert.All(records, r => Assert.InRange(r.Line, 1, text.Length + 1));
            Assert.Equal(records.OrderBy(r => r.Line).Select(r => r.Line), records.Select(r => r.Line));
        });

    [Property(MaxTest = 300)]
    public Property Objects_given_as_utf8_read_exactly_as_the_same_lines_of_a_file_in_both_modes() =>
        Prop.ForAll(Arb.From(Damaged), Arb.From(Gen.Elements(UnknownFields.Ignore, UnknownFields.Refuse)), (damage, unknown) =>
        {
            // A file may begin with a byte-order mark, which its reader skips; an object given on its own has none.
            var lines = damage.Text.TrimStart('\uFEFF').Split('\n', '\r').Where(l => !string.IsNullOrWhiteSpace(l)).ToList();

            var fromLines = TicketEventReader.ReadJsonLines(new StringReader(string.Join("\n", lines)), unknown).ToList();
            var fromObjects = TicketEventReader.ReadJsonObjects(lines.Select(l => new ReadOnlyMemory<byte>(System.Text.Encoding.UTF8.GetBytes(l))), unknown).ToList();

            Assert.Equal(fromLines, fromObjects);
        });

    [Fact]
    public void A_delivery_with_repeats_out_of_order_gives_the_history_of_the_events_in_time_order()
    {
        var events = Samples.Values.Select(s => s.Event).ToList();
        var delivered = events.AsEnumerable().Reverse().Concat(events.Where((_, i) => i % 3 == 0)).ToList();
        var json = string.Join("\n", delivered.Select(e => ToJson(e, NodaTime.Offset.FromHours(-5))));
        var csv = CsvHeader + "\n" + string.Join("\n", delivered.Select(e => ToCsv(e, NodaTime.Offset.FromHoursAndMinutes(5, 30), quoteAll: false)));

        var fromJson = TicketHistory.Of(Events(Json(json)));
        var fromCsv = TicketHistory.Of(Events(Csv(csv)));

        Assert.Equal(events.Count + (events.Count + 2) / 3, delivered.Count);
        // ImmutableArray's own equality compares arrays by reference: compare the events.
        Assert.Equal(events.OrderBy(e => e.At).ThenBy(e => e.Kind).ToArray(), fromJson.Events.ToArray());
        Assert.Equal(fromJson.Events.ToArray(), fromCsv.Events.ToArray());
        Assert.Equal(Samples["created"].Event, fromJson.Created);
    }
}
