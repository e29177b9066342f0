namespace OpenLedger.Actors.Silo.Demo;

/// <summary>A progress bar on a terminal; on redirected output, a line every 10 %.</summary>
public sealed class ConsoleProgress(string label, int total)
{
    private readonly object _gate = new();
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private int _done;
    private int _lastDecile = -1;
    private int _lastDrawn = -1;

    public void Advance()
    {
        var done = Interlocked.Increment(ref _done);
        lock (_gate)
        {
            if (_interactive)
            {
                var width = 40;
                var filled = (int)((long)done * width / total);
                if (filled == _lastDrawn && done != total) return;
                _lastDrawn = filled;
                Console.Write($"\r{label} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total}");
                if (done == total) Console.WriteLine();
            }
            else
            {
                var decile = (int)((long)done * 10 / total);
                if (decile == _lastDecile) return;
                _lastDecile = decile;
                Console.WriteLine($"{label}: {done}/{total} ({decile * 10} %)");
            }
        }
    }
}
