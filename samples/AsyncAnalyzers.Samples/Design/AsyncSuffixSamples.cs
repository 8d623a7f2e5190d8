using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Design
{
    /// <summary>
    /// ASYNC602 — the Async suffix. The rule ships disabled (naming is a team's choice); samples/.editorconfig switches it on
    /// for this file only.
    /// </summary>
    public static class ConfigFiles
    {
        public static Task<string> Load(string path, CancellationToken cancellationToken) // ASYNC602: fix → renamed LoadAsync, callers too
            => File.ReadAllTextAsync(path, cancellationToken);

        public static int CountLinesAsync(string text) // ASYNC602: synchronous — fix → renamed CountLines
            => text.Split('\n').Length;

        /// <summary>Not reported: the name says what callers must do.</summary>
        public static async Task<int> LoadAndCountAsync(string path, CancellationToken cancellationToken)
            => CountLinesAsync(await Load(path, cancellationToken));
    }
}
