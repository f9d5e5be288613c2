namespace Pledge.Series;

/// <summary>How a value must compare with its threshold to pass (written &lt;=, &gt;=, &lt;, &gt;).</summary>
public enum Comparison
{
    /// <summary>value ≤ threshold ("&lt;= 8").</summary>
    AtMost,

    /// <summary>value ≥ threshold ("&gt;= 8").</summary>
    AtLeast,

    /// <summary>value &lt; threshold ("&lt; 8").</summary>
    Below,

    /// <summary>value &gt; threshold ("&gt; 8").</summary>
    Above,
}
