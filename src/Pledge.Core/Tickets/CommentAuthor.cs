namespace Pledge.Tickets;

/// <summary>Who wrote a comment.</summary>
public enum CommentAuthor
{
    /// <summary>Someone on the provider's side.</summary>
    Agent,

    /// <summary>The customer's contact.</summary>
    Customer,
}
