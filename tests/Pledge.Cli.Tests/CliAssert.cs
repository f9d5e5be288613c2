namespace Pledge.Tests;

/// <summary>Assertions shared by the error tests.</summary>
public static class CliAssert
{
    /// <summary>
    /// The run failed with <paramref name="exitCode"/>, printed nothing on stdout, and its last stderr line starts with
    /// <paramref name="messageStart"/>; no stack trace.
    /// </summary>
    public static void Fails(PledgeRun run, int exitCode, string messageStart)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.True(run.Stdout.Length == 0, run.ToString());
        Assert.True(run.StderrLines.Count > 0 && run.StderrLines[^1].StartsWith(messageStart, StringComparison.Ordinal), run.ToString());
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }
}
