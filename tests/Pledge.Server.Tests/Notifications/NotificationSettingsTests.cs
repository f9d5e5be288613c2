using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Pledge.Server.Notifications;

namespace Pledge.Server.Tests.Notifications;

/// <summary>Delivery settings as options or environment variables, and the back-off they give.</summary>
public sealed class NotificationSettingsTests
{
    private static NotificationOptions Read(params (string Key, string Value)[] values) =>
        NotificationOptions.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Without_settings_the_defaults_apply()
    {
        var options = Read();

        Assert.Equal(8, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(30), options.FirstRetry);
        Assert.Equal(TimeSpan.FromHours(1), options.MaxRetry);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.Null(options.SmtpHost);
        Assert.Equal(587, options.SmtpPort);
        Assert.Equal(SecureSocketOptions.Auto, options.SmtpTls);
    }

    [Fact]
    public void Command_line_names_and_environment_names_are_both_read()
    {
        var options = Read(("smtp-host", "mail.example"), ("SMTP_PORT", "2525"), ("SMTP_TLS", "starttls"), ("NOTIFY_MAX_ATTEMPTS", "3"), ("smtp-password", "pw"));

        Assert.Equal("mail.example", options.SmtpHost);
        Assert.Equal(2525, options.SmtpPort);
        Assert.Equal(SecureSocketOptions.StartTls, options.SmtpTls);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal("pw", options.SmtpPassword);
    }

    [Theory]
    [InlineData("notify-max-attempts", "0")]
    [InlineData("notify-max-attempts", "many")]
    [InlineData("notify-first-retry", "-1")]
    [InlineData("notify-timeout", "forever")]
    [InlineData("smtp-port", "70000")]
    [InlineData("smtp-tls", "maybe")]
    [InlineData("smtp-from", "pledge at provider")]
    public void A_malformed_setting_is_refused_naming_it(string key, string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read((key, value)));

        Assert.StartsWith($"{key} is \"{value}\"", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0.0, 24)]
    [InlineData(1, 0.5, 30)]
    [InlineData(1, 0.999999, 36)]
    [InlineData(2, 0.5, 60)]
    [InlineData(5, 0.5, 480)]
    [InlineData(7, 0.5, 1920)]
    [InlineData(8, 0.5, 3600)]
    [InlineData(60, 0.0, 3600)]
    public void Retries_double_with_jitter_up_to_the_maximum(int attempt, double random, double seconds)
    {
        var wait = RetrySchedule.After(attempt, new NotificationOptions(), random);

        Assert.Equal(seconds, wait.TotalSeconds, precision: 3);
    }
}
