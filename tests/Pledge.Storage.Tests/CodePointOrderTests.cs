using System.Text;

namespace Pledge.Storage.Tests;

/// <summary>The order PostgreSQL batches are written in must be the order of <c>COLLATE "C"</c>: UTF-8 bytes.</summary>
public sealed class CodePointOrderTests
{
    [Fact]
    public void Ids_sort_as_their_utf8_bytes_do_including_characters_beyond_the_basic_plane()
    {
        string[] ids = ["a", "ab", "b", "B", "", "é", "\uE000", "\uFFFD", "😀", "😀a", "𐀀", "a😀", "a\uFFFF", "z", "~", "T-10", "T-9"];
        var random = new Random(5);
        for (var round = 0; round < 50; round++)
        {
            var shuffled = ids.ToArray();
            random.Shuffle(shuffled);

            Array.Sort(shuffled, PostgresDialect.CodePointOrder);

            var byBytes = ids.OrderBy(id => Encoding.UTF8.GetBytes(id), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).ToArray();
            Assert.Equal(byBytes, shuffled);
        }
    }
}
