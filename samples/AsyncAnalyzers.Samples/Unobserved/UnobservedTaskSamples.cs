using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Unobserved
{
    public interface ISettingsStore
    {
        Task SaveAsync();
    }

    /// <summary>ASYNC201 and ASYNC202 — tasks nobody observes.</summary>
    public sealed class SettingsPage
    {
        private readonly ISettingsStore? _store;

        public SettingsPage(ISettingsStore? store) => _store = store;

        public void OnChanged()
        {
            _store?.SaveAsync(); // ASYNC201: dropped task (CS4014 is silent in sync code and for '?.')
            Task.Run(() => Console.WriteLine("reindex")); // ASYNC201: fix → _ = Task.Run(…)
            _ = Task.Delay(1); // not reported: explicit discard
        }

        public async Task OnClosedAsync()
        {
            _store?.SaveAsync(); // ASYNC201: fix → await (_store?.SaveAsync() ?? Task.CompletedTask)
            var flush = Task.Delay(1); // ASYNC202: stored and never awaited
            await Task.Yield();
        }
    }

    /// <summary>ASYNC203 and ASYNC204 — async void.</summary>
    public sealed class Refresher
    {
        public event EventHandler? Refreshed;

        public async void Refresh() // ASYNC203: fix → async Task (no delegate conversion of Refresh exists)
        {
            await Task.Delay(1);
            Refreshed?.Invoke(this, EventArgs.Empty);
        }

        public async void OnTimerTick(object? sender, EventArgs e) => await Task.Yield(); // not reported: event handler shape

        public async Task RefreshAllAsync(List<int> ids)
        {
            ids.ForEach(async id => await Task.Delay(id)); // ASYNC204: List.ForEach returns at the first await; fix → foreach
            Refreshed += async (s, e) => await Task.Yield(); // not reported: event subscription with handler shape
            await Task.Yield();
        }
    }

    /// <summary>ASYNC205, ASYNC206, ASYNC207.</summary>
    public sealed class Importer
    {
        private Task<int> ImportAsync(int id) => Task.FromResult(id);

        public async Task RunAsync(int[] ids)
        {
            await Task.Factory.StartNew(async () => await ImportAsync(1)); // ASYNC205: waits only for the start; fix → Task.Run

            var imports = ids.Select(ImportAsync); // ASYNC206: enumerated twice, every import runs twice
            await Task.WhenAll(imports);
            Console.WriteLine(imports.Count());

            var once = ids.Select(ImportAsync); // not reported: a single WhenAll
            await Task.WhenAll(once);
        }

        public Task<string> ReadHeaderAsync(string path)
        {
            using var reader = new StreamReader(path);
            return reader.ReadLineAsync()!; // ASYNC207: the reader is disposed before the read completes
        }
    }
}
