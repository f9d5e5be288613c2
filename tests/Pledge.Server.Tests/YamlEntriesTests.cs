using Pledge.Server.Api.Definitions;
using YamlDotNet.RepresentationModel;

namespace Pledge.Server.Tests;

/// <summary>Editing list entries in a file's text: the lines of one entry change, every other line (comments too) stays.</summary>
public sealed class YamlEntriesTests
{
    private const string Customers = """
        # Who we serve.
        customers:
          # The first one.
          - id: acme
            name: ACME   # trailing comment
            contacts:
              - { name: Jana }

          - id: globex
            name: Globex
        # The end.
        teams: []

        """;

    [Fact]
    public void An_entry_spans_its_dash_to_its_last_content_line_leaving_comments_and_blank_lines_after_it_to_what_follows()
    {
        var entries = Entries(Customers);

        Assert.Equal(2, entries.Count);
        Assert.Equal("id: acme\nname: ACME   # trailing comment\ncontacts:\n  - { name: Jana }", YamlEntries.Text(Customers, entries[0]));
        Assert.Equal("id: globex\nname: Globex", YamlEntries.Text(Customers, entries[1]));
    }

    [Fact]
    public void Removing_the_first_entry_keeps_the_comment_above_it_and_the_rest()
    {
        var removed = YamlEntries.Remove(Customers, Entries(Customers)[0]);

        Assert.Equal("# Who we serve.\ncustomers:\n  # The first one.\n\n  - id: globex\n    name: Globex\n# The end.\nteams: []\n", removed);
    }

    [Fact]
    public void Replacing_the_last_entry_indents_the_new_one_like_it()
    {
        var replaced = YamlEntries.Replace(Customers, Entries(Customers)[1], "id: globex\nname: Globex Logistics\nservices: [tea]\n");

        Assert.Contains("  - id: globex\n    name: Globex Logistics\n    services: [tea]\n# The end.\n", replaced, StringComparison.Ordinal);
        Assert.StartsWith("# Who we serve.\ncustomers:\n  # The first one.\n  - id: acme\n", replaced, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "customers:\n  - id: new\n")]
    [InlineData("# nothing yet\n", "# nothing yet\ncustomers:\n  - id: new\n")]
    [InlineData("customers: []\n", "customers:\n  - id: new\n")]
    [InlineData("customers:\n", "customers:\n  - id: new\n")]
    [InlineData("other: 1\n", "other: 1\ncustomers:\n  - id: new\n")]
    [InlineData("customers:\n- id: a\n", "customers:\n- id: a\n- id: new\n")]
    [InlineData("customers:\n  -\n    id: a\n", "customers:\n  -\n    id: a\n  - id: new\n")]
    public void Appending_makes_the_list_when_needed_and_follows_its_indentation(string text, string expected)
    {
        Assert.Equal(expected, YamlEntries.Append(text, "customers", "id: new"));
    }

    [Fact]
    public void A_list_in_flow_style_is_not_edited_in_place()
    {
        Assert.Null(YamlEntries.Append("customers: [{ id: a }]\n", "customers", "id: new"));
    }

    [Theory]
    [InlineData("effective: { from: 2026-01-01 }\n", "effective: { from: 2026-01-01, until: 2026-12-31 }\n")]
    [InlineData("effective:\n  from: 2026-01-01\nstatus: x\n", "effective:\n  from: 2026-01-01\n  until: 2026-12-31\nstatus: x\n")]
    [InlineData("effective: { from: 2026-01-01, until: 2026-06-30 }\n", "effective: { from: 2026-01-01, until: 2026-12-31 }\n")]
    public void Setting_a_field_replaces_it_or_adds_it_in_the_mapping_style(string text, string expected)
    {
        var effective = (YamlMappingNode)YamlEntries.Child(YamlEntries.Root(text), "effective")!;

        Assert.Equal(expected, YamlEntries.Set(text, effective, "until", "2026-12-31"));
    }

    private static IReadOnlyList<YamlEntries.Entry> Entries(string text) =>
        YamlEntries.Entries(text, (YamlSequenceNode)YamlEntries.Child(YamlEntries.Root(text), "customers")!)!;
}
