using System.Threading.Tasks;

namespace AsyncAnalyzers.Tests.Cascade
{
    // ASYNC104 cascade: how callers and bodies are rewritten (tokens, other blocking calls, task-returning callers, lambdas).
    public sealed partial class CascadeFixTests
    {
        [Fact]
        public Task In_scope_token_is_forwarded_to_the_awaited_call()
            => Test(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Downloader
                {
                    static Task<byte[]> DownloadAsync(string url, CancellationToken cancellationToken = default) => Task.FromResult(new byte[0]);

                    byte[] Download(string url, CancellationToken cancellationToken) => [|DownloadAsync(url).Result|];
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Downloader
                {
                    static Task<byte[]> DownloadAsync(string url, CancellationToken cancellationToken = default) => Task.FromResult(new byte[0]);

                    async Task<byte[]> Download(string url, CancellationToken cancellationToken) => await DownloadAsync(url, cancellationToken);
                }
                """).RunAsync();

        [Fact]
        public Task Converted_callers_await_their_other_blocking_calls_and_keep_fire_and_forget_explicit()
            => Test(
                """
                using System.Threading.Tasks;

                class Worker
                {
                    static Task<int> FirstAsync() => Task.FromResult(1);
                    static Task<int> SecondAsync() => Task.FromResult(2);
                    static Task LogAsync() => Task.CompletedTask;

                    int First() => [|FirstAsync().Result|];

                    int Both()
                    {
                        LogAsync();
                        return First() + [|SecondAsync().GetAwaiter().GetResult()|];
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class Worker
                {
                    static Task<int> FirstAsync() => Task.FromResult(1);
                    static Task<int> SecondAsync() => Task.FromResult(2);
                    static Task LogAsync() => Task.CompletedTask;

                    async Task<int> First() => await FirstAsync();

                    async Task<int> Both()
                    {
                        _ = LogAsync();
                        return await First() + await SecondAsync();
                    }
                }
                """).RunAsync();

        [Fact]
        public Task Task_returning_method_that_blocks_becomes_async_without_touching_callers()
            => Test(
                """
                using System.Threading.Tasks;

                class Pipeline
                {
                    static Task<int> StageAsync() => Task.FromResult(1);

                    Task<int> Run()
                    {
                        var value = [|StageAsync().Result|];
                        return Task.FromResult(value + 1);
                    }

                    int Caller() => Run().Id;
                }
                """,
                """
                using System.Threading.Tasks;

                class Pipeline
                {
                    static Task<int> StageAsync() => Task.FromResult(1);

                    async Task<int> Run()
                    {
                        var value = await StageAsync();
                        return value + 1;
                    }

                    int Caller() => Run().Id;
                }
                """).RunAsync();

        [Fact]
        public Task Task_returning_method_drops_its_final_completed_task_return()
            => Test(
                """
                using System.Threading.Tasks;

                class Hooks
                {
                    static Task NotifyAsync() => Task.CompletedTask;

                    Task AfterSave(int id)
                    {
                        [|NotifyAsync().Wait()|];
                        System.Console.WriteLine(id);
                        return Task.CompletedTask;
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class Hooks
                {
                    static Task NotifyAsync() => Task.CompletedTask;

                    async Task AfterSave(int id)
                    {
                        await NotifyAsync();
                        System.Console.WriteLine(id);
                    }
                }
                """).RunAsync();

        [Fact]
        public Task Task_returning_caller_unwraps_FromResult_around_the_awaited_call()
            => Test(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class Provider
                {
                    static Task<List<int>> QueryAsync() => Task.FromResult(new List<int>());

                    List<int> Items() => [|QueryAsync().Result|];

                    Task<List<int>> GetItems(bool cached)
                    {
                        if (cached)
                        {
                            return Task.FromResult(new List<int>());
                        }

                        return Task.FromResult(Items());
                    }

                    Task Refresh()
                    {
                        return Task.Run(() => Items().Count);
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class Provider
                {
                    static Task<List<int>> QueryAsync() => Task.FromResult(new List<int>());

                    async Task<List<int>> Items() => await QueryAsync();

                    async Task<List<int>> GetItems(bool cached)
                    {
                        if (cached)
                        {
                            return new List<int>();
                        }

                        return await Items();
                    }

                    Task Refresh()
                    {
                        return Task.Run(() => [|Items().GetAwaiter().GetResult()|].Count);
                    }
                }
                """).RunAsync();

        [Fact]
        public Task Task_returning_lambda_caller_becomes_an_async_lambda()
            => Test(
                """
                using System;
                using System.Threading.Tasks;

                class Jobs
                {
                    static Task<int> RunAsync() => Task.FromResult(1);

                    int Run() => [|RunAsync().Result|];

                    Func<Task> Schedule() => () =>
                    {
                        Run();
                        return Task.CompletedTask;
                    };
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class Jobs
                {
                    static Task<int> RunAsync() => Task.FromResult(1);

                    async Task<int> Run() => await RunAsync();

                    Func<Task> Schedule() => async () =>
                    {
                        await Run();
                    };
                }
                """).RunAsync();

        [Fact]
        public Task Async_lambda_callers_await_and_sync_lambda_callers_block()
            => Test(
                """
                using System;
                using System.Threading.Tasks;

                class Ui
                {
                    static Task<int> QueryAsync() => Task.FromResult(1);

                    int Query() => [|QueryAsync().Result|];

                    void Wire()
                    {
                        Func<Task<int>> later = async () => { await Task.Yield(); return Query(); };
                        Func<int> now = () => Query();
                        _ = later;
                        _ = now;
                    }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class Ui
                {
                    static Task<int> QueryAsync() => Task.FromResult(1);

                    async Task<int> Query() => await QueryAsync();

                    void Wire()
                    {
                        Func<Task<int>> later = async () => { await Task.Yield(); return await Query(); };
                        Func<int> now = () => [|Query().GetAwaiter().GetResult()|];
                        _ = later;
                        _ = now;
                    }
                }
                """).RunAsync();
    }
}
