using System.Text.Json;
using Pipeline.Identity;

namespace Pipeline.UnitTests.Identity;

public class UserDataHasherTests
{
    // Literal hashes checked with: printf %s 'value' | sha256sum
    private const string DanamAtExampleCom = "1df6b43bc68dd38eca94e6a65b4f466ae537b796c81a526918b40ac4a7b906c7";
    private const string AliceAbcAtGmail = "848a771458438fc2ec420560d769fb9b9b86851ee338ec56517baabd79d3bb4f";
    private const string AliceabcAtGmailWithoutDot = "2a0bd7a6f3f7b9abdf4c527f5ea034a59dd64d1fa43183e0f2cf63640ee10b30";
    private const string TestAtExampleCom = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b";
    private const string Digits16505551212 = "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176";
    private const string E164Plus16505551212 = "1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8";
    private const string E164Plus18005550100 = "fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30";
    private const string E164Plus12133734253 = "9f7ec22d72092cd3c0b58726ed9c2d91b92e51a3f29837508fb2948bb22dd2fd";
    private const string Valery = "08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c";
    private const string NewYork = "350c754ba4d38897693aa077ef43072a859d23f613443133fecbbd90a3512ca5";
    private const string Gb = "0b407281768f0e833afef47ed464b6571d01ca4d53c12ce5c51d1462f4ad6677";
    private const string Zip94025 = "b9a9cf3cd3723a2e91b7c23ecf68456e872b6e5d86e5cab7f3d45a7302da32c7";
    private const string Sw1a1aa = "830e1d4b9838bab1f5c2acdb23e0b502ff13a9832c4632e8d67a1d43d3b7f614";
    private const string F = "252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111";
    private const string Dob19900517 = "7eaa6e2f3dca12acc11ad21625299f660e38a7510de1e12cf2013dd5274d2926";
    private const string LowerUser123 = "e606e38b0d8c19b24cf0ee3808183162ea7cd63ff7912dbb22b5e803286b4446";
    private const string CasedUser123 = "a61a8adf60038792a2cb88e670b20540a9d6c2ca204ab754fc768950e79e7d36";
    private const string DottedLowerI = "fbbdb347060082cf4e72cdc5f02679dd809ebf4e6c601933e858d954a65f5e73";

    [Theory]
    [InlineData("test@example.com", TestAtExampleCom)]
    [InlineData("danam@example.com", DanamAtExampleCom)]
    [InlineData("16505551212", Digits16505551212)]
    [InlineData("i\u0307", DottedLowerI)]
    public void Sha256Hex_is_lowercase_hex_of_utf8_bytes(string normalized, string expected) =>
        Assert.Equal(expected, UserDataHasher.Sha256Hex(normalized));

    [Fact]
    public void TikTok_documented_email_example_gets_the_same_hash_from_every_rule_set()
    {
        var hashed = UserDataHasher.Hash(new RawUserData { Email = " ALICE_abc@gmail.com " }, "US");

        Assert.Equal(AliceAbcAtGmail, hashed.Email![HashRules.Meta]);
        Assert.Equal(AliceAbcAtGmail, hashed.Email[HashRules.Google]);
        Assert.Equal(AliceAbcAtGmail, hashed.Email[HashRules.TikTok]);
    }

    [Fact]
    public void Gmail_dot_and_plus_tag_are_stripped_for_google_only()
    {
        var hashed = UserDataHasher.Hash(new RawUserData { Email = "Alice.ABC+shop@gmail.com" }, null);

        Assert.Equal(AliceabcAtGmailWithoutDot, hashed.Email![HashRules.Google]);
        Assert.Equal(UserDataHasher.Sha256Hex("alice.abc+shop@gmail.com"), hashed.Email[HashRules.Meta]);
        Assert.Equal(UserDataHasher.Sha256Hex("alice.abc+shop@gmail.com"), hashed.Email[HashRules.TikTok]);
    }

