using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Cancellation
{
    /// <summary>ASYNC301–ASYNC304 — cancellation that gets lost.</summary>
    public sealed class LogTail
    {
        public async IAsyncEnumerable<string> LinesAsync(string path) // ASYNC301: no token, WithCancellation cannot stop it
        {
            using var reader = new StreamReader(path);
            string? line;
            while ((line = await reader.ReadLineAsync()) != null)
            {
                yield return line;
            }
        }

        public async IAsyncEnumerable<int> CountsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < 3; i++) // not reported: the body passes the token
            {
                await Task.Delay(1, cancellationToken);
                yield return i;
            }
        }

        public async Task<int> CountLinesAsync(string path, CancellationToken cancellationToken)
        {
            var count = 0;
            await foreach (var line in LinesAsync(path)) // ASYNC302: fix → LinesAsync(path).WithCancellation(cancellationToken)
            {
                count++;
            }

            await Task.Delay(1); // ASYNC302: fix → Task.Delay(1, cancellationToken)
            return count;
        }

        public async Task PollAsync(Func<Task<bool>> ready, CancellationToken cancellationToken)
        {
            while (!await ready()) // ASYNC303: never checks cancellationToken
            {
                await Task.Yield();
            }
        }

        public async Task<bool> TrySendAsync(Stream stream, byte[] payload, CancellationToken cancellationToken)
        {
            try
            {
                await stream.WriteAsync(payload, cancellationToken);
                return true;
            }
            catch (Exception ex) // ASYNC304: also swallows the OperationCanceledException of cancellationToken
            {
                Console.WriteLine(ex.Message);
                return false;
            }
        }
    }
}
