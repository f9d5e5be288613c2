using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Pledge.Server.Tests;

/// <summary>A fake time for a test server: the store's <see cref="TimeProvider"/> and the API's <see cref="IClock"/> read the same instant.</summary>
internal sealed class FakeClock(DateTimeOffset start) : IClock
{
    public FakeTimeProvider Time { get; } = new(start);

    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(Time.GetUtcNow());

    /// <summary>Replaces the server's clocks with this one.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IClock>(this);
    }
}
