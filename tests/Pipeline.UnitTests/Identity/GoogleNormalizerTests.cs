using Pipeline.Identity;

namespace Pipeline.UnitTests.Identity;

public class GoogleNormalizerTests
{
    [Theory]
    [InlineData("DanaM@example.com", "danam@example.com")]
    [InlineData("  dana m@example.com ", "danam@example.com")]
    [InlineData("Jane.Doe@Gmail.com", "janedoe@gmail.com")]
    [InlineData("jane.doe+shop@gmail.com", "janedoe@gmail.com")]
    [InlineData("j.a.n.e+a+b@googlemail.com", "jane@googlemail.com")]
    [InlineData("jane.doe+shop@example.com", "jane.doe+shop@example.com")]
    public void Email_is_lowercase_without_spaces_and_gmail_is_canonical(string input, string expected) =>
        Assert.Equal(expected, GoogleNormalizer.Email(input));

    [Theory]
    [InlineData("not an email")]
    [InlineData("+tag@gmail.com")]
    public void Email_that_is_not_an_email_is_dropped(string input) => Assert.Null(GoogleNormalizer.Email(input));

    [Theory]
    [InlineData("+1-800-555-0100", null, "+18005550100")]
    [InlineData("+1-800-555-0100", "GB", "+18005550100")]
    [InlineData("(650)555-1212", "US", "+16505551212")]
    [InlineData("030 123456", "DE", "+4930123456")]
    public void Phone_is_e164_with_plus(string input, string? region, string expected) =>
        Assert.Equal(expected, GoogleNormalizer.Phone(input, region));

    [Fact]
    public void Phone_that_is_not_a_possible_number_is_dropped() => Assert.Null(GoogleNormalizer.Phone("12", "US"));

    [Theory]
    [InlineData("  Dana ", "dana")]
    [InlineData("Valéry", "valéry")]
    [InlineData("Mary Ann", "mary ann")]
    public void Names_are_lowercase_and_trimmed(string input, string expected)
    {
        Assert.Equal(expected, GoogleNormalizer.FirstName(input));
        Assert.Equal(expected, GoogleNormalizer.LastName(input));
    }

    [Theory]
    [InlineData("--")]
    [InlineData("   ")]
    public void Name_without_a_letter_is_dropped(string input) => Assert.Null(GoogleNormalizer.FirstName(input));

    [Fact]
    public void Fields_google_takes_unhashed_or_not_at_all_keep_no_variant()
    {
        Assert.Null(GoogleNormalizer.City("New York"));
        Assert.Null(GoogleNormalizer.State("CA", "US"));
        Assert.Null(GoogleNormalizer.Zip("94025", "US"));
        Assert.Null(GoogleNormalizer.Country("US"));
        Assert.Null(GoogleNormalizer.Gender("f"));
        Assert.Null(GoogleNormalizer.DateOfBirth("1990-05-17"));
        Assert.Null(GoogleNormalizer.ExternalId("user123"));
    }
}
