using System.Globalization;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>How numbers, times and links look on the explorer's pages (one place, invariant culture).</summary>
public static class Format
{
    /// <summary>An exact integer amount of micro-units, digits grouped by commas: the ledger's integer, not a rounding.</summary>
    public static string Micro(long amount) => amount.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "G4") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A coordinate in SVG markup (one decimal, invariant).</summary>
    public static string SvgNumber(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Short(string text, int length = 12) => text.Length <= length ? text : text[..length] + "…";

    public static string DatanetUrl(string id) => $"/explorer/datanets/{Uri.EscapeDataString(id)}";
    public static string ModelUrl(string id) => $"/explorer/models/{Uri.EscapeDataString(id)}";
    public static string InferenceUrl(string id) => $"/explorer/inferences/{Uri.EscapeDataString(id)}";
    public static string AccountUrl(string account) => $"/explorer/accounts/{Uri.EscapeDataString(account)}";

    /// <summary>The posting code as a person reads it.</summary>
    public static string Role(string code) => code switch
    {
        "fee.contributor" => "contributor",
        "fee.model_owner" => "model owner",
        "fee.curator" => "curator",
        "fee.protocol" => "protocol",
        "fee.unattributed" => "protocol (unattributed share)",
        _ => code,
    };
}
