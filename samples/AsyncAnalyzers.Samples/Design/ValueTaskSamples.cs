using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Design
{
    /// <summary>ASYNC603 — a ValueTask may be consumed once.</summary>
    public static class ChunkReader
    {
        public static async Task<int> ReadTwiceAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
        {
            var pending = stream.ReadAsync(buffer, cancellationToken); // fix → stream.ReadAsync(buffer, cancellationToken).AsTask()
            if (await pending == 0)
            {
                return 0;
            }

            return await pending; // ASYNC603: the second await may read another operation's result
        }

        /// <summary>Not reported: each branch consumes the value once.</summary>
        public static async Task<int> ReadOnceAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
        {
            var pending = stream.ReadAsync(buffer, cancellationToken);
            return pending.IsCompletedSuccessfully ? pending.Result : await pending;
        }
    }
}
