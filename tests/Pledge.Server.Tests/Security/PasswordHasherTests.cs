using Pledge.Server.Security;

namespace Pledge.Server.Tests.Security;

/// <summary>Argon2id hashes: never the password, salted, carrying their parameters, verified in constant time.</summary>
public sealed class PasswordHasherTests
{
    private static readonly PasswordHasher Hasher = new();

    [Fact]
    public void A_hash_is_not_the_password_holds_its_parameters_and_verifies_only_the_password()
    {
        const string password = "correct horse battery staple";

        var hash = Hasher.Hash(password);

        Assert.NotEqual(password, hash);
        Assert.DoesNotContain(password, hash, StringComparison.Ordinal);
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash, StringComparison.Ordinal);
        Assert.True(Hasher.Verify(password, hash));
        Assert.False(Hasher.Verify(password + " ", hash));
        Assert.False(Hasher.Verify("Correct horse battery staple", hash));
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time()
    {
        var first = Hasher.Hash("correct horse battery staple");
        var second = Hasher.Hash("correct horse battery staple");

        Assert.NotEqual(first, second);
        Assert.True(Hasher.Verify("correct horse battery staple", second));
    }

    [Fact]
    public void A_hash_made_with_weaker_parameters_still_verifies_and_asks_to_be_rehashed()
    {
        var weak = new PasswordHasher(memoryKib: 1024, iterations: 1);
        var old = weak.Hash("correct horse battery staple");

        Assert.True(Hasher.Verify("correct horse battery staple", old));
        Assert.True(Hasher.NeedsRehash(old));
        Assert.False(Hasher.NeedsRehash(Hasher.Hash("correct horse battery staple")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$bm90IGJhc2U2NA$")]
    [InlineData("$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,t=0,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    public void A_missing_or_unreadable_hash_verifies_nothing(string? stored)
    {
        Assert.False(Hasher.Verify("correct horse battery staple", stored));
    }
}
