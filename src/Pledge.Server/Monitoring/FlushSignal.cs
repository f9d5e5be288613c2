namespace Pledge.Server.Monitoring;

/// <summary>Someone waits for the signals before this one to be handled.</summary>
internal sealed class FlushSignal(TaskCompletionSource done) : Signal
{
    public TaskCompletionSource Done { get; } = done;
}
