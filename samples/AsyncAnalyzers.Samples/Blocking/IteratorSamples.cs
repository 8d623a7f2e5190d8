using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Blocking
{
    /// <summary>ASYNC106 — the seed's generator: one HTTP request per item, made synchronously.</summary>
    public sealed class StatusChecker
    {
        private static readonly HttpClient Client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        // Fix "Convert 'Statuses' to an async iterator": async IAsyncEnumerable<string> with a token, await SendAsync,
        // and the foreach below becomes await foreach.
        private static IEnumerable<string> Statuses(IEnumerable<string> urls) // ASYNC106: blocking HttpClient.Send per item
        {
            foreach (var url in urls)
            {
                using var response = Client.Send(new HttpRequestMessage(HttpMethod.Head, url));
                yield return url + " " + (int)response.StatusCode;
            }
        }

        public async Task<int> CountHealthyAsync(IEnumerable<string> urls, CancellationToken cancellationToken)
        {
            var healthy = 0;
            foreach (var status in Statuses(urls))
            {
                if (status.EndsWith(" 200", StringComparison.Ordinal))
                {
                    healthy++;
                }
            }

            await Task.Delay(1, cancellationToken);
            return healthy;
        }
    }
}
