using Pipeline.Identity;

namespace Pipeline.UnitTests.Identity;

/// <summary>
/// What Meta receives for the cases where the edge used to disagree with Meta's reference builder
/// (capi-param-builder) or Meta's documented examples, one theory per rule. Each case states the raw input
/// and the value Meta must hash, or null when nothing may be sent.
/// </summary>
public class MetaReferenceAgreementTests
{
    public static TheoryData<string, string?> CountryNames => new()
    {
        { "United States", "us" }, // Meta's own documented example
        { "  United States  ", "us" },
        { "United States of America", "us" },
        { "USA", "us" },
        { "Germany", "de" },
        { "United Kingdom", "gb" },
        { "Great Britain", "gb" },
        { "England", "gb" },
        { "The Netherlands", "nl" },
        { "Holland", "nl" },
        { "Deutschland", "de" },
        { "Allemagne", "de" },
        { "Alemania", "de" },
        { "Vereinigte Staaten", "us" },
        { "Royaume-Uni", "gb" },
        { "España", "es" },
        { "Espana", "es" },
        { "Österreich", "at" },
        { "Suisse", "ch" },
        { "Brasil", "br" },
        { "Italia", "it" },
        { "日本", "jp" },
        { "Россия", "ru" },
        { "Côte d'Ivoire", "ci" },
        { "FRA", "fr" },
    };

    [Theory]
    [MemberData(nameof(CountryNames))]
    public void Country_names_and_aliases_in_many_languages_read_as_the_alpha_2_code(string country, string? expected) =>
        AssertMeta(expected, Hash(new RawUserData { Country = country }, "US").Country);

    public static TheoryData<string, string, string, string?> PhonesWithACountryName => new()
    {
        // phone, country, shop default region, expected ph
        { "020 7946 0958", "United Kingdom", "US", "442079460958" },
        { "030 123456", "Deutschland", "US", "4930123456" },
        { "06 12 34 56 78", "France", "US", "33612345678" },
        { "(650) 555-1212", "United States", "DE", "16505551212" },
    };

    [Theory]
    [MemberData(nameof(PhonesWithACountryName))]
    public void Phone_region_comes_from_the_country_name(string phone, string country, string defaultRegion, string? expected) =>
        AssertMeta(expected, Hash(new RawUserData { Phone = phone, Country = country }, defaultRegion).Phone);

    [Theory]
    [InlineData("California", "United States", "ca")]
    [InlineData("New York", "USA", "ny")]
    public void State_with_a_country_name_reads_as_the_us_code(string state, string country, string expected) =>
        AssertMeta(expected, Hash(new RawUserData { State = state, Country = country }, "DE").State);

    [Theory]
    [InlineData("California", "US", "ca")]
    [InlineData("New York", "US", "ny")]
    [InlineData("north carolina", "US", "nc")]
    [InlineData("District of Columbia", "US", "dc")]
    [InlineData("TX", "US", "tx")]
    [InlineData("Bayern", "DE", "bayern")]
    public void Us_state_names_without_a_country_use_the_default_region(string state, string defaultRegion, string expected) =>
        AssertMeta(expected, Hash(new RawUserData { State = state }, defaultRegion).State);

    [Fact]
    public void State_zip_and_phone_share_the_default_region()
    {
        var hashed = Hash(new RawUserData { State = "California", Zip = "94025-1234", Phone = "(650) 555-1212" }, "US");

        AssertMeta("ca", hashed.State);
        AssertMeta("94025", hashed.Zip);
        AssertMeta("16505551212", hashed.Phone);
    }

    [Theory]
    [InlineData("Ontario", "on")]
    [InlineData("Québec", "qc")]
    [InlineData("British Columbia", "bc")]
    [InlineData("CA-ON", "on")]
    [InlineData("ON", "on")]
    public void Canadian_province_names_read_as_their_codes(string state, string expected) =>
        AssertMeta(expected, Hash(new RawUserData { State = state, Country = "Canada" }, "US").State);

