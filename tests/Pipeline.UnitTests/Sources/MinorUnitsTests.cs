using System.Globalization;
using Pipeline.Sources;

namespace Pipeline.UnitTests.Sources;

public class MinorUnitsTests
{
    [Theory]
    [InlineData(800L, "JPY", "800")]
    [InlineData(50000L, "USD", "500.00")]
    [InlineData(50000L, "usd", "500.00")]
    [InlineData(12340L, "KWD", "12.340")]
    [InlineData(199L, "EUR", "1.99")]
    [InlineData(150000L, "HUF", "1500.00")]
    [InlineData(1000L, "ISK", "10.00")]
    [InlineData(5000L, "CLP", "5000")]
    [InlineData(-250L, "EUR", "-2.50")]
    public void Amount_in_minor_units_becomes_an_exact_decimal_with_the_currency_scale(long amount, string currency, string expected)
    {
        Assert.Equal(expected, MinorUnits.ToDecimal(amount, currency).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Largest_amounts_keep_every_digit()
    {
        Assert.Equal("92233720368547758.07", MinorUnits.ToDecimal(long.MaxValue, "USD").ToString(CultureInfo.InvariantCulture));
        Assert.Equal("-92233720368547758.08", MinorUnits.ToDecimal(long.MinValue, "USD").ToString(CultureInfo.InvariantCulture));
    }
}
