using Coffer.Core.Dates;

namespace Coffer.Core.Tests.Dates;

public class ZonedDateTests
{
    [Theory]
    [InlineData("2030-01-31T12:00:00Z", "2030-01-31T12:00:00Z")]
    [InlineData("2030-01-31t12:00:00z", "2030-01-31T12:00:00Z")]
    [InlineData("2030-01-31T13:00:00+01:00", "2030-01-31T12:00:00Z")]
    [InlineData("2030-01-31T07:00:00.250-05:00", "2030-01-31T12:00:00.250Z")]
    public void A_date_with_a_zone_reads_as_that_instant(string text, string instant)
    {
        Assert.True(ZonedDate.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("2030-01-31T12:00:00")]      // no zone: local time on whichever machine reads it
    [InlineData("2030-01-31")]               // no time
    [InlineData("2030-01-31T12:00:00+0100")] // RFC 3339 offsets have a colon
    [InlineData("2030-02-30T12:00:00Z")]     // no such day
    [InlineData("31/01/2030 12:00 Z")]
    [InlineData("")]
    public void A_date_without_a_zone_or_not_in_rfc3339_is_refused(string text) =>
        Assert.False(ZonedDate.TryParse(text, out _));
}
