using Pipeline.Identity;

namespace Pipeline.UnitTests.Identity;

public class MetaNormalizerTests
{
    [Theory]
    [InlineData("  DanaM@Example.COM ", "danam@example.com")]
    [InlineData("a.b+tag@gmail.com", "a.b+tag@gmail.com")]
    [InlineData("\uFEFFuser@example.com\uFEFF", "user@example.com")]
    public void Email_is_trimmed_and_lowercased(string input, string expected) =>
        Assert.Equal(expected, MetaNormalizer.Email(input));

    [Theory]
    [InlineData("not an email")]
    [InlineData("dana m@example.com")]
    [InlineData("@example.com")]
    [InlineData("dana@")]
    [InlineData("dana@example")]
    [InlineData("dana@@example.com")]
    [InlineData("dana@example..com")]
    [InlineData("   ")]
    public void Email_that_is_not_an_email_is_dropped(string input) => Assert.Null(MetaNormalizer.Email(input));

    [Theory]
    [InlineData("(650)555-1212", "US", "16505551212")]
    [InlineData("(650)555-1212", "us", "16505551212")]
    [InlineData("650 555 1212", "US", "16505551212")]
    [InlineData("1-650-555-1212", "US", "16505551212")]
    [InlineData("+1 (650) 555-1212", "DE", "16505551212")]
    [InlineData("+44 20 7946 0958", "US", "442079460958")]
    [InlineData("020 7946 0958", "GB", "442079460958")]
    [InlineData("020 7946 0958", "uk", "442079460958")]
    [InlineData("0044 20 7946 0958", "DE", "442079460958")]
    public void Phone_is_digits_with_country_code_and_no_plus(string input, string region, string expected) =>
        Assert.Equal(expected, MetaNormalizer.Phone(input, region));

    [Fact]
    public void Phone_without_region_is_read_as_international_when_valid() =>
        Assert.Equal("16505551212", MetaNormalizer.Phone("16505551212", null));

    [Theory]
    [InlineData("123", "US")]
    [InlineData("call me", "US")]
    [InlineData("", "US")]
    [InlineData("(650)555-1212", null)]
    [InlineData("12345678901234567890", "US")]
    public void Phone_that_is_not_a_possible_number_is_dropped(string input, string? region) =>
        Assert.Null(MetaNormalizer.Phone(input, region));

    [Theory]
    [InlineData("Valéry", "valéry")]
    [InlineData("  Mary-Ann ", "maryann")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("Jean Paul", "jeanpaul")]
    [InlineData("ΔΗΜΗΤΡΗΣ", "δημητρη\u03C2")]
    [InlineData("Müller", "müller")]
    [InlineData("İpek", "i\u0307pek")]
    public void Names_are_lowercase_without_spaces_or_punctuation(string input, string expected)
    {
        Assert.Equal(expected, MetaNormalizer.FirstName(input));
        Assert.Equal(expected, MetaNormalizer.LastName(input));
    }

    [Theory]
    [InlineData("-")]
    [InlineData(" . ")]
    public void Name_of_punctuation_only_is_dropped(string input) => Assert.Null(MetaNormalizer.FirstName(input));

    [Theory]
    [InlineData("New York", "newyork")]
    [InlineData("St. Louis", "stlouis")]
    [InlineData("São Paulo", "sãopaulo")]
    [InlineData("Frankfurt am Main", "frankfurtammain")]
    public void City_is_lowercase_without_spaces_or_punctuation(string input, string expected) =>
        Assert.Equal(expected, MetaNormalizer.City(input));

    [Theory]
    [InlineData("CA", "US", "ca")]
    [InlineData("California", "US", "ca")]
    [InlineData("new york", "us", "ny")]
    [InlineData("US-TX", "US", "tx")]
    [InlineData("District of Columbia", "US", "dc")]
    public void Us_state_is_the_two_letter_code(string input, string country, string expected) =>
        Assert.Equal(expected, MetaNormalizer.State(input, country));

    [Theory]
    [InlineData("Narnia")]
    [InlineData("XX")]
    public void Us_state_that_is_not_a_state_is_dropped(string input) => Assert.Null(MetaNormalizer.State(input, "US"));

