using Pledge.Testing;

namespace Pledge.Server.Tests;

/// <summary><c>pledge apply</c> and <c>pledge export</c> (the real process) against the real server on a real port.</summary>
public abstract class CliApplyExportTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pledge-apply-" + Guid.NewGuid().ToString("N"));
    private KestrelTestServer? _server;

    private KestrelTestServer Server => _server!;

    public async Task InitializeAsync()
    {
        _server = KestrelTestServer.Start(await _database.CreateAsync());
        foreach (var (path, text) in Sample.RepositoryFiles())
        {
            Write(path, text);
        }

        // Not part of the repository: left out of what apply sends.
        Write("events/tickets.jsonl", "{}\n");
        Write("README.md", "# notes\n");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _database.DropAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Apply_sends_the_whole_folder_in_one_call_and_prints_what_it_created()
    {
        var run = await ApplyAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        var count = Sample.RepositoryFiles().Count;
        Assert.Contains($"Applied {_folder} to {Server.Address}: {count} created, 0 updated, 0 unchanged, 0 deleted", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("agreements/acme-gold.yaml", run.Stdout, StringComparison.Ordinal);
        var documents = await (await Server.StoreAsync()).Documents.ListAsync();
        Assert.Equal(Sample.RepositoryFiles().Keys.Order(StringComparer.Ordinal), documents.Select(d => d.Path));
        Assert.All(documents, d => Assert.Equal("admin", d.UpdatedBy));
        Assert.Equal(["Bearer " + PledgeTestServer.AdminKey], Server.Authorizations);
    }

    [Fact]
    public async Task The_api_key_option_wins_over_the_environment_and_goes_as_a_bearer_token()
    {
        var applied = await PledgeProcess.RunAsync(new Dictionary<string, string> { ["PLEDGE_API_KEY"] = "not-the-key" }, ["apply", _folder, "--server", Server.Address, "--api-key", PledgeTestServer.AdminKey]);
        var exported = await PledgeProcess.RunAsync(null, "export", "--server", Server.Address, Path.Combine(_folder, "out"));

        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal(1, exported.ExitCode);
        Assert.Equal(["Bearer " + PledgeTestServer.AdminKey, string.Empty], Server.Authorizations);
    }

    [Fact]
    public async Task Applying_a_changed_folder_updates_and_deletes_on_the_server_and_says_so_per_file()
    {
        Write("calendars/night.yaml", "name: night\ntimezone: UTC\nweek:\n  monday: [\"22:00-24:00\"]\n");
        Assert.Equal(0, (await ApplyAsync()).ExitCode);
        File.Delete(Path.Combine(_folder, "calendars", "night.yaml"));
        File.AppendAllText(Path.Combine(_folder, "catalogue.yaml"), "# reviewed\n");

        var run = await ApplyAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"0 created, 1 updated, {Sample.RepositoryFiles().Count - 1} unchanged, 1 deleted", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"calendars/night\.yaml\s*│\s*deleted\s*│\s*2", run.Stdout);
        Assert.Matches(@"catalogue\.yaml\s*│\s*updated\s*│\s*2", run.Stdout);
        Assert.Null(await (await Server.StoreAsync()).Documents.GetAsync("calendars/night.yaml"));
    }

    [Fact]
    public async Task A_dry_run_prints_what_would_change_and_stores_nothing()
    {
        var run = await ApplyAsync("--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Dry run, nothing stored: would be {Sample.RepositoryFiles().Count} created", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(await (await Server.StoreAsync()).Documents.ListAsync());
    }

    [Fact]
    public async Task An_invalid_folder_is_refused_before_anything_is_sent()
    {
        Write("customers.yaml", "customers:\n  - id: acme\n    services: [caviar]\n");

        var run = await ApplyAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("customers.yaml:3:16: customers[0].services[0]: \"caviar\" is not a service of catalogue.yaml", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(await (await Server.StoreAsync()).Documents.ListAsync());
    }

    [Fact]
    public async Task A_change_the_server_refuses_prints_each_problem_and_fails()
    {
        Assert.Equal(0, (await ApplyAsync()).ExitCode);
        var path = Path.Combine(_folder, "agreements", "acme-gold.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("{ P1: 3h, P2: 6h }", "{ P1: 2h, P2: 6h }", StringComparison.Ordinal));

        var run = await ApplyAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("agreements/acme-gold.yaml:8:5: versions[0]: version 3 is active and cannot change", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("the server refused (409 Agreement lifecycle)", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, (await (await Server.StoreAsync()).Documents.GetAsync("agreements/acme-gold.yaml"))!.Version);
    }

    [Fact]
    public async Task Export_writes_back_exactly_the_files_that_were_applied()
    {
        Assert.Equal(0, (await ApplyAsync()).ExitCode);
        var output = Path.Combine(_folder, "exported");

        var run = await PledgeProcess.RunAsync(new Dictionary<string, string> { ["PLEDGE_API_KEY"] = PledgeTestServer.AdminKey }, "export", "--server", Server.Address, output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Exported {Sample.RepositoryFiles().Count} files from {Server.Address} to {output}", run.Stdout, StringComparison.Ordinal);
        foreach (var (path, text) in Sample.RepositoryFiles())
        {
            Assert.Equal(text, File.ReadAllText(Path.Combine(output, path)));
        }
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_a_clear_error()
    {
        var run = await PledgeProcess.RunAsync(null, "export", "--server", "http://127.0.0.1:9", Path.Combine(_folder, "out"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: cannot reach http://127.0.0.1:9/", run.Stderr, StringComparison.Ordinal);
    }

    private Task<PledgeProcess.Run> ApplyAsync(params string[] more) =>
        PledgeProcess.RunAsync(new Dictionary<string, string> { ["PLEDGE_API_KEY"] = PledgeTestServer.AdminKey }, ["apply", _folder, "--server", Server.Address, .. more]);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_folder, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
