using Pipeline.Identity;

namespace Pipeline.UnitTests.Identity;

public class TikTokNormalizerTests
{
    [Theory]
    [InlineData(" ALICE_abc@gmail.com ", "alice_abc@gmail.com")]
    [InlineData("Jane.Doe+shop@gmail.com", "jane.doe+shop@gmail.com")]
    public void Email_is_trimmed_and_lowercased_without_gmail_rewriting(string input, string expected) =>
        Assert.Equal(expected, TikTokNormalizer.Email(input));

    [Fact]
    public void Email_that_is_not_an_email_is_dropped() => Assert.Null(TikTokNormalizer.Email("alice at gmail"));

    [Theory]
    [InlineData("(+1)2133734253", null, "+12133734253")]
    [InlineData("(+1)2133734253", "FR", "+12133734253")]
    [InlineData("213-373-4253", "US", "+12133734253")]
    public void Phone_is_e164_with_plus(string input, string? region, string expected) =>
        Assert.Equal(expected, TikTokNormalizer.Phone(input, region));

    [Theory]
    [InlineData("  User123 ", "User123")]
    [InlineData("\uFEFFABC-9", "ABC-9")]
    public void External_id_is_trimmed_with_its_case_kept(string input, string expected) =>
        Assert.Equal(expected, TikTokNormalizer.ExternalId(input));

    [Fact]
    public void Fields_tiktok_does_not_document_keep_no_variant()
    {
        Assert.Null(TikTokNormalizer.FirstName("Dana"));
        Assert.Null(TikTokNormalizer.LastName("Miller"));
        Assert.Null(TikTokNormalizer.City("New York"));
        Assert.Null(TikTokNormalizer.State("CA", "US"));
        Assert.Null(TikTokNormalizer.Zip("94025", "US"));
        Assert.Null(TikTokNormalizer.Country("US"));
        Assert.Null(TikTokNormalizer.Gender("f"));
        Assert.Null(TikTokNormalizer.DateOfBirth("1990-05-17"));
    }
}
