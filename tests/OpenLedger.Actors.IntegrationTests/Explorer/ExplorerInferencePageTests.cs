using System.Net;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Silo.Explorer;

namespace OpenLedger.Actors.IntegrationTests.Explorer;

/// <summary>The explorer's inference page as a reader sees it: the fee split it applied, stated; scores in plain numbers.</summary>
public sealed class ExplorerInferencePageTests
{
    [Theory]
    [InlineData(0.02515, "0.0252")]
    [InlineData(2.515e-5, "2.52 × 10⁻⁵")]
    [InlineData(-3.1e-7, "−3.1 × 10⁻⁷")]
    [InlineData(9.996e-5, "1 × 10⁻⁴")]
    [InlineData(1234.5, "1,235")]
    [InlineData(0.5, "0.5")]
    [InlineData(12.345, "12.3")]
    [InlineData(4.2e9, "4.2 × 10⁹")]
    [InlineData(0, "0")]
    public void Scores_read_as_plain_numbers_or_powers_of_ten(double value, string expected) =>
        Assert.Equal(expected, Format.Scientific(value));

    [Fact]
    public void The_page_states_the_fee_split_each_role_received_and_no_exponent_format()
    {
        TransferPosting Paid(string account, long amount, string code) => new("payer-1", account, amount, code);
        var receipt = new AttributionReceipt("m", "d", 1, "influence", 3, 0.41, 5,
            [new InfluenceEntry(7, "alice", "h7", 2.515e-5, 0.6), new InfluenceEntry(9, "bob", "h9", 0.02515, 0.4)],
            1_000,
            [Paid("protocol:treasury", 100, "fee.protocol"), Paid("owner", 200, "fee.model_owner"), Paid("cur-1", 100, "fee.curator"), Paid("cur-2", 100, "fee.curator"),
             Paid("alice", 300, "fee.contributor"), Paid("bob", 200, "fee.contributor")],
            "t-1");
        var page = InferencePage.Render(new InferenceResult("s|k", "s", 3, [0.1, 0.9], receipt, DateTimeOffset.UnixEpoch), _ => "payer").ToString();
        page = WebUtility.HtmlDecode(page); // as the browser shows it (the encoder writes non-ASCII as character references)

        Assert.Contains("id=\"fee-split\"", page);
        Assert.Contains("<li data-role=\"contributor\"><b>contributor</b> 50.0 %", page);
        Assert.Contains("<li data-role=\"curator\"><b>curator</b> 20.0 %", page); // two curators, summed
        Assert.Contains("<li data-role=\"model owner\"><b>model owner</b> 20.0 %", page);
        Assert.Contains("<li data-role=\"protocol\"><b>protocol</b> 10.0 %", page);
        Assert.Contains("2.52 × 10⁻⁵", page);
        Assert.DoesNotContain("E-0", page);
    }
}
