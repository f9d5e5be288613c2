using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Pledge.Server.Notifications;

/// <summary>
/// The JSON document a notification delivers (the webhook body, docs/notifications.md), written once when it is
/// queued so every retry sends the same bytes, and the plain-text e-mail written from it.
/// </summary>
internal static class NotificationPayload
{
    /// <summary>The payload of notification <paramref name="id"/> about <paramref name="notice"/>.</summary>
    public static string Build(string id, AlertNotice notice, string recipient, string reason)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("event", "alert." + notice.Kind);
            json.WriteStartObject("alert");
            json.WriteString("id", notice.AlertId);
            json.WriteString("kind", notice.Kind);
            if (notice.Share is { } share)
            {
                json.WriteNumber("share", share);
            }
            else
            {
                json.WriteNull("share");
            }

            json.WriteString("due", Iso(notice.Due));
            json.WriteString("firedAt", Iso(notice.FiredAt));
            json.WriteString("text", notice.Text);
            json.WriteEndObject();
            json.WriteStartObject("agreement");
            json.WriteString("id", notice.Agreement);
            json.WriteNumber("version", notice.AgreementVersion);
            json.WriteEndObject();
            json.WriteString("target", notice.Target);
            WriteOptional(json, "customer", notice.Customer);
            WriteOptional(json, "service", notice.Service);
            WriteOptional(json, "priority", notice.Priority);
            WriteOptional(json, "ticket", notice.Ticket);
            json.WriteString("recipient", recipient);
            json.WriteString("reason", reason);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The e-mail's subject and plain-text body: what is at risk or breached, when, and why it is sent.</summary>
    public static (string Subject, string Body) Email(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var alert = root.GetProperty("alert");
        var kind = alert.GetProperty("kind").GetString();
        var share = alert.GetProperty("share").ValueKind == JsonValueKind.Number ? alert.GetProperty("share").GetDouble() : (double?)null;
        var agreement = root.GetProperty("agreement");
        var agreementText = string.Create(CultureInfo.InvariantCulture, $"{agreement.GetProperty("id").GetString()} v{agreement.GetProperty("version").GetInt32()}");
        var target = root.GetProperty("target").GetString();
        var ticket = Optional(root, "ticket");
        var customer = Optional(root, "customer");
        var due = alert.GetProperty("due").GetString();
        var percent = share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100:0.##}%") : null;
        var what = ticket is null ? $"target {target}" : $"ticket {ticket} on target {target}";
        var (title, headline) = kind switch
        {
            "breach" => ("Breach", $"{what} is breached: its deadline was {due}."),
            "warning" => ("At risk", percent is null
                ? $"{what} is at risk: it breaches at {due}."
                : $"{what} is at risk: it has used {percent} of its allowed time and breaches at {due}."),
            "budget" => ("Error budget", percent is null
                ? $"{what} is spending its error budget."
                : $"{what} has spent {percent} of its error budget."),
            _ => ("Alert", $"{what}: {kind}."),
        };

        var subject = $"[Pledge] {title}: {target}{(ticket is null ? string.Empty : " on " + ticket)}{(customer is null ? string.Empty : $" ({customer})")}";
        var body = new StringBuilder()
            .Append(char.ToUpperInvariant(headline[0])).Append(headline.AsSpan(1)).Append("\r\n\r\n")
            .Append("Agreement:  ").Append(agreementText).Append("\r\n")
            .Append("Target:     ").Append(target).Append("\r\n");
        foreach (var (label, name) in new[] { ("Customer:   ", "customer"), ("Service:    ", "service"), ("Priority:   ", "priority"), ("Ticket:     ", "ticket") })
        {
            if (Optional(root, name) is { } value)
            {
                body.Append(label).Append(value).Append("\r\n");
            }
        }

        body.Append("Due:        ").Append(due).Append("\r\n")
            .Append("Fired at:   ").Append(alert.GetProperty("firedAt").GetString()).Append("\r\n")
            .Append("What:       ").Append(alert.GetProperty("text").GetString()).Append("\r\n\r\n")
            .Append("Why you get this: the escalation rule \"").Append(root.GetProperty("reason").GetString())
            .Append("\" of ").Append(agreementText).Append(".\r\n")
            .Append("Notification ").Append(root.GetProperty("id").GetString()).Append(", alert ").Append(alert.GetProperty("id").GetString()).Append(".\r\n");
        return (subject, body.ToString());
    }

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