    [Theory]
    [InlineData("jane..doe@example.com", null)]
    [InlineData(".jane@example.com", null)]
    [InlineData("jane.@example.com", null)]
    [InlineData("jane@exa_mple.com", null)]
    [InlineData("jane@example..com", null)]
    [InlineData("jane@example.c", null)]
    [InlineData("Jane.Doe+Tag@Example.com", "jane.doe+tag@example.com")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    [InlineData("jane_doe@example.com", "jane_doe@example.com")]
    public void Email_is_as_strict_as_metas_rule(string email, string? expected) =>
        AssertMeta(expected, Hash(new RawUserData { Email = email }, "US").Email);

    [Theory]
    [InlineData("2030-06-01", null)]
    [InlineData("2050-01-01", null)]
    [InlineData("12/31/2099", null)]
    [InlineData("1990-05-17", "19900517")]
    public void Date_of_birth_in_the_future_is_dropped(string dateOfBirth, string? expected) =>
        AssertMeta(expected, Hash(new RawUserData { DateOfBirth = dateOfBirth }, "US").DateOfBirth);

    [Theory]
    [InlineData("Mr", "m")]
    [InlineData("Mrs", "f")]
    [InlineData("Ms", "f")]
    [InlineData("Miss", "f")]
    [InlineData("he", "m")]
    [InlineData("She", "f")]
    [InlineData("boy", "m")]
    [InlineData("girl", "f")]
    [InlineData("Lady", "f")]
    [InlineData("sir", "m")]
    [InlineData("  Male  ", "m")]
    [InlineData("F", "f")]
    [InlineData("unknown", null)]
    public void Gender_titles_and_pronouns_map_as_the_reference_does(string gender, string? expected) =>
        AssertMeta(expected, Hash(new RawUserData { Gender = gender }, "US").Gender);

    [Theory]
    [InlineData("0044 20 7946 0958", "US", "442079460958")]
    [InlineData("011 44 20 7946 0958", "DE", "442079460958")]
    [InlineData("011 44 20 7946 0958", "US", "442079460958")]
    [InlineData("+00 44 20 7946 0958", "US", "442079460958")]
    [InlineData("+0044 20 7946 0958", null, "442079460958")]
    [InlineData("650_555_1212", "US", "16505551212")]
    [InlineData("+1_650_555_1212", null, "16505551212")]
    [InlineData("00 49 30 123456", null, "4930123456")]
    public void Phones_with_international_prefixes_or_underscores_are_read(string phone, string? defaultRegion, string expected) =>
        AssertMeta(expected, Hash(new RawUserData { Phone = phone }, defaultRegion).Phone);

    [Theory]
    [InlineData("12345", null)]
    [InlineData("75001 Paris", null)]
    [InlineData("1st Avenue", null)]
    [InlineData("Paris", "paris")]
    [InlineData("New York 10001", "newyork10001")]
    public void City_that_is_only_digits_or_starts_with_digits_is_dropped(string city, string? expected) =>
        AssertMeta(expected, Hash(new RawUserData { City = city }, "FR").City);

    [Theory]
    [InlineData("123", "DE", null)]
    [InlineData("9 Bayern", "DE", null)]
    public void State_that_is_only_digits_or_starts_with_digits_is_dropped(string state, string country, string? expected) =>
        AssertMeta(expected, Hash(new RawUserData { State = state, Country = country }, "US").State);

    [Theory]
    [InlineData("1990-17-05", "19900517")]
    [InlineData("1990/31/12", "19901231")]
    [InlineData("Born on 17/05/1990 at 10:30", "19900517")]
    [InlineData("DOB: 1990-05-17 (verified)", "19900517")]
    [InlineData("05/17/1990 00:00:00", "19900517")]
    [InlineData("17.05.1990", "19900517")]
    [InlineData("19900517", "19900517")]
    public void Date_of_birth_in_year_day_month_order_or_inside_text_is_read(string dateOfBirth, string expected) =>
        AssertMeta(expected, Hash(new RawUserData { DateOfBirth = dateOfBirth }, "US").DateOfBirth);

    // A fixed today, so the future stays the future whenever the suite runs.
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static HashedUserData Hash(RawUserData raw, string? defaultRegion) => UserDataHasher.Hash(raw, defaultRegion, Now);

    private static void AssertMeta(string? expectedNormalized, HashVariants? variants) =>
        Assert.Equal(expectedNormalized is null ? null : UserDataHasher.Sha256Hex(expectedNormalized), variants?.For(HashRules.Meta));
}

/// <summary>Country names come from ICU; without it (invariant globalization) every name would silently be dropped.</summary>
public class GlobalizationDataTests
{
    [Fact]
    public void Icu_globalization_data_is_present_so_country_names_in_every_language_are_read()
    {
        AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant);

