namespace Pledge.Storage.Tests;

/// <summary>The payloads of the <c>pledge_events</c> notifications, as the triggers write them.</summary>
public sealed class FeedNoticeTests
{
    [Theory]
    [InlineData("12-12", FeedNoticeKind.Events, 12, 12)]
    [InlineData("7-10007", FeedNoticeKind.Events, 7, 10007)]
    [InlineData("documents", FeedNoticeKind.Documents, 0, 0)]
    [InlineData("", FeedNoticeKind.Anything, 0, 0)]
    [InlineData(null, FeedNoticeKind.Anything, 0, 0)]
    [InlineData("9-3", FeedNoticeKind.Anything, 0, 0)]
    [InlineData("-3", FeedNoticeKind.Anything, 0, 0)]
    [InlineData("3-", FeedNoticeKind.Anything, 0, 0)]
    [InlineData("3-x", FeedNoticeKind.Anything, 0, 0)]
    [InlineData("+3-4", FeedNoticeKind.Anything, 0, 0)]
    [InlineData("Documents", FeedNoticeKind.Anything, 0, 0)]
    public void A_payload_reads_as_the_sequences_appended_the_documents_or_anything_when_it_is_not_understood(string? payload, FeedNoticeKind kind, long first, long last) =>
        Assert.Equal(new FeedNotice(kind, first, last), FeedNotice.Parse(payload));
}
