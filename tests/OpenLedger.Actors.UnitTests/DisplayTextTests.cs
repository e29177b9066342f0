using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.UnitTests;

/// <summary>Issue 14, finding 5: bidi and invisible Unicode in display names (U+202E, U+200B, U+FEFF and the like) is refused.</summary>
public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("mallory\u202Egnp.exe", "text.bidi_control")]
    [InlineData("\u2066isolated\u2069", "text.bidi_control")]
    [InlineData("alice\u200F", "text.bidi_control")]
    [InlineData("al\u200Bice", "text.invisible_characters")]
    [InlineData("\uFEFFalice", "text.invisible_characters")]
    [InlineData("ali\u00ADce", "text.invisible_characters")]
    [InlineData("a\u200Db", "text.invisible_characters")]
    [InlineData("a\u2060b", "text.invisible_characters")]
    [InlineData("\u3164", "text.invisible_characters")]
    [InlineData("a\u2800b", "text.invisible_characters")]
    [InlineData("tag\U000E0041", "text.invisible_characters")] // a TAG character (astral, format)
    [InlineData("line\nbreak", "text.control_characters")]
    [InlineData("   ", "text.missing")]
    public void Misleading_text_is_refused_with_a_stable_code(string value, string code) =>
        Assert.Equal(code, DisplayText.Validate(value, "display name", 100)?.Code);

    [Theory]
    [InlineData("Alice Müller")]
    [InlineData("Zoë 🚀")]
    [InlineData("محمد")]
    [InlineData("李小龍")]
    [InlineData("O'Brien-Smith (curator)")]
    public void Ordinary_names_in_any_script_pass(string value) => Assert.Null(DisplayText.Validate(value, "display name", 100));

    [Fact]
    public void Line_breaks_only_where_multiline()
    {
        Assert.Null(DisplayText.Validate("one\ntwo\tthree", "description", 100, multiline: true));
        Assert.Equal("text.bidi_control", DisplayText.Validate("one\n\u202Etwo", "description", 100, multiline: true)?.Code);
        Assert.Equal("text.too_long", DisplayText.Validate(new string('a', 101), "display name", 100)?.Code);
        Assert.Equal("text.invalid_unicode", DisplayText.Validate("half" + (char)0xD800, "display name", 100)?.Code); // built at run time: test data would not keep it
    }
}
