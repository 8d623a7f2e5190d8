using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Design
{
    /// <summary>
    /// ASYNC604 — the only await is the last one. The rule ships disabled (opinions differ); samples/.editorconfig switches
    /// it on for this file only.
    /// </summary>
    public static class ReportReader
    {
        public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken) // ASYNC604: fix → Task<string> ReadAsync(…) => File.ReadAllTextAsync(path, cancellationToken) without async/await
        {
            var fullPath = Path.GetFullPath(path);
            return await File.ReadAllTextAsync(fullPath, cancellationToken);
        }

        /// <summary>Not reported: the reader must stay open until the read completes (ASYNC207's case).</summary>
        public static async Task<string> ReadToEndAsync(string path)
        {
            using var reader = new StreamReader(path);
            return await reader.ReadToEndAsync();
        }
    }
}
