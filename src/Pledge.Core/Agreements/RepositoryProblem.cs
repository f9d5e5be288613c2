namespace Pledge.Agreements;

/// <summary>One problem in a service-level repository, with the file, line and field it is at.</summary>
public sealed record RepositoryProblem(string File, int Line, int Column, string Field, string Message, bool IsWarning = false)
{
    /// <summary>"agreements/acme.yaml:12:7: versions[0].targets[1].thresholds.P1: "4x" is not a duration".</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var field = string.IsNullOrEmpty(Field) ? string.Empty : $"{Field}: ";
        return $"{where}: {(IsWarning ? "warning: " : string.Empty)}{field}{Message}";
    }
}
