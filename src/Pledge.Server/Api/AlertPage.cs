namespace Pledge.Server.Api;

/// <summary>One page of alerts.</summary>
/// <param name="Alerts">The alerts, in the order raised.</param>
/// <param name="Next">The <c>after</c> of the next page; null when this page is the last.</param>
internal sealed record AlertPage(IReadOnlyList<AlertBody> Alerts, long? Next);
