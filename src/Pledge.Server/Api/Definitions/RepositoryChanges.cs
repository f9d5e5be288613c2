using System.Collections.Immutable;
using Pledge.Agreements;
using Pledge.Storage;

namespace Pledge.Server.Api.Definitions;

/// <summary>
/// Every write to the repository goes through here: the change is worked out from the stored files inside the
/// store's write transaction, checked against the agreement lifecycle, laid over the stored files and validated
/// whole with Core's reader; only then are the changed files stored, with the audit entry, in that transaction.
/// </summary>
internal static class RepositoryChanges
{
    /// <summary>What to change: files to write (whole texts by path) and paths to delete; or why not.</summary>
    /// <param name="Writes">Whole new texts by path.</param>
    /// <param name="Deletes">Paths to delete.</param>
    /// <param name="Refusal">The answer when the change is refused before validation (nothing is stored).</param>
    /// <param name="InvalidIsConflict">Answer an invalid result with 409 (a delete something still references) instead of 422.</param>
    /// <param name="Audit">The audit entry to record instead of the one given to <see cref="ApplyAsync"/> (its detail known only now).</param>
    /// <param name="Transition">Whether this is a lifecycle transition, which may also end a settled version (its <c>effective.until</c>).</param>
    public sealed record Plan(
        IReadOnlyDictionary<string, string> Writes,
        IReadOnlyCollection<string> Deletes,
        IResult? Refusal = null,
        bool InvalidIsConflict = false,
        DocumentAudit? Audit = null,
        bool Transition = false)
    {
        public static Plan Refuse(IResult refusal) => new(new Dictionary<string, string>(), [], refusal);
    }

    /// <summary>What a change did.</summary>
    /// <param name="Refusal">The problem to answer when nothing was stored; null on success.</param>
    /// <param name="Outcomes">What was done to each file.</param>
    /// <param name="Warnings">The validation's warnings.</param>
    /// <param name="Repository">The repository as it is after the change.</param>
    public sealed record Result(IResult? Refusal, IReadOnlyList<DocumentOutcome> Outcomes, ImmutableArray<RepositoryProblem> Warnings, ServiceLevelRepository? Repository);

    /// <summary>Works out, checks, validates and stores a change.</summary>
    /// <param name="store">The store.</param>
    /// <param name="plan">Given the stored files (text by path), what to change.</param>
    /// <param name="actor">Who changes it.</param>
    /// <param name="audit">The audit entry recorded with it.</param>
    /// <param name="dryRun">Check everything and say what would change, storing nothing.</param>
    /// <param name="cancellationToken">Cancels it; nothing is stored then.</param>
    public static async Task<Result> ApplyAsync(
        PledgeStore store, Func<IReadOnlyDictionary<string, string>, Plan> plan, string actor, DocumentAudit audit, bool dryRun, CancellationToken cancellationToken)
    {
        IResult? refusal = null;
        RepositoryReadResult? read = null;
        var outcomes = await store.Documents.ChangeAsync(
            live =>
            {
                var files = live.ToDictionary(d => d.Key, d => d.Value.Content, StringComparer.Ordinal);
                var change = plan(files);
                if (change.Refusal is not null)
                {
                    refusal = change.Refusal;
                    return null;
                }

                var merged = new Dictionary<string, string>(files, StringComparer.Ordinal);
                foreach (var path in change.Deletes)
                {
                    merged.Remove(path);
                }

                foreach (var (path, text) in change.Writes)
                {
                    merged[path] = text;
                }

                var violations = AgreementLifecycle.Violations(files, merged, change.Transition);
                if (violations.Count > 0)
                {
                    refusal = Problems.Lifecycle(violations);
                    return null;
                }

                read = ServiceLevelRepositoryReader.Read(new InMemoryRepositorySource(merged));
                if (!read.IsValid)
                {
                    refusal = Problems.Invalid(read.Problems, change.InvalidIsConflict);
                    return null;
                }

                return new DocumentBatch(
                    [.. change.Writes.Select(w => new DocumentWrite(w.Key, RepositoryDocuments.KindOf(w.Key), w.Value))],
                    [.. change.Deletes.Where(files.ContainsKey)],
                    change.Audit ?? audit);
            },
            actor,
            dryRun,
            cancellationToken);
        return outcomes is null
            ? new Result(refusal, [], [], null)
            : new Result(null, outcomes, [.. read!.Problems.Where(p => p.IsWarning)], read.Repository);
    }
}
