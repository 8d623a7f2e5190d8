using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Design
{
    /// <summary>ASYNC605 — argument checks in an async method fail on the task, not at the call.</summary>
    public static class ReportArchive
    {
        public static async Task SaveAsync(string path, string text, CancellationToken cancellationToken)
        {
            ArgumentException.ThrowIfNullOrEmpty(path); // ASYNC605: fix → a non-async SaveAsync that checks and returns SaveCoreAsync()
            await File.WriteAllTextAsync(path, text, cancellationToken);
        }

        /// <summary>Not reported: the check runs at the call, the async part is a local function.</summary>
        public static Task AppendAsync(string path, string text, CancellationToken cancellationToken)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            return AppendCoreAsync();

            async Task AppendCoreAsync() => await File.AppendAllTextAsync(path, text, cancellationToken);
        }
    }
}
