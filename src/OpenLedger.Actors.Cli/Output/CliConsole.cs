using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenLedger.Actors.Cli.Output;

/// <summary>
/// Where a command writes: results to <see cref="Out"/> (a table, or one JSON document with <c>--json</c>),
/// progress and diagnostics to <see cref="Error"/>, so <c>--json</c> output can be piped as is.
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error, bool json)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public bool Json { get; } = json;

    /// <summary>A live progress bar only where a person watches: the real console's error stream, not redirected.</summary>
    public bool ErrorIsTerminal => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void Info(string message) => Error.WriteLine(message);

    /// <summary>Reports a failure: as a JSON object on the output with <c>--json</c>, else as a line on the error stream.</summary>
    public int Fail(int exitCode, string message, string? errorCode = null)
    {
        if (Json) WriteJson(new { error = new { code = errorCode ?? "cli.error", exitCode, message } });
        else Error.WriteLine(errorCode is null ? $"error: {message}" : $"error [{errorCode}]: {message}");
        return exitCode;
    }
}
