using System.IO;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Design
{
    /// <summary>
    /// ASYNC601 — library code resuming on its caller's context. The rule ships disabled; samples/.editorconfig switches it
    /// on and makes this file count as library code (configure_await = always).
    /// </summary>
    public static class ReportLoader
    {
        public static async Task<int> LengthAsync(string path)
        {
            var text = await File.ReadAllTextAsync(path); // ASYNC601: fix → await File.ReadAllTextAsync(path).ConfigureAwait(false)
            await Task.Yield(); // not reported: Task.Yield() has no ConfigureAwait
            return text.Length;
        }
    }
}
