using Pledge.Agreements;
using Pledge.Storage;

namespace Pledge.Server.Notifications;

/// <summary>
/// The stored service-level repository, parsed once per change: the outbox needs its escalation rules and contacts
/// for every alert, and alerts come in bursts (thousands of clocks can breach at one instant).
/// </summary>
/// <remarks>
/// Within <see cref="Fresh"/> of the last look the parsed repository is reused without reading the documents again,
/// so a burst reads them once; a change to the repository reaches notifications at most that much later.
/// </remarks>
internal sealed class RepositorySnapshot
{
    /// <summary>How long a look at the stored documents stays good (real elapsed time, not the injected clock: it is a cache, not a deadline).</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private string? _fingerprint;
    private ServiceLevelRepository? _repository;
    private long _lookedAt = long.MinValue;

    /// <summary>The repository stored now, or null when there is none or it is invalid.</summary>
    public async Task<ServiceLevelRepository?> GetAsync(PledgeStore store, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_fingerprint is not null && Environment.TickCount64 - _lookedAt < (long)Fresh.TotalMilliseconds)
            {
                return _repository;
            }
        }

        var documents = await store.Documents.ListAsync(null, cancellationToken);
        var fingerprint = string.Join('\n', documents.Select(d => $"{d.Path}\t{d.Version}"));
        lock (_gate)
        {
            if (string.Equals(fingerprint, _fingerprint, StringComparison.Ordinal))
            {
                _lookedAt = Environment.TickCount64;
                return _repository;
            }
        }

        var read = ServiceLevelRepositoryReader.Read(new InMemoryRepositorySource(documents.ToDictionary(d => d.Path, d => d.Content, StringComparer.Ordinal)));
        lock (_gate)
        {
            _fingerprint = fingerprint;
            _repository = read.Repository;
            _lookedAt = Environment.TickCount64;
        }

        return read.Repository;
    }
}
