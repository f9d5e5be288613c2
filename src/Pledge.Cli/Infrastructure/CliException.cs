namespace Pledge.Cli.Infrastructure;

/// <summary>An error the user can act on: printed to stderr as "error: …", with an exit code.</summary>
internal sealed class CliException(string message, int exitCode = PledgeApp.InputError) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
