using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.BlockingSleepAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.BlockingSleepCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    // ASYNC101: which cancellation token the fix passes to Task.Delay.
    public sealed partial class BlockingSleepTests
    {
        [Fact]
        public Task Token_parameter_of_the_method_is_forwarded()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task PollAsync(int attempts, CancellationToken cancellationToken)
                    {
                        for (var i = 0; i < attempts; i++)
                        {
                            [|Thread.Sleep(1000)|];
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
                    async Task PollAsync(int attempts, CancellationToken cancellationToken)
                    {
                        for (var i = 0; i < attempts; i++)
                        {
                            await Task.Delay(1000, cancellationToken);
                            await Task.Yield();
                        }
                    }
                }
                """);

        [Fact]
        public Task Token_of_the_lambda_is_preferred_over_the_method_token()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    void M(CancellationToken outer)
                    {
                        Func<CancellationToken, Task> work = async inner =>
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
                    void M(CancellationToken outer)
                    {
                        Func<CancellationToken, Task> work = async inner =>
                        {
                            await Task.Delay(10, inner);
                            await Task.Yield();
                        };
                    }
                }
                """);

        [Fact]
        public Task Token_of_the_enclosing_method_is_forwarded_into_a_lambda_without_one()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<Task> M(CancellationToken token)
                        => async () =>
                        {
                            [|Thread.Sleep(10)|];
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
                    Func<Task> M(CancellationToken token)
                        => async () =>
                        {
                            await Task.Delay(10, token);
                            await Task.Yield();
                        };
                }
                """);

        [Fact]
        public Task Two_token_parameters_are_never_guessed_between()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(CancellationToken first, CancellationToken second)
                    {
                        [|Thread.Sleep(10)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(CancellationToken first, CancellationToken second)
                    {
                        await Task.Delay(10);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Local_token_source_is_forwarded_as_its_Token()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        using var cts = new CancellationTokenSource();
                        [|Thread.Sleep(10)|];
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
                        using var cts = new CancellationTokenSource();
                        await Task.Delay(10, cts.Token);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task A_local_token_declared_after_the_sleep_is_not_used()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|Thread.Sleep(10)|];
                        var token = CancellationToken.None;
                        await Task.Delay(1, token);
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
                        var token = CancellationToken.None;
                        await Task.Delay(1, token);
                    }
                }
                """);

        [Fact]
        public async Task Token_local_of_top_level_statements_is_not_written_into_methods_elsewhere()
        {
            // Lookup offers 'cts' inside Worker.RunAsync (both files), but using it there is CS8801.
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>();
            test.TestState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                var cts = new CancellationTokenSource();
                await new Worker().RunAsync();
                await Helper.WaitAsync();

                class Helper
                {
                    public static async Task WaitAsync()
                    {
                        [|Thread.Sleep(5)|];
                        await Task.Yield();
                    }
                }
                """);
            test.TestState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                class Worker
                {
                    public async Task RunAsync()
                    {
                        [|Thread.Sleep(10)|];
                        await Task.Yield();
                    }
                }
                """);
            test.FixedState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                var cts = new CancellationTokenSource();
                await new Worker().RunAsync();
                await Helper.WaitAsync();

                class Helper
                {
                    public static async Task WaitAsync()
                    {
                        await Task.Delay(5);
                        await Task.Yield();
                    }
                }
                """);
            test.FixedState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                class Worker
                {
                    public async Task RunAsync()
                    {
                        await Task.Delay(10);
                        await Task.Yield();
                    }
                }
                """);
            await test.RunAsync();
        }
    }
}