    [Fact]
    public void Google_documented_email_example_hashes_to_its_known_value()
    {
        var hashed = UserDataHasher.Hash(new RawUserData { Email = "DanaM@example.com" }, null);

        Assert.Equal(DanamAtExampleCom, hashed.Email!.For(HashRules.Google));
    }

    [Fact]
    public void Phone_without_country_code_uses_the_person_country_then_the_default_region()
    {
        var fromDefault = UserDataHasher.Hash(new RawUserData { Phone = "(650)555-1212" }, "US");
        var fromCountry = UserDataHasher.Hash(new RawUserData { Phone = "(650)555-1212", Country = "US" }, "DE");

        foreach (var hashed in new[] { fromDefault, fromCountry })
        {
            Assert.Equal(Digits16505551212, hashed.Phone![HashRules.Meta]);
            Assert.Equal(E164Plus16505551212, hashed.Phone[HashRules.Google]);
            Assert.Equal(E164Plus16505551212, hashed.Phone[HashRules.TikTok]);
        }
    }

    [Fact]
    public void Phone_with_plus_ignores_the_region()
    {
        var google = UserDataHasher.Hash(new RawUserData { Phone = "+1-800-555-0100", Country = "GB" }, "DE");
        var tikTok = UserDataHasher.Hash(new RawUserData { Phone = "(+1)2133734253" }, "FR");

        Assert.Equal(E164Plus18005550100, google.Phone![HashRules.Google]);
        Assert.Equal(E164Plus12133734253, tikTok.Phone![HashRules.TikTok]);
    }

    [Fact]
    public void Phone_that_cannot_be_read_is_dropped() =>
        Assert.Null(UserDataHasher.Hash(new RawUserData { Phone = "12" }, "US").Phone);

    [Fact]
    public void Address_and_profile_fields_follow_meta_rules_and_keep_only_the_meta_variant()
    {
        var hashed = UserDataHasher.Hash(new RawUserData
        {
            FirstName = "Valéry",
            City = "New York",
            State = "New York",
            Zip = "SW1A 1AA",
            Country = "UK",
            Gender = "Female",
            DateOfBirth = "1990-05-17",
        }, null);

        Assert.Equal(Valery, hashed.FirstName![HashRules.Meta]);
        Assert.Equal(UserDataHasher.Sha256Hex("valéry"), hashed.FirstName[HashRules.Google]);
        Assert.False(hashed.FirstName.ContainsKey(HashRules.TikTok));
        Assert.Equal(NewYork, hashed.City![HashRules.Meta]);
        Assert.Equal(NewYork, hashed.State![HashRules.Meta]);
        Assert.Equal(Sw1a1aa, hashed.Zip![HashRules.Meta]);
        Assert.Equal(Gb, hashed.Country![HashRules.Meta]);
        Assert.Equal(F, hashed.Gender![HashRules.Meta]);
        Assert.Equal(Dob19900517, hashed.DateOfBirth![HashRules.Meta]);
        foreach (var variants in new[] { hashed.City, hashed.State, hashed.Zip, hashed.Country, hashed.Gender, hashed.DateOfBirth })
            Assert.Equal([HashRules.Meta], variants.Keys);
    }

    [Fact]
    public void Us_zip_plus_four_keeps_five_digits_for_meta()
    {
        var hashed = UserDataHasher.Hash(new RawUserData { Zip = "94025-1234", Country = "US" }, null);

        Assert.Equal(Zip94025, hashed.Zip![HashRules.Meta]);
    }

    [Fact]
    public void External_id_is_lowercased_for_meta_and_kept_as_is_for_tiktok()
    {
        var hashed = UserDataHasher.Hash(new RawUserData { ExternalId = " User123 " }, null);

        Assert.Equal(LowerUser123, hashed.ExternalId![HashRules.Meta]);
        Assert.Equal(CasedUser123, hashed.ExternalId[HashRules.TikTok]);
        Assert.False(hashed.ExternalId.ContainsKey(HashRules.Google));
    }

