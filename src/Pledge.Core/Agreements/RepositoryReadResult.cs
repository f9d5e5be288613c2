using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Pledge.Agreements;

/// <summary>A repository, or every problem that stops it; warnings in both cases.</summary>
public sealed record RepositoryReadResult(ServiceLevelRepository? Repository, ImmutableArray<RepositoryProblem> Problems)
{
    /// <summary>Whether the repository is valid (warnings allowed).</summary>
    [MemberNotNullWhen(true, nameof(Repository))]
    public bool IsValid => Repository is not null;
}
