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

    /// <summary>
    /// A measured quantity as a person reads it: three significant digits in plain decimals from 0.001 to 1,000,000
    /// (<c>0.0252</c>, <c>1,234</c>), otherwise as a power of ten with a real minus sign (<c>2.52 × 10⁻⁵</c>) — never
    /// the <c>2.515E-002</c> of .NET's exponent formats.
    /// </summary>
    public static string Scientific(double value)
    {
        if (!double.IsFinite(value)) return double.IsNaN(value) ? "—" : value > 0 ? "∞" : "−∞";
        if (value == 0) return "0";
        var magnitude = Math.Abs(value);
        var sign = value < 0 ? "−" : "";
        if (magnitude is >= 1e-3 and < 1e6)
        {
            var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(magnitude)));
            return sign + Math.Round(magnitude, digits, MidpointRounding.AwayFromZero).ToString(digits == 0 ? "N0" : "0." + new string('#', digits), CultureInfo.InvariantCulture);
        }
        var exponent = (int)Math.Floor(Math.Log10(magnitude));
        var mantissa = Math.Round(magnitude / Math.Pow(10, exponent), 2, MidpointRounding.AwayFromZero);
        if (mantissa >= 10) (mantissa, exponent) = (mantissa / 10, exponent + 1);
        return $"{sign}{mantissa.ToString("0.##", CultureInfo.InvariantCulture)} × 10{Superscript(exponent)}";
    }

    private static string Superscript(int exponent) =>
        string.Concat(exponent.ToString(CultureInfo.InvariantCulture).Select(c => c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));

    /// <summary>A coordinate in SVG markup (one decimal, invariant).</summary>
    public static string SvgNumber(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Row ids as runs: <c>3, 5–7</c>.</summary>
    public static string Rows(IEnumerable<long> rowIds) => string.Join(", ", Domain.Datanets.RejectionLog.Runs(rowIds)
        .Select(r => r.First == r.Last ? Count(r.First) : $"{Count(r.First)}–{Count(r.Last)}"));

    public static string Short(string text, int length = 12) => text.Length <= length ? text : text[..length] + "…";

    public static string DatanetUrl(string id) => $"/explorer/datanets/{Uri.EscapeDataString(id)}";
    public static string ModelUrl(string id) => $"/explorer/models/{Uri.EscapeDataString(id)}";
    public static string InferenceUrl(string id) => $"/explorer/inferences/{Uri.EscapeDataString(id)}";
    /// <summary>A document (row) of a text Datanet, as the API serves it to keys that may read it.</summary>
    public static string DocumentUrl(string datanetId, long rowId) => $"/api/v1/datanets/{Uri.EscapeDataString(datanetId)}/documents/{rowId}";
    /// <summary>The API's rejection record of a Datanet, from after entry <paramref name="sequence"/> (its cursor).</summary>
    public static string RejectionsUrl(string datanetId, long sequence) =>
        $"/api/v1/datanets/{Uri.EscapeDataString(datanetId)}/rejections?cursor={Abstractions.Paging.PageCursor.Encode(sequence)}";
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