    [Fact]
    public void Byte_order_mark_around_a_value_is_trimmed()
    {
        var hashed = UserDataHasher.Hash(new RawUserData { Email = "\uFEFFtest@example.com\uFEFF" }, null);

        Assert.Equal(TestAtExampleCom, hashed.Email![HashRules.Meta]);
        Assert.Equal(TestAtExampleCom, hashed.Email[HashRules.Google]);
        Assert.Equal(TestAtExampleCom, hashed.Email[HashRules.TikTok]);
    }

    [Fact]
    public void Turkish_dotted_capital_i_hashes_as_javascript_lowercases_it()
    {
        var hashed = UserDataHasher.Hash(new RawUserData { FirstName = "\u0130" }, null);

        Assert.Equal(DottedLowerI, hashed.FirstName![HashRules.Meta]);
        Assert.Equal(DottedLowerI, hashed.FirstName[HashRules.Google]);
    }

    [Fact]
    public void Pre_hashed_value_is_lowercased_and_kept_only_as_pre_hashed()
    {
        var upper = TestAtExampleCom.ToUpperInvariant();
        var hashed = UserDataHasher.Hash(new RawUserData { Email = $" {upper} ", Phone = Digits16505551212 }, "US");

        Assert.Equal([HashRules.PreHashed], hashed.Email!.Keys);
        Assert.Equal(TestAtExampleCom, hashed.Email[HashRules.PreHashed]);
        Assert.Equal(TestAtExampleCom, hashed.Email.For(HashRules.Meta));
        Assert.Equal(TestAtExampleCom, hashed.Email.For(HashRules.TikTok));
        Assert.Equal([HashRules.PreHashed], hashed.Phone!.Keys);
        Assert.Equal(Digits16505551212, hashed.Phone.For(HashRules.Google));
    }

    [Fact]
    public void Invalid_values_are_dropped_and_leave_their_fields_null()
    {
        var hashed = UserDataHasher.Hash(new RawUserData
        {
            Email = "not an email",
            Phone = "n/a",
            FirstName = "--",
            Country = "Atlantis",
            Gender = "x",
            DateOfBirth = "1990-13-40",
            ExternalId = "   ",
        }, "US");

        Assert.True(hashed.IsEmpty);
        Assert.Equal(new HashedUserData(), hashed);
    }

    [Fact]
    public void All_null_input_gives_empty_user_data()
    {
        var hashed = UserDataHasher.Hash(new RawUserData(), "US");

        Assert.True(hashed.IsEmpty);
        Assert.Equal(new HashedUserData(), hashed);
    }

    [Fact]
    public void Serialized_result_holds_no_plaintext_identifier()
    {
        var raw = new RawUserData
        {
            Email = "dana@example.com", Phone = "+16505551212", FirstName = "Dana", LastName = "Miller",
            Street = "1 Hacker Way", City = "Menlo Park", State = "CA", Zip = "94025", Country = "US",
            ExternalId = "customer-42",
        };

        var json = JsonSerializer.Serialize(UserDataHasher.Hash(raw, "US"));

        foreach (var plain in new[] { "dana", "6505551212", "miller", "hacker", "customer-42" })
            Assert.DoesNotContain(plain, json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Only_the_address_parts_google_takes_unhashed_are_kept_unhashed_and_only_in_google_address()
    {
        var raw = new RawUserData { Street = "1 Hacker Way", City = "Menlo Park", State = "CA", Zip = "94025", Country = "US" };

        var hashed = UserDataHasher.Hash(raw, "US");
        var withoutGoogleAddress = JsonSerializer.Serialize(hashed with { GoogleAddress = null });

        Assert.Equal(new GoogleAddress { City = "menlo park", Region = "ca", PostalCode = "94025", Country = "US" }, hashed.GoogleAddress);
        foreach (var plain in new[] { "menlo", "94025", "hacker" })
            Assert.DoesNotContain(plain, withoutGoogleAddress, StringComparison.OrdinalIgnoreCase);
    }
}
