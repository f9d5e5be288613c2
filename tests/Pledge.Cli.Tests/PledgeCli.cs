using System.Diagnostics;
using System.Text;

namespace Pledge.Tests;

/// <summary>What one run of the real <c>pledge</c> process gave.</summary>
public sealed record PledgeRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Standard output split into lines, without the line ends and without a last empty line.</summary>
    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    /// <summary>Standard error split into lines, without the line ends and without a last empty line.</summary>
    public IReadOnlyList<string> StderrLines => Lines(Stderr);

    /// <summary>Shown by assertion messages, so that a failure says what the process printed.</summary>
    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Clip(Stdout)}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Clip(Stderr)}";

    internal static IReadOnlyList<string> Lines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static string Clip(string text) => text.Length <= 4000 ? text : string.Concat(text.AsSpan(0, 4000), "…");
}

/// <summary>
/// Runs the real <c>pledge</c> command (the <c>pledge.dll</c> built beside the tests) as a child process:
/// writes stdin, reads stdout and stderr fully and concurrently, and waits with a timeout.
/// </summary>
public static class PledgeCli
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The built command, copied into the test output by the project reference.</summary>
    public static string PledgeDll { get; } = Path.Combine(AppContext.BaseDirectory, "pledge.dll");

    /// <summary>The repository root: the first folder above the test output that holds Pledge.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A path under the repository root.</summary>
    public static string Repo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    /// <summary>Runs <c>pledge args…</c> with an empty stdin.</summary>
    public static Task<PledgeRun> RunAsync(params string[] args) => RunBytesAsync(args, null);

    /// <summary>Runs <c>pledge args…</c> with <paramref name="stdin"/> (if any) written as UTF-8 without a byte order mark.</summary>
    public static Task<PledgeRun> RunAsync(IEnumerable<string> args, string? stdin, string? workingDirectory = null, TimeSpan? timeout = null) =>
        RunBytesAsync(args, stdin is null ? null : Utf8.GetBytes(stdin), workingDirectory, timeout);

    /// <summary>Runs <c>pledge args…</c> with <paramref name="stdin"/> written as raw bytes (or nothing).</summary>
    public static async Task<PledgeRun> RunBytesAsync(IEnumerable<string> args, byte[]? stdin, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? RepoRoot,
        };
        start.ArgumentList.Add(PledgeDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pledge did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var writer = WriteInputAsync(process, stdin);

        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"pledge {string.Join(' ', args)} did not finish within {timeout ?? DefaultTimeout}");
        }

        await writer;
        return new PledgeRun(process.ExitCode, await stdout, await stderr);
    }

    private static async Task WriteInputAsync(Process process, byte[]? stdin)
    {
        try
        {
            var input = process.StandardInput.BaseStream;
            if (stdin is { Length: > 0 })
            {
                await input.WriteAsync(stdin);
                await input.FlushAsync();
            }
        }
        catch (IOException)
        {
            // The process stopped reading (it failed before reading stdin, say): its exit code tells.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Closing a pipe whose reader is gone.
            }
        }
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        return "dotnet";
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pledge.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Pledge.sln above {AppContext.BaseDirectory}");
    }
}
