using System.Globalization;

namespace OpenLedger.Actors.Cli.Output;

/// <summary>
/// Progress of long work on the error stream: a bar redrawn in place on a terminal, otherwise a plain line
/// each time another tenth of the work is done (logs and CI stay readable).
/// </summary>
public sealed class ProgressReporter(CliConsole console, string what, long total)
{
    private const int BarWidth = 30;
    private long _done;
    private int _lastTenth = -1;

    public void Advance(long count)
    {
        _done = Math.Min(total, _done + count);
        var fraction = total == 0 ? 1.0 : (double)_done / total;
        if (console.ErrorIsTerminal)
        {
            var filled = (int)Math.Round(fraction * BarWidth);
            console.Error.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r{what} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {_done:N0}/{total:N0} {fraction * 100,3:F0}%"));
            if (_done == total) console.Error.WriteLine();
            return;
        }
        var tenth = (int)(fraction * 10);
        if (tenth == _lastTenth && _done != total) return;
        _lastTenth = tenth;
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {_done:N0}/{total:N0} ({fraction * 100:F0}%)"));
    }
}