    [Theory]
    [InlineData("Baden-Württemberg", "DE", "badenwürttemberg")]
    [InlineData("DE-BY", "DE", "by")]
    [InlineData("New South Wales", "AU", "newsouthwales")]
    [InlineData("ON", null, "on")]
    public void State_elsewhere_is_lowercase_without_spaces_or_punctuation(string input, string? country, string expected) =>
        Assert.Equal(expected, MetaNormalizer.State(input, country));

    [Theory]
    [InlineData("94025-1234", "US", "94025")]
    [InlineData("94025", "us", "94025")]
    [InlineData(" 94025 1234 ", "US", "94025")]
    [InlineData("94025-1234", null, "94025")]
    public void Us_zip_is_the_first_five_digits(string input, string? country, string expected) =>
        Assert.Equal(expected, MetaNormalizer.Zip(input, country));

    [Theory]
    [InlineData("9402")]
    [InlineData("SW1A 1AA")]
    public void Us_zip_that_is_not_five_digits_is_dropped(string input) => Assert.Null(MetaNormalizer.Zip(input, "US"));

    [Theory]
    [InlineData("SW1A 1AA", "GB", "sw1a1aa")]
    [InlineData("01310-100", "BR", "01310100")]
    [InlineData("75001", "FR", "75001")]
    [InlineData("K1A 0B1", null, "k1a0b1")]
    public void Zip_elsewhere_is_lowercase_without_spaces_or_dashes(string input, string? country, string expected) =>
        Assert.Equal(expected, MetaNormalizer.Zip(input, country));

    [Theory]
    [InlineData("US", "us")]
    [InlineData(" de ", "de")]
    [InlineData("uk", "gb")]
    [InlineData("UK", "gb")]
    [InlineData("GB", "gb")]
    [InlineData("aq", "aq")]
    public void Country_is_lowercase_iso_alpha_2(string input, string expected) =>
        Assert.Equal(expected, MetaNormalizer.Country(input));

    [Theory]
    [InlineData("XX")]
    [InlineData("Narnia")]
    [InlineData("u")]
    public void Country_that_is_neither_a_code_nor_a_known_name_is_dropped(string input) => Assert.Null(MetaNormalizer.Country(input));

    [Theory]
    [InlineData("F", "f")]
    [InlineData("female", "f")]
    [InlineData(" Male ", "m")]
    [InlineData("m", "m")]
    public void Gender_is_f_or_m(string input, string expected) => Assert.Equal(expected, MetaNormalizer.Gender(input));

    [Theory]
    [InlineData("x")]
    [InlineData("unknown")]
    public void Gender_other_than_f_or_m_is_dropped(string input) => Assert.Null(MetaNormalizer.Gender(input));

    [Theory]
    [InlineData("1990-05-17", "19900517")]
    [InlineData("19900517", "19900517")]
    [InlineData("1990-05-17T00:00:00Z", "19900517")]
    [InlineData("05/17/1990", "19900517")]
    [InlineData("17.05.1990", "19900517")]
    [InlineData("05/06/1990", "19900506")]
    public void Date_of_birth_is_yyyymmdd(string input, string expected) =>
        Assert.Equal(expected, MetaNormalizer.DateOfBirth(input, Today));

    [Theory]
    [InlineData("1990-02-30")]
    [InlineData("17/05/90")]
    [InlineData("yesterday")]
    [InlineData("99999999999/1/1990")]
    public void Date_of_birth_that_is_not_a_date_is_dropped(string input) => Assert.Null(MetaNormalizer.DateOfBirth(input, Today));

    [Theory]
    [InlineData("2026-12-02", "20261202")]
    [InlineData("2026-12-03", null)]
    [InlineData("2027-01-01", null)]
    [InlineData("12/31/2099", null)]
    public void Date_of_birth_after_today_is_dropped(string input, string? expected) =>
        Assert.Equal(expected, MetaNormalizer.DateOfBirth(input, Today));

    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData("  User123 ", "user123")]
    [InlineData("550E8400-E29B-41D4-A716-446655440000", "550e8400-e29b-41d4-a716-446655440000")]
    public void External_id_is_trimmed_and_lowercased(string input, string expected) =>
        Assert.Equal(expected, MetaNormalizer.ExternalId(input));
}
