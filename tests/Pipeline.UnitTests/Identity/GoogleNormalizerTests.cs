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
    [InlineData("Mary  Ann", "mary ann")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("Jane2", "jane")]
    public void Names_are_lowercase_trimmed_without_digits_or_symbols(string input, string expected)
    {
        Assert.Equal(expected, GoogleNormalizer.FirstName(input));
        Assert.Equal(expected, GoogleNormalizer.LastName(input));
    }

    [Theory]
    [InlineData("--")]
    [InlineData("   ")]
    [InlineData("42")]
    public void Name_without_a_letter_is_dropped(string input) => Assert.Null(GoogleNormalizer.FirstName(input));

    [Theory]
    [InlineData("1600 Amphitheatre Pkwy.", "1600 amphitheatre pkwy")]
    [InlineData("  Rue de l'Église, 12 ", "rue de léglise 12")]
    [InlineData("Hauptstraße 5a", "hauptstraße 5a")]
    public void Street_to_hash_is_lowercase_trimmed_without_symbols_digits_kept(string input, string expected) =>
        Assert.Equal(expected, GoogleNormalizer.Street(input));

    [Theory]
    [InlineData("Mountain View", "mountain view")]
    [InlineData(" SAINT-ÉTIENNE ", "saintétienne")]
    [InlineData("Paris 75001", "paris")]
    public void City_is_sent_unhashed_lowercase_without_digits_or_symbols(string input, string expected) =>
        Assert.Equal(expected, GoogleNormalizer.City(input));

    [Theory]
    [InlineData("California", "US", "ca")]
    [InlineData("CA", "US", "ca")]
    [InlineData("DE-BY", "DE", "by")]
    [InlineData("Bayern", "Deutschland", "bayern")]
    public void Region_is_sent_unhashed_as_the_us_state_code_or_lowercase_letters(string input, string region, string expected) =>
        Assert.Equal(expected, GoogleNormalizer.State(input, region));

    [Theory]
    [InlineData(" 94043 ", "94043")]
    [InlineData("SW1A 1AA", "SW1A 1AA")]
    [InlineData("123.45~6", "123456")]
    public void Postal_code_is_sent_unhashed_trimmed_without_dots_or_tildes(string input, string expected) =>
        Assert.Equal(expected, GoogleNormalizer.Zip(input, null));

    [Theory]
    [InlineData("us", "US")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("Deutschland", "DE")]
    public void Country_is_sent_unhashed_as_the_uppercase_alpha_2_code(string input, string expected) =>
        Assert.Equal(expected, GoogleNormalizer.Country(input));

    [Fact]
    public void Fields_google_does_not_take_keep_no_variant()
    {
        Assert.Null(GoogleNormalizer.Gender("f"));
        Assert.Null(GoogleNormalizer.DateOfBirth("1990-05-17"));
        Assert.Null(GoogleNormalizer.ExternalId("user123"));
    }
}
