using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace OpenLedger.Actors.Cli.Output;

/// <summary>
/// Where a command writes: results to <see cref="Out"/> (a Spectre.Console table, or one JSON document with <c>--json</c>),
/// progress and diagnostics to <see cref="Error"/>, so <c>--json</c> output can be piped as is. On a terminal the
/// tables have borders and colour and progress is a live bar; redirected, in tests or under <c>CI=true</c>, the same
/// calls write plain lines (no ANSI codes, no cursor movement, progress at 25/50/75 %…).
/// </summary>
public sealed class CliConsole
{
    /// <summary>The <c>--json</c> option every command has (recursive, on the root).</summary>
    public const string JsonOption = "--json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // 'quotes' and ü as such: this is not HTML
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly bool _outIsTerminal;
    private readonly IAnsiConsole _out;
    private readonly bool _errorIsTerminal;
    private readonly IAnsiConsole _error;

    public CliConsole(TextWriter output, TextWriter error, bool json)
    {
        Out = output;
        Error = error;
        Json = json;
        _outIsTerminal = IsTerminal(output, Console.Out, Console.IsOutputRedirected);
        _out = Create(output, _outIsTerminal);
        _errorIsTerminal = IsTerminal(error, Console.Error, Console.IsErrorRedirected);
        _error = Create(error, _errorIsTerminal);
    }

    /// <summary>The console of a parsed command: its invocation's writers and its <c>--json</c> flag.</summary>
    public static CliConsole For(ParseResult parse) =>
        new(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue<bool>(JsonOption));

    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public bool Json { get; }

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>A command's result: <paramref name="value"/> as the JSON document with <c>--json</c>, else what <paramref name="plain"/> writes; exit code 0.</summary>
    public int Result<T>(T value, Action<TextWriter> plain)
    {
        if (Json) WriteJson(value);
        else plain(Out);
        return ExitCodes.Ok;
    }

    /// <summary>Writes a table to the output: with light rules on a terminal, as a Markdown table (plain ASCII) otherwise.</summary>
    public void Write(Table table)
    {
        if (_outIsTerminal)
        {
            table.Border = TableBorder.Simple;
            _out.Write(table);
            return;
        }
        table.Border = TableBorder.Markdown;
        var text = new StringWriter();
        Create(text, terminal: false).Write(table);
        foreach (var line in text.ToString().Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line)) Out.WriteLine(line.TrimEnd()); // the border's blank top and bottom lines go
        }
    }

    public void Info(string message) => Error.WriteLine(message);

    /// <summary>Reports a failure: as a JSON object on the output with <c>--json</c>, else as a line on the error stream.</summary>
    public int Fail(int exitCode, string message, string? errorCode = null)
    {
        if (Json) WriteJson(new { error = ErrorObject(exitCode, message, errorCode) });
        else Error.WriteLine(errorCode is null ? $"error: {message}" : $"error [{errorCode}]: {message}");
        return exitCode;
    }

    /// <summary>The <c>error</c> member of a <c>--json</c> failure: <c>{code, exitCode, message}</c>.</summary>
    public static object ErrorObject(int exitCode, string message, string? errorCode = null) =>
        new { code = errorCode ?? "cli.error", exitCode, message };

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on the error stream over <paramref name="total"/> units
    /// (a live bar on a terminal; otherwise a plain line at each milestone and one when the work is done).
    /// </summary>
    public async Task<T> ProgressAsync<T>(string description, double total, Func<ProgressTask, Task<T>> work)
    {
        ProgressTask? task = null;
        var result = await _error.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1))));
        if (!_errorIsTerminal && task is not null) Info($"{description}: done ({task.Value:N0}/{task.MaxValue:N0})");
        return result;
    }

    /// <summary>A live, coloured console only where a person watches: the real console's stream, not redirected, not CI.</summary>
    private static bool IsTerminal(TextWriter writer, TextWriter console, bool redirected) =>
        ReferenceEquals(writer, console) && !redirected
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = 400; // a log line is not wrapped at 80 columns
        return console;
    }
}
