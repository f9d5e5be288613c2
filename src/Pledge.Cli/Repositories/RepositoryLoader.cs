using System.Globalization;
using Pledge.Agreements;
using Pledge.Cli.Infrastructure;

namespace Pledge.Cli.Repositories;

/// <summary>Reads a repository folder for a command; prints every problem and fails when it is not valid.</summary>
internal static class RepositoryLoader
{
    public static RepositoryReadResult Read(string? folder, CliStreams streams, bool printWarnings = true)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new CliException("--repo is required: the folder of a service-level repository", PledgeApp.UsageError);
        }

        if (!Directory.Exists(folder))
        {
            throw new CliException($"\"{folder}\" is not a folder");
        }

        RepositoryReadResult result;
        try
        {
            result = ServiceLevelRepositoryReader.Read(new DiskRepositorySource(folder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read the repository \"{folder}\": {e.Message}");
        }

        foreach (var problem in result.Problems.Where(p => printWarnings || !p.IsWarning))
        {
            streams.Error.WriteLine(Path.Combine(folder, problem.ToString()));
        }

        return result;
    }

    public static ServiceLevelRepository Load(string? folder, CliStreams streams)
    {
        var result = Read(folder, streams, printWarnings: false);
        if (!result.IsValid)
        {
            var errors = result.Problems.Count(p => !p.IsWarning);
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{folder} is not a valid repository ({errors} problem{(errors == 1 ? string.Empty : "s")}); nothing was evaluated"));
        }

        return result.Repository;
    }
}
