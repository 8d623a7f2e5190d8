using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Blocking
{
    public sealed record Customer(int Id, string Name);

    /// <summary>ASYNC102 — blocking on tasks inside async methods; ASYNC104 — the same in synchronous code.</summary>
    public sealed class CustomerService
    {
        private readonly Dictionary<int, Customer> _store = new() { [1] = new Customer(1, "Ada") };

        public Task<Customer> GetAsync(int id) => Task.Run(() => _store[id]);

        public Task AuditAsync(int id) => Task.Delay(1);

        public async Task<string> DescribeAsync(int id)
        {
            var customer = GetAsync(id).Result; // ASYNC102: fix → await GetAsync(id)
            AuditAsync(id).Wait(); // ASYNC102: fix → await AuditAsync(id)
            var again = GetAsync(id).ConfigureAwait(false).GetAwaiter().GetResult(); // ASYNC102: fix keeps ConfigureAwait
            await Task.Yield();
            return customer.Name + again.Name;
        }

        public async Task<int> TotalAsync(int[] ids)
        {
            var lookups = ids.Select(GetAsync).ToArray();
            await Task.WhenAll(lookups);

            // Not reported: every task of the materialised array is complete after WhenAll.
            var total = 0;
            foreach (var lookup in lookups)
            {
                total += lookup.Result.Id;
            }

            return total;
        }

        public async Task<bool> TryQuickAsync(int id)
        {
            var lookup = GetAsync(id);
            if (!lookup.Wait(50)) // ASYNC102: no fix, Wait(timeout) returns false instead of waiting
            {
                return false;
            }

            await Task.Yield();
            return true;
        }

        /// <summary>A synchronous API over an async one: sync-over-async.</summary>
        public string Describe(int id) => GetAsync(id).Result.Name; // ASYNC104: blocks a thread in synchronous code

        public bool IsKnown(int id)
        {
            var lookup = GetAsync(id);
            return lookup.IsCompletedSuccessfully && lookup.Result.Id == id; // not reported: guarded by IsCompletedSuccessfully
        }
    }

    /// <summary>ASYNC103 — synchronous APIs that have an async twin.</summary>
    public sealed class ReportWriter
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly BlockingCollection<string> _queue = new();

        public async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
        {
            _gate.Wait(); // ASYNC103: fix → await _gate.WaitAsync(cancellationToken)
            try
            {
                File.WriteAllText(path, text); // ASYNC103: fix → await File.WriteAllTextAsync(path, text, cancellationToken)
                using var reader = new StreamReader(path);
                var echo = reader.ReadToEnd(); // ASYNC103: fix → await reader.ReadToEndAsync(cancellationToken)
                var memory = new MemoryStream();
                memory.Write(new byte[] { 1 }, 0, 1); // not reported: in-memory stream (default exclusion table)
                await Task.Yield();
                _ = echo.Length + memory.Length;
            }
            finally
            {
                _gate.Release();
            }

            if (_gate.Wait(0)) // not reported: Wait(0) is a non-blocking try
            {
                _gate.Release();
            }
        }

        public async Task<string> NextAsync()
        {
            await Task.Yield();
            return _queue.Take(); // ASYNC103: BlockingCollection has no twin; the message points at Channel<T>
        }
    }

    /// <summary>ASYNC105 — a thread-bound lock held across await.</summary>
    public sealed class Counter
    {
        private readonly object _gate = new object();
        private int _value;

        public async Task IncrementSlowlyAsync()
        {
            Monitor.Enter(_gate); // ASYNC105: released after an await, possibly on another thread
            try
            {
                await Task.Delay(1);
                _value++;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        public async Task IncrementAsync()
        {
            lock (_gate)
            {
                _value++; // not reported: released before the await
            }

            await Task.Yield();
        }
    }
}
