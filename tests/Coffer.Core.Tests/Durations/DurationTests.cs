using Coffer.Core.Durations;

namespace Coffer.Core.Tests.Durations;

public class DurationTests
{
    [Theory]
    [InlineData("0s", 0)]
    [InlineData("5h", 5 * 3600)]
    [InlineData("10m30s", 630)]
    [InlineData("1y2d5h", 365 * 86400 + 2 * 86400 + 5 * 3600)]
    [InlineData("32d", 32 * 86400)]
    [InlineData("90m", 5400)]
    public void Valid_durations_parse_to_seconds(string text, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Duration.Parse(text));

    [Fact]
    public void A_year_is_365_days() => Assert.Equal(TimeSpan.FromDays(365), Duration.Parse("1y"));

    [Theory]
    [InlineData(5400, "1h30m")]
    [InlineData(400 * 86400, "1y35d")]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(86400 + 1, "1d1s")]
    public void Formatting_uses_the_largest_units_first_and_leaves_out_zeros(long seconds, string text) =>
        Assert.Equal(text, Duration.Format(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("90m", "1h30m")]
    [InlineData("0h", "0s")]
    [InlineData("1d24h", "2d")]
    public void Parse_then_format_gives_the_normalized_form(string text, string normalized) =>
        Assert.Equal(normalized, Duration.Format(Duration.Parse(text)));

    [Theory]
    [InlineData("5x", "'x' is not a unit")]
    [InlineData("1h1h", "each unit may appear once")]
    [InlineData("1m1h", "in the order y, d, h, m, s")]
    [InlineData("-1s", "expected digits at position 1")]
    [InlineData("+1s", "expected digits")]
    [InlineData("1.5h", "'.' is not a unit")]
    [InlineData("", "cannot be empty")]
    [InlineData(" 1h", "expected digits at position 1")]
    [InlineData("1h ", "expected digits at position 3")]
    [InlineData("h", "expected digits")]
    [InlineData("12", "needs a unit")]
    [InlineData("99999999999y", "too long")]
    [InlineData("1001y", "too long")]
    [InlineData("9999999999999999999999s", "too long")]
    public void Malformed_durations_are_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<CofferFormatException>(() => Duration.Parse(text));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void The_longest_accepted_duration_is_a_thousand_years()
    {
        Assert.Equal(Duration.Max, Duration.Parse("1000y"));
        Assert.False(Duration.TryParse("1000y1s", out _, out _));
    }
}
