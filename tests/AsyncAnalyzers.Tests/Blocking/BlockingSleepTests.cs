using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.BlockingSleepAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.BlockingSleepCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>ASYNC101: Thread.Sleep in async code.</summary>
    [Trait("Rule", "ASYNC101")]
    public sealed partial class BlockingSleepTests
    {
        [Fact]
        public Task Sleep_in_async_method_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|Thread.Sleep(100)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Delay(100);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_async_lambda_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    void M()
                    {
                        Func<Task> work = async () =>
                        {
                            [|Thread.Sleep(10)|];
                            await Task.Yield();
                        };
                    }
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    void M()
                    {
                        Func<Task> work = async () =>
                        {
                            await Task.Delay(10);
                            await Task.Yield();
                        };
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_expression_bodied_async_lambda_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<Task> Work = async () => [|Thread.Sleep(10)|];
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<Task> Work = async () => await Task.Delay(10);
                }
                """);

        [Fact]
        public Task Sleep_in_async_anonymous_method_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<int, Task> Work = async delegate (int delay)
                    {
                        [|Thread.Sleep(delay)|];
                        await Task.Yield();
                    };
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<int, Task> Work = async delegate (int delay)
                    {
                        await Task.Delay(delay);
                        await Task.Yield();
                    };
                }
                """);

        [Fact]
        public Task Sleep_in_async_local_function_inside_sync_method_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Task M()
                    {
                        return Local();

                        async Task Local()
                        {
                            [|Thread.Sleep(5)|];
                            await Task.Yield();
                        }
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Task M()
                    {
                        return Local();

                        async Task Local()
                        {
                            await Task.Delay(5);
                            await Task.Yield();
                        }
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_top_level_statements_that_await_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                await Task.Yield();
                [|Thread.Sleep(250)|];
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                await Task.Yield();
                await Task.Delay(250);
                """);

        [Fact]
        public Task Sleep_in_async_iterator_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.Threading;

                class C
                {
                    async IAsyncEnumerable<int> Numbers()
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            [|Thread.Sleep(10)|];
                            yield return i;
                        }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> Numbers()
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            await Task.Delay(10);
                            yield return i;
                        }
                    }
                }
                """);

        [Fact]
        public Task TimeSpan_overload_is_fixed_to_the_TimeSpan_delay()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|Thread.Sleep(TimeSpan.FromSeconds(1))|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1));
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Named_argument_is_dropped_because_Delay_names_it_differently()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|Thread.Sleep(millisecondsTimeout: 10)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Delay(10);
                        await Task.Yield();
                    }
                }
                """);
    }
}