        Assert.False(invariant, "InvariantGlobalization is on: country names cannot be read.");
        Assert.Equal("français (Allemagne)", System.Globalization.CultureInfo.GetCultureInfo("fr-DE").NativeName);
        Assert.Equal("de", MetaNormalizer.Country("Allemagne"));
        Assert.Equal("jp", MetaNormalizer.Country("日本"));
    }
}

/// <summary>The upper bound of a date of birth is today on the clock the host runs on.</summary>
public class DateOfBirthClockTests
{
    [Theory]
    [InlineData("2026-12-02", "20261202")]
    [InlineData("2026-12-03", null)]
    public void Date_of_birth_after_today_on_the_time_provider_is_dropped(string dateOfBirth, string? expected)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero));

        var hashed = UserDataHasher.Hash(new RawUserData { DateOfBirth = dateOfBirth }, "US", clock);

        Assert.Equal(expected is null ? null : UserDataHasher.Sha256Hex(expected), hashed.DateOfBirth?.For(HashRules.Meta));
    }
}

/// <summary>Where the edge follows Meta's documentation rather than its reference builder (docs/identity.md, "Kept on purpose").</summary>
public class KeptOnPurposeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static string? Meta(HashVariants? variants) => variants?.For(HashRules.Meta);

    private static string Hashed(string normalized) => UserDataHasher.Sha256Hex(normalized);

    [Fact]
    public void The_country_code_is_added_to_a_national_phone_number() =>
        Assert.Equal(Hashed("442079460958"), Meta(UserDataHasher.Hash(new RawUserData { Phone = "020 7946 0958", Country = "GB" }, "US", Now).Phone));

    [Fact]
    public void A_phone_extension_is_dropped() =>
        Assert.Equal(Hashed("16505551212"), Meta(UserDataHasher.Hash(new RawUserData { Phone = "+1 650 555 1212 ext. 7" }, "US", Now).Phone));

    [Theory]
    [InlineData("Москва", "москва")]
    [InlineData("東京", "東京")]
    public void Letters_of_every_script_are_kept_in_cities(string city, string expected) =>
        Assert.Equal(Hashed(expected), Meta(UserDataHasher.Hash(new RawUserData { City = city }, "US", Now).City));

    [Theory]
    [InlineData("Narnia")]
    [InlineData("XX")]
    public void A_junk_country_is_refused_not_truncated(string country) =>
        Assert.Null(UserDataHasher.Hash(new RawUserData { Country = country }, "US", Now).Country);

    [Fact]
    public void A_state_outside_the_us_is_kept_whole() =>
        Assert.Equal(Hashed("bayern"), Meta(UserDataHasher.Hash(new RawUserData { State = "Bayern", Country = "DE" }, "US", Now).State));

    [Theory]
    [InlineData("1990-02-30")]
    [InlineData("1850-01-01")]
    public void An_impossible_or_implausible_date_of_birth_is_refused(string dateOfBirth) =>
        Assert.Null(UserDataHasher.Hash(new RawUserData { DateOfBirth = dateOfBirth }, "US", Now).DateOfBirth);

    [Fact]
    public void An_internationalized_email_address_is_accepted() =>
        Assert.Equal(Hashed("jürgen@例え.jp"), Meta(UserDataHasher.Hash(new RawUserData { Email = "Jürgen@例え.jp" }, "US", Now).Email));
}
