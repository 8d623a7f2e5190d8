using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Design
{
    /// <summary>ASYNC501 and ASYNC503 — null tasks.</summary>
    public sealed class OrderSaver
    {
        private readonly OrderStore? _audit;

        public OrderSaver(OrderStore? audit) => _audit = audit;

        public Task SaveAsync(bool dirty, CancellationToken cancellationToken)
        {
            if (!dirty)
            {
                return null!; // ASYNC501: fix → return Task.CompletedTask;
            }

            return Task.Delay(1, cancellationToken);
        }

        public async Task AuditAsync(CancellationToken cancellationToken)
        {
            await _audit?.WriteAsync(cancellationToken)!; // ASYNC503: fix → await (_audit?.WriteAsync(cancellationToken) ?? Task.CompletedTask)
        }

        /// <summary>Not reported: the return type says callers must check.</summary>
        public Task? Pending() => null;
    }

    public sealed class OrderStore
    {
        private int _writes;

        public Task WriteAsync(CancellationToken cancellationToken)
        {
            _writes++;
            return Task.Delay(1, cancellationToken);
        }

        public async Task<int> CountAsync() => _writes; // ASYNC502: fix → Task<int> CountAsync() => Task.FromResult<int>(_writes);

        /// <summary>Not reported: only throws (a placeholder, or a member a contract requires).</summary>
        public async Task ClearAsync() => throw new System.NotSupportedException();
    }

    /// <summary>ASYNC505 — a timeout that stops the wait, not the work.</summary>
    public static class Downloader
    {
        public static async Task<bool> TryFetchAsync(System.Net.Http.HttpClient client, string url)
        {
            var first = await Task.WhenAny(client.GetStringAsync(url), Task.Delay(5000)); // ASYNC505: fix → a source with CancelAfter(5000), its token to GetStringAsync
            return first is Task<string>;
        }
    }

    /// <summary>ASYNC506 — one at a time, though nothing depends on the previous one (the rule ships disabled; samples/.editorconfig switches it on).</summary>
    public static class Mirror
    {
        public static async Task DownloadAllAsync(System.Net.Http.HttpClient client, System.Collections.Generic.IEnumerable<string> urls)
        {
            foreach (var url in urls) // ASYNC506: fix → await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = … }, async (url, ct) => await client.GetStringAsync(url))
            {
                await client.GetStringAsync(url);
            }
        }
    }

    /// <summary>ASYNC507 — every item at once.</summary>
    public static class Notifier
    {
        public static async Task NotifyAllAsync(System.Collections.Generic.IEnumerable<string> users, OrderStore store, CancellationToken cancellationToken)
        {
            await Task.WhenAll(System.Linq.Enumerable.Select(users, async user => await store.WriteAsync(cancellationToken))); // ASYNC507: fix → Parallel.ForEachAsync with MaxDegreeOfParallelism
        }
    }

    /// <summary>ASYNC504 — continuations run inline on the completing thread.</summary>
    public sealed class ReplyChannel
    {
        private readonly TaskCompletionSource<string> _reply = new(); // ASYNC504: fix → new(TaskCreationOptions.RunContinuationsAsynchronously)

        public Task<string> Reply => _reply.Task;

        public void Complete(string message) => _reply.TrySetResult(message);
    }
}
