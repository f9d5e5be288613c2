namespace Pledge.Cli.Infrastructure;

/// <summary>The process's text and byte streams, injected so that tests can run commands in memory.</summary>
internal sealed record CliStreams(TextWriter Output, TextWriter Error, Func<Stream> OpenInput, Func<Stream> OpenOutput);
