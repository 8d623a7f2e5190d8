using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Samples.Blocking;

namespace AsyncAnalyzers.Samples
{
    public static class Program
    {
        public static async Task Main()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var poller = new DevicePoller();
            Console.WriteLine($"device ready: {await poller.WaitUntilReadyAsync(attempts: 3, cts.Token)}");
            await new RetryingUploader().UploadAsync("payload", cts.Token);
            Console.WriteLine("done");
        }
    }
}
