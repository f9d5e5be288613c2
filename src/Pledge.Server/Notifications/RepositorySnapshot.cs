using Pledge.Agreements;
using Pledge.Storage;

namespace Pledge.Server.Notifications;

/// <summary>
/// The stored service-level repository, read once per change: the outbox needs its escalation rules and contacts
/// for every alert, and alerts come in bursts.
/// </summary>
internal sealed class RepositorySnapshot
{
    private readonly Lock _gate = new();
    private string? _fingerprint;
    private ServiceLevelRepository? _repository;

    /// <summary>The repository stored now, or null when there is none or it is invalid.</summary>
    public async Task<ServiceLevelRepository?> GetAsync(PledgeStore store, CancellationToken cancellationToken)
    {
        var documents = await store.Documents.ListAsync(null, cancellationToken);
        var fingerprint = string.Join('\n', documents.Select(d => $"{d.Path}\t{d.Version}"));
        lock (_gate)
        {
            if (string.Equals(fingerprint, _fingerprint, StringComparison.Ordinal))
            {
                return _repository;
            }
        }

        var read = ServiceLevelRepositoryReader.Read(new InMemoryRepositorySource(documents.ToDictionary(d => d.Path, d => d.Content, StringComparer.Ordinal)));
        lock (_gate)
        {
            _fingerprint = fingerprint;
            _repository = read.Repository;
        }

        return read.Repository;
    }
}
