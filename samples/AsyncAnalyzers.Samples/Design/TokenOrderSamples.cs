using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Design
{
    /// <summary>ASYNC606 — the CancellationToken goes last.</summary>
    public static class Exporter
    {
        internal static async Task ExportAsync(CancellationToken cancellationToken, string path, IProgress<int> progress) // ASYNC606: fix → (path, progress, cancellationToken), calls updated
        {
            await File.WriteAllTextAsync(path, "done", cancellationToken);
            progress.Report(100);
        }

        internal static Task RunAsync(IProgress<int> progress, CancellationToken cancellationToken)
            => ExportAsync(cancellationToken, "export.txt", progress);
    }
}
