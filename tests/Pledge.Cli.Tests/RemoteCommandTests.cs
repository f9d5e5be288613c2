namespace Pledge.Tests;

/// <summary>
/// <c>pledge apply</c> and <c>pledge export</c> command lines that cannot run; against a real server they are tested in
/// tests/Pledge.Server.Tests (CliApplyExportTests), which can host one.
/// </summary>
public sealed class RemoteCommandTests(RepositoryFolders folders) : IClassFixture<RepositoryFolders>
{
    [Theory]
    [InlineData("apply", "samples/beverage-supplier")]
    [InlineData("export", "out")]
    public async Task Without_a_server_is_a_usage_error(params string[] args)
    {
        var run = await PledgeCli.RunAsync(args);

        CliAssert.Fails(run, 2, "error: --server is required");
    }

    [Theory]
    [InlineData("ftp://example.org")]
    [InlineData("not a url")]
    public async Task A_server_that_is_not_an_http_URL_is_a_usage_error(string server)
    {
        var run = await PledgeCli.RunAsync("apply", "samples/beverage-supplier", "--server", server);

        CliAssert.Fails(run, 2, $"error: --server \"{server}\" is not an http:// or https:// URL");
    }

    [Fact]
    public async Task An_api_key_option_without_a_value_is_a_usage_error()
    {
        var run = await PledgeCli.RunAsync("apply", "samples/beverage-supplier", "--server", "http://127.0.0.1:9", "--api-key");

        CliAssert.Fails(run, 2, "error: --api-key needs a value");
    }

    [Fact]
    public async Task An_invalid_folder_is_refused_before_the_server_is_called()
    {
        // Port 9 (discard) has nothing listening: reaching it would fail differently.
        var run = await PledgeCli.RunAsync("apply", folders.Broken, "--server", "http://127.0.0.1:9");

        CliAssert.Fails(run, 1, $"error: {folders.Broken} is not a valid repository");
        Assert.EndsWith("nothing was sent", run.StderrLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("cannot reach", run.Stderr, StringComparison.Ordinal);
    }
}
