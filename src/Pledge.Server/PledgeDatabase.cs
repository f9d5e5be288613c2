using Pledge.Storage;

namespace Pledge.Server;

/// <summary>
/// The server's one <see cref="PledgeStore"/>: opened (and migrated) when the host starts, before requests are
/// served, and loaded with the sample when <c>--demo</c> finds it empty. Requests await <see cref="GetAsync"/>.
/// </summary>
internal sealed class PledgeDatabase(IConfiguration configuration, TimeProvider timeProvider, IHostEnvironment environment)
    : IHostedService, IAsyncDisposable
{
    private readonly Lazy<Task<PledgeStore>> _store = new(() => OpenAsync(configuration, timeProvider, environment));

    /// <summary>Where the database is, safe to print (never a password); empty before it is open.</summary>
    public string Location => _store.IsValueCreated && _store.Value.IsCompletedSuccessfully ? _store.Value.Result.Location : string.Empty;

    /// <summary>The open store.</summary>
    public Task<PledgeStore> GetAsync() => _store.Value;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken) => await GetAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_store.IsValueCreated && _store.Value.IsCompletedSuccessfully)
        {
            await _store.Value.Result.DisposeAsync();
        }
    }

    private static async Task<PledgeStore> OpenAsync(IConfiguration configuration, TimeProvider timeProvider, IHostEnvironment environment)
    {
        var database = configuration[ServerOptions.DatabaseKey];
        var store = await PledgeStore.OpenAsync(string.IsNullOrWhiteSpace(database) ? ServerOptions.DefaultDatabase : database, timeProvider);
        try
        {
            if (bool.TryParse(configuration[ServerOptions.DemoKey], out var demo) && demo)
            {
                var folder = DemoSample.Find(configuration[ServerOptions.DemoDirectoryKey], environment.ContentRootPath);
                var loaded = await DemoSample.LoadIfEmptyAsync(store, folder);
                if (loaded is { } l)
                {
                    Console.WriteLine($"Loaded the demo from {folder}: {l.Documents} documents, {l.Events} events");
                }
                else
                {
                    Console.WriteLine("The database already has a repository: the demo was not loaded again");
                }
            }
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        return store;
    }
}
