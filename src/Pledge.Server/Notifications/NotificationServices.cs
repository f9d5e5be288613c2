namespace Pledge.Server.Notifications;

/// <summary>Registers notifications: the outbox, its dispatcher, the webhook and SMTP senders, metrics and settings.</summary>
internal static class NotificationServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        // Read when first needed, not now: configuration a host adds after Program's builder (tests, hosting) counts too.
        services.AddSingleton(sp => NotificationOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<RepositorySnapshot>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<EmailSender>();
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<NotificationOptions>().Timeout)

            // A redirect would send the signed body somewhere the channel does not name.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddHostedService<NotificationDispatcher>();
        return services;
    }
}
