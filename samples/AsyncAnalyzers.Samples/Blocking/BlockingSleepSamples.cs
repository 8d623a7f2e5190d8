using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Blocking
{
    /// <summary>ASYNC101 — blocking sleep in async code.</summary>
    public sealed class DevicePoller
    {
        private int _polls;

        public async Task<bool> WaitUntilReadyAsync(int attempts, CancellationToken cancellationToken)
        {
            for (var i = 0; i < attempts; i++)
            {
                if (await IsReadyAsync(cancellationToken))
                {
                    return true;
                }

                // Polling back-off written the "synchronous" way: holds a pool thread for 10 ms per attempt.
                Thread.Sleep(10); // ASYNC101: fix → await Task.Delay(10, cancellationToken)
            }

            return false;
        }

        private Task<bool> IsReadyAsync(CancellationToken cancellationToken)
            => Task.FromResult(Interlocked.Increment(ref _polls) > 2);

        /// <summary>Not reported: a synchronous method may sleep (ASYNC101 is about async code only).</summary>
        public void Calibrate() => Thread.Sleep(1);
    }

    public sealed class RetryingUploader
    {
        public async Task UploadAsync(string payload, CancellationToken cancellationToken)
        {
            Func<int, Task> attempt = async n =>
            {
                await Task.Yield();
                if (n == 0)
                {
                    Thread.Sleep(TimeSpan.FromMilliseconds(5)); // ASYNC101: inside an async lambda
                }
            };

            // Not ASYNC303: two counted attempts end soon; only open-ended loops must watch the token.
            for (var n = 0; n < 2; n++)
            {
                await attempt(n);
            }

            // Not reported: the lambda passed to Task.Run is synchronous and runs on a pool thread on purpose.
            await Task.Run(() => Thread.Sleep(1), cancellationToken);

            await FlushAsync();

            async Task FlushAsync()
            {
                System.Threading.Thread.Sleep(1); // ASYNC101: in an async local function, fully qualified
                await Task.Yield();
            }
        }

        public async IAsyncEnumerable<string> ChunksAsync(string payload) // ASYNC301: no cancellation token
        {
            foreach (var chunk in payload.Split(' '))
            {
                Thread.Sleep(1); // ASYNC101: inside an async iterator
                yield return chunk;
                await Task.Yield();
            }
        }
    }
}
