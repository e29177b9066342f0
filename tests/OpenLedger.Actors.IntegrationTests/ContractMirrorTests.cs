using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger;

namespace OpenLedger.Actors.IntegrationTests;

public sealed class ContractMirrorTests
{
    [Fact]
    public void Transfer_result_codes_mirror_the_domain_codes_by_name_and_value()
    {
        var domain = Enum.GetValues<LedgerResultCode>().Select(c => (c.ToString(), (int)c));
        var contract = Enum.GetValues<TransferResultCode>().Select(c => (c.ToString(), (int)c));
        Assert.Equal(domain, contract);
    }

    [Fact]
    public void Account_kinds_mirror_the_domain_kinds_by_name_and_value()
    {
        var domain = Enum.GetValues<OpenLedger.Actors.Domain.Ledger.AccountKind>().Select(c => (c.ToString(), (int)c));
        var contract = Enum.GetValues<OpenLedger.Actors.Abstractions.Ledger.AccountKind>().Select(c => (c.ToString(), (int)c));
        Assert.Equal(domain, contract);
    }

    [Fact]
    public void Pending_statuses_mirror_the_domain_statuses_by_name_and_value()
    {
        var domain = Enum.GetValues<PendingStatus>().Select(c => (c.ToString(), (int)c));
        var contract = Enum.GetValues<PendingTransferStatus>().Select(c => (c.ToString(), (int)c));
        Assert.Equal(domain, contract);
    }
}
