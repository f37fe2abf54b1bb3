using Pipeline.Identity;

namespace Pipeline.UnitTests.Identity;

public class IdentityKeysTests
{
    [Fact]
    public void Keys_are_the_meta_variants()
    {
        var hashed = UserDataHasher.Hash(
            new RawUserData { Email = "Jane.Doe@gmail.com", Phone = "(650)555-1212", ExternalId = "ABC" }, "US");

        Assert.Equal(UserDataHasher.Sha256Hex("jane.doe@gmail.com"), IdentityKeys.EmailKey(hashed));
        Assert.Equal(UserDataHasher.Sha256Hex("16505551212"), IdentityKeys.PhoneKey(hashed));
        Assert.Equal(UserDataHasher.Sha256Hex("abc"), IdentityKeys.ExternalIdKey(hashed));
    }

    [Fact]
    public void Browser_hash_by_meta_rules_meets_the_server_key()
    {
        var browser = UserDataHasher.Hash(new RawUserData { Email = UserDataHasher.Sha256Hex("jane.doe@gmail.com") }, null);
        var server = UserDataHasher.Hash(new RawUserData { Email = " Jane.Doe@Gmail.com" }, null);

        Assert.Equal(IdentityKeys.EmailKey(server), IdentityKeys.EmailKey(browser));
    }

    [Fact]
    public void Missing_identifiers_have_no_key()
    {
        var hashed = UserDataHasher.Hash(new RawUserData(), null);

        Assert.Null(IdentityKeys.EmailKey(hashed));
        Assert.Null(IdentityKeys.PhoneKey(hashed));
        Assert.Null(IdentityKeys.ExternalIdKey(hashed));
    }
}
