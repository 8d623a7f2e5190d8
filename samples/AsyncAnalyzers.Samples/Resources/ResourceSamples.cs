using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Resources
{
    /// <summary>ASYNC401 — async-disposable resources disposed synchronously in async code.</summary>
    public sealed class ReportWriter
    {
        public async Task WriteAsync(string path, IEnumerable<string> lines, CancellationToken cancellationToken)
        {
            // Dispose flushes the writer's buffer to disk: synchronous I/O on the async method's thread.
            using var writer = new StreamWriter(path); // ASYNC401: fix → await using var writer = …
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
            }
        }

        public async Task AppendAsync(Stream target, byte[] data, CancellationToken cancellationToken)
        {
            await target.WriteAsync(data, cancellationToken);
            target.Dispose(); // ASYNC401: fix → await target.DisposeAsync()
        }

        /// <summary>Not reported: an in-memory stream disposes synchronously at no cost.</summary>
        public async Task<int> MeasureAsync(byte[] data)
        {
            using var buffer = new MemoryStream(data);
            await Task.Yield();
            return (int)buffer.Length;
        }
    }

    /// <summary>ASYNC402 — an async enumerator that is never disposed.</summary>
    public static class FirstItem
    {
        public static async Task<T?> FirstOrDefaultAsync<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
        {
            // The iterator's finally blocks (closing a reader, a connection) never run.
            var enumerator = items.GetAsyncEnumerator(cancellationToken); // ASYNC402: fix → await using var enumerator = …
            return await enumerator.MoveNextAsync() ? enumerator.Current : default;
        }

        /// <summary>Not reported: await foreach disposes the enumerator.</summary>
        public static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
        {
            var count = 0;
            await foreach (var _ in items.WithCancellation(cancellationToken))
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>ASYNC403 — a new HttpClient per call.</summary>
    public sealed class WeatherClient
    {
        private static readonly HttpClient Shared = new HttpClient { Timeout = TimeSpan.FromSeconds(10) }; // not reported: one per application

        public async Task<string> ForecastAsync(string city, CancellationToken cancellationToken)
        {
            // A connection pool per call: sockets pile up in TIME_WAIT under load.
            using var client = new HttpClient(); // ASYNC403: reuse one client (static/singleton or IHttpClientFactory)
            return await client.GetStringAsync("https://example.org/weather/" + city, cancellationToken);
        }

        public Task<string> ForecastSharedAsync(string city, CancellationToken cancellationToken)
            => Shared.GetStringAsync("https://example.org/weather/" + city, cancellationToken);
    }
}
