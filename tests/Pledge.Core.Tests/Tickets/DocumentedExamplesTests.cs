using System.Text.RegularExpressions;
using Pledge.Tickets;

namespace Pledge.Tests.Tickets;

/// <summary>The examples of docs/events.md read as the page says they do.</summary>
public sealed partial class DocumentedExamplesTests
{
    private static readonly Lazy<string> Page = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "events.md")));

    [Fact]
    public void The_json_lines_and_csv_examples_are_the_same_fourteen_events()
    {
        var json = EventText.Events(EventText.Json(Block("jsonl")));
        var csv = EventText.Events(EventText.Csv(Block("csv")));

        Assert.Equal(14, json.Count);
        Assert.Equal(json, csv);
        Assert.Equal(new TicketCommented("e6", "T-1001", EventText.At("2026-03-02T13:10+01:00"), CommentAuthor.Customer, IsPublic: true), json[5]);
    }

    [Fact]
    public void The_examples_history_is_in_time_order()
    {
        var events = EventText.Events(EventText.Json(Block("jsonl")));

        var history = TicketHistory.Of(events.Where(e => e.TicketId == "T-1001").Reverse());

        Assert.Equal(events.Where(e => e.TicketId == "T-1001").Select(e => e.Id), history.Events.Select(e => e.Id));
    }

    [Fact]
    public void The_bad_example_gives_the_problems_listed()
    {
        var expected = Block("text problems").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var problems = EventText.Json(Block("jsonl bad")).Select(r => r.Problem?.ToString() ?? "(an event)");

        Assert.Equal(expected, problems);
    }

    private static string Block(string info)
    {
        var match = CodeBlock().Matches(Page.Value).Single(m => m.Groups[1].Value == info);
        return match.Groups[2].Value;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pledge.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Pledge.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^```([^\n]+)\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
