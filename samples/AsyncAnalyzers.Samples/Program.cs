using System;
using System.IO;
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

            var customers = new CustomerService();
            Console.WriteLine(await customers.DescribeAsync(1));
            Console.WriteLine(await customers.TotalAsync(new[] { 1, 1 }));

            var path = Path.Combine(Path.GetTempPath(), "async-analyzers-sample.txt");
            await new ReportWriter().WriteAsync(path, "report", cts.Token);
            await new Counter().IncrementAsync();
            Console.WriteLine("done");
        }
    }
}
