using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>
/// A fragment of HTML that is safe to emit as it is. The only ways to make one are the interpolated-string handler
/// (<c>Html.Of($"&lt;td&gt;{value}&lt;/td&gt;")</c>: the literal parts are markup written by this code, and every hole
/// is HTML-encoded unless it is itself <see cref="Html"/>) and <see cref="Join"/>; so text from users, grains or the
/// URL can only ever reach the page encoded.
/// </summary>
public readonly struct Html
{
    private readonly string? _value;

    private Html(string value) => _value = value;

    public static Html Empty => new("");

    public static Html Of(HtmlBuilder builder) => new(builder.ToStringAndClear());

    public static Html Join(IEnumerable<Html> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(part._value);
        return new Html(text.ToString());
    }

    public override string ToString() => _value ?? "";
}

/// <summary>Builds <see cref="Html"/> from an interpolated string, encoding each hole.</summary>
[InterpolatedStringHandler]
public ref struct HtmlBuilder
{
    private StringBuilder _text;

    public HtmlBuilder(int literalLength, int formattedCount) => _text = new StringBuilder(literalLength + formattedCount * 16);

    public void AppendLiteral(string markup) => _text.Append(markup);

    public void AppendFormatted(Html fragment) => _text.Append(fragment.ToString());

    public void AppendFormatted(string? text) => _text.Append(HtmlEncoder.Default.Encode(text ?? ""));

    public void AppendFormatted<T>(T value) => AppendFormatted(Convert.ToString(value, CultureInfo.InvariantCulture));

    public void AppendFormatted<T>(T value, string format) where T : IFormattable =>
        AppendFormatted(value.ToString(format, CultureInfo.InvariantCulture));

    internal string ToStringAndClear()
    {
        var text = _text.ToString();
        _text = null!;
        return text;
    }
}
