using System.Text.RegularExpressions;

namespace Pledge.Tests;

/// <summary><c>pledge validate DIR</c>: a summary for a valid repository, every problem with file, line, column and field for a broken one.</summary>
public sealed class ValidateCommandTests(RepositoryFolders folders) : IClassFixture<RepositoryFolders>
{
    private const string FourX = "versions[0].targets[0].thresholds.P1: \"4x\" is not a positive duration (such as 30m, 4h, 1h30m, 2d)";
    private const string Water = "services[0]: \"water\" is not a service of catalogue.yaml";
    private const string Signed = "versions[0].status: \"signed\" is not one of draft, negotiating, agreed, active, under-review, expired, terminated";
    private const string Month13 = "holidays[0]: \"2026-13-01\" is not a date (YYYY-MM-DD)";
    private const string Looser = "warning: versions[0].targets[0].supports: priority P1: 5h is looser than the 4h of c/resolution it supports";

    [Fact]
    public async Task The_sample_is_valid_with_a_summary_line_and_its_three_warnings_on_stderr()
    {
        var run = await PledgeCli.RunAsync("validate", RepositoryFolders.Sample);

        Assert.True(run.ExitCode == 0, run.ToString());
        // 4 services (tea, coffee, juice, machine-support), 3 customers, 3 calendars, 6 agreements.
        Assert.Equal(["✓ samples/beverage-supplier is valid: 4 services, 3 customers, 3 calendars, 6 agreements, 3 warning(s)"], run.StdoutLines);
        // Where the supports warnings are located is checked in Pledge.Core.Tests (ValidateWarningTests); here, the rest of the line.
        var location = @"^samples/beverage-supplier/agreements/uc-brewtech\.yaml:\d+:\d+: warning: versions\[0\]\.targets\[0\]\.supports: ";
        Assert.Equal(3, run.StderrLines.Count);
        Assert.Matches(location + Regex.Escape("priority P1: 4h is looser than the 2h of machine-support/resolution it supports") + "$", run.StderrLines[0]);
        Assert.Matches(location + Regex.Escape("priority P2: 8h is looser than the 6h of machine-support/resolution it supports") + "$", run.StderrLines[1]);
        Assert.Matches(location + Regex.Escape("calendar vendor covers 148h of the 190h that berlin-office (machine-support/resolution) is open in the 4 weeks from v1's start: the SLA's clock runs while this one stands still") + "$", run.StderrLines[2]);
    }

    [Fact]
    public async Task A_broken_repository_fails_with_every_problem_on_stderr_and_nothing_on_stdout()
    {
        var run = await PledgeCli.RunAsync("validate", folders.Broken);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        var dir = folders.Broken;
        Assert.Equal(6, run.StderrLines.Count);
        Assert.Equal($"{dir}/agreements/a.yaml:12:27: {FourX}", run.StderrLines[0]);
        Assert.Equal($"{dir}/agreements/b.yaml:4:12: {Water}", run.StderrLines[1]);
        Assert.Equal($"{dir}/agreements/b.yaml:7:13: {Signed}", run.StderrLines[2]);
        Assert.Matches($@"^{Regex.Escape(dir)}/agreements/ola\.yaml:\d+:\d+: {Regex.Escape(Looser)}$", run.StderrLines[3]);
        Assert.Equal($"{dir}/calendars/bad.yaml:6:5: {Month13}", run.StderrLines[4]);
        Assert.Equal($"error: {dir} is not valid: 4 error(s), 1 warning(s)", run.StderrLines[5]);
    }

    [Fact]
    public async Task Problems_are_prefixed_with_the_folder_as_given()
    {
        var run = await PledgeCli.RunAsync(["validate", "broken"], null, workingDirectory: folders.Folder);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal($"broken/agreements/a.yaml:12:27: {FourX}", run.StderrLines[0]);
        Assert.Equal("error: broken is not valid: 4 error(s), 1 warning(s)", run.StderrLines[^1]);
    }

    [Fact]
    public async Task A_missing_catalogue_is_reported_without_a_line()
    {
        var dir = Path.Combine(folders.Folder, "no-catalogue");
        folders.Write("no-catalogue/customers.yaml", "customers:\n  - id: acme\n");

        var run = await PledgeCli.RunAsync("validate", dir);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(
            [
                $"{dir}/agreements/: warning: no agreement files (agreements/*.yaml)",
                $"{dir}/catalogue.yaml: is missing from the repository",
                $"error: {dir} is not valid: 1 error(s), 1 warning(s)",
            ],
            run.StderrLines);
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_an_input_error()
    {
        var run = await PledgeCli.RunAsync("validate", "no-such-folder");

        CliAssert.Fails(run, 1, "error: \"no-such-folder\" is not a folder");
    }

    [Fact]
    public async Task Without_a_folder_it_is_a_usage_error()
    {
        var run = await PledgeCli.RunAsync("validate");

        CliAssert.Fails(run, 2, "error: ");
        Assert.Contains("DIR", run.Stderr, StringComparison.Ordinal);
    }
}
