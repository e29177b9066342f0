using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenLedger.Actors.IntegrationTests.Security;

/// <summary>
/// Counts a client's refused connection attempts, from the client's own log: Orleans' connection manager logs a
/// warning "Connection attempt to endpoint … failed" each time a gateway closes a new connection (a TLS handshake it
/// refused) and then retries with a growing delay, forever. A test that a client cannot connect waits for refusals,
/// the thing that shows it, instead of for a start that never ends to time out.
/// </summary>
internal sealed class GatewayRefusals : ILoggerProvider
{
    private const string Category = "Orleans.Runtime.Messaging.ConnectionManager";
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _count;

    /// <summary>Adds this log observer to a client (pass as the client's configure action).</summary>
    public void Observe(IClientBuilder client) => client.Services.AddLogging(logging => logging.AddProvider(this));

    /// <summary>Completes once <paramref name="count"/> connection attempts were refused.</summary>
    public Task WaitAsync(int count)
    {
        lock (_gate)
        {
            if (_count >= count) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    private void Refused()
    {
        lock (_gate)
        {
            _count++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _count)) waiter.Reached.TrySetResult();
        }
    }

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Observer(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Observer(GatewayRefusals refusals) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (logLevel >= LogLevel.Warning && message.StartsWith("Connection attempt to endpoint", StringComparison.Ordinal) && message.Contains("failed", StringComparison.Ordinal))
                refusals.Refused();
        }
    }
}
