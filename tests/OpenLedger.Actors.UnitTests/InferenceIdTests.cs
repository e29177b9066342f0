using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The inference id: written <c>{session}|{key}</c>, read back from that or from its fee transfer id, and the ledger ids derived from it.</summary>
public sealed class InferenceIdTests
{
    [Fact]
    public void It_round_trips_and_names_its_ledger_transfers()
    {
        var id = new InferenceId("session-1", "key:7");
        Assert.Equal("session-1|key:7", id.ToString());
        Assert.True(InferenceId.TryParse(id.ToString(), out var parsed));
        Assert.Equal(id, parsed);
        Assert.True(InferenceId.TryParseTransferOrId(id.TransferId, out var fromTransfer)); // statement lines name the transfer id
        Assert.Equal(id, fromTransfer);
        Assert.True(InferenceId.TryParseTransferOrId(id.ToString(), out var fromReference)); // or the reference
        Assert.Equal(id, fromReference);
        var prefixed = new InferenceId("inference:s", "k"); // ':' may occur in a session id: a grain key is read as it is
        Assert.Equal(prefixed, InferenceId.Parse(prefixed.ToString()));
        Assert.False(InferenceId.TryParseTransferOrId("inference:|k", out _)); // a transfer id with no session
        Assert.Equal(("inference:session-1|key:7", "inference-reserve:session-1|key:7", "inference-void:session-1|key:7"), (id.TransferId, id.ReservationId, id.VoidId));
        Assert.All(new[] { id.TransferId, id.ReservationId, id.VoidId }, t => Assert.Null(AccountId.ValidateTransferId(t)));
        Assert.Null(AccountId.ValidateTransferId(new InferenceId(new string('s', AccountId.MaxLength), new string('k', AccountId.MaxLength)).ReservationId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-separator")]
    [InlineData("|key")]
    [InlineData("session|")]
    [InlineData("a|b|c")]
    [InlineData("inference:")]
    public void Malformed_ids_do_not_parse(string? text)
    {
        Assert.False(InferenceId.TryParse(text, out _));
        Assert.False(InferenceId.TryParseTransferOrId(text, out _));
        if (text is not null) Assert.Throws<FormatException>(() => InferenceId.Parse(text));
    }
}
