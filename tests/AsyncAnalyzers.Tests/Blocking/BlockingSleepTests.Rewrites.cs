using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.BlockingSleepAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.BlockingSleepCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    // ASYNC101: what the fix writes (usings, trivia, Fix All, places await is illegal, ConfigureAwait convention).
    public sealed partial class BlockingSleepTests
    {
        [Fact]
        public Task Missing_using_is_added_and_fully_qualified_call_is_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                class C
                {
                    async System.Threading.Tasks.Task M()
                    {
                        [|System.Threading.Thread.Sleep(5)|];
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class C
                {
                    async System.Threading.Tasks.Task M()
                    {
                        await Task.Delay(5);
                    }
                }
                """);

        [Fact]
        public Task Using_static_Sleep_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                using static System.Threading.Thread;

                class C
                {
                    async Task M()
                    {
                        [|Sleep(5)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                using static System.Threading.Thread;

                class C
                {
                    async Task M()
                    {
                        await Task.Delay(5);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Comments_and_trivia_are_kept()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        // wait for the device to settle
                        [|Thread.Sleep(/* ms */ 100)|]; // tuned on hardware
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
                        // wait for the device to settle
                        await Task.Delay(/* ms */ 100); // tuned on hardware
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_catch_and_finally_of_async_method_is_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        try
                        {
                            await Task.Yield();
                        }
                        catch (InvalidOperationException)
                        {
                            [|Thread.Sleep(1)|];
                        }
                        finally
                        {
                            [|Thread.Sleep(2)|];
                        }
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
                        try
                        {
                            await Task.Yield();
                        }
                        catch (InvalidOperationException)
                        {
                            await Task.Delay(1);
                        }
                        finally
                        {
                            await Task.Delay(2);
                        }
                    }
                }
                """);

        [Fact]
        public Task Async_void_event_handler_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async void OnClick(object sender, EventArgs e)
                    {
                        [|Thread.Sleep(10)|];
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
                    async void OnClick(object sender, EventArgs e)
                    {
                        await Task.Delay(10);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public async Task Fix_all_rewrites_every_sleep_across_documents()
        {
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>();
            test.TestState.Sources.Add(
                """
                using System.Threading;

                class A
                {
                    async System.Threading.Tasks.Task M()
                    {
                        [|Thread.Sleep(1)|];
                        [|Thread.Sleep(2)|];
                    }
                }
                """);
            test.TestState.Sources.Add(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class B
                {
                    async Task M(CancellationToken ct)
                    {
                        [|Thread.Sleep(3)|];
                    }
                }
                """);
            test.FixedState.Sources.Add(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class A
                {
                    async System.Threading.Tasks.Task M()
                    {
                        await Task.Delay(1);
                        await Task.Delay(2);
                    }
                }
                """);
            test.FixedState.Sources.Add(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class B
                {
                    async Task M(CancellationToken ct)
                    {
                        await Task.Delay(3, ct);
                    }
                }
                """);
            await test.RunAsync();
        }

        [Fact]
        public Task Task_is_written_fully_qualified_when_another_Task_type_is_in_scope()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;

                namespace Scheduling
                {
                    class Task { }

                    class C
                    {
                        async System.Threading.Tasks.Task M()
                        {
                            [|Thread.Sleep(5)|];
                        }
                    }
                }
                """,
                """
                using System.Threading;

                namespace Scheduling
                {
                    class Task { }

                    class C
                    {
                        async System.Threading.Tasks.Task M()
                        {
                            await System.Threading.Tasks.Task.Delay(5);
                        }
                    }
                }
                """);

        [Fact]
        public async Task No_using_is_added_when_a_global_using_brings_Task_into_scope()
        {
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>();
            test.TestState.Sources.Add(
                """
                class C
                {
                    async System.Threading.Tasks.Task M()
                    {
                        [|System.Threading.Thread.Sleep(5)|];
                    }
                }
                """);
            test.TestState.Sources.Add("global using System.Threading.Tasks;\n");
            test.FixedState.Sources.Add(
                """
                class C
                {
                    async System.Threading.Tasks.Task M()
                    {
                        await Task.Delay(5);
                    }
                }
                """);
            test.FixedState.Sources.Add("global using System.Threading.Tasks;\n");
            await test.RunAsync();
        }

        [Fact]
        public Task Sleep_inside_lock_is_reported_without_a_fix_because_await_is_illegal_there()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    private readonly object _gate = new object();

                    async Task M()
                    {
                        lock (_gate)
                        {
                            [|Thread.Sleep(10)|];
                        }

                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    private readonly object _gate = new object();

                    async Task M()
                    {
                        lock (_gate)
                        {
                            [|Thread.Sleep(10)|];
                        }

                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Sleep_inside_unsafe_block_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Yield();
                        unsafe
                        {
                            [|Thread.Sleep(10)|];
                        }
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
                        await Task.Yield();
                        unsafe
                        {
                            [|Thread.Sleep(10)|];
                        }
                    }
                }
                """);

        [Fact]
        public Task New_awaits_keep_the_types_ConfigureAwait_false_convention()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Library
                {
                    async Task M(CancellationToken token)
                    {
                        [|Thread.Sleep(10)|];
                        await Task.Delay(5).ConfigureAwait(false);
                    }

                    async Task N() => await Task.Delay(1).ConfigureAwait(false);
                }

                class Mixed
                {
                    async Task M()
                    {
                        [|Thread.Sleep(10)|];
                        await Task.Delay(1).ConfigureAwait(false);
                        await Task.Delay(2);
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Library
                {
                    async Task M(CancellationToken token)
                    {
                        await Task.Delay(10, token).ConfigureAwait(false);
                        await Task.Delay(5).ConfigureAwait(false);
                    }

                    async Task N() => await Task.Delay(1).ConfigureAwait(false);
                }

                class Mixed
                {
                    async Task M()
                    {
                        await Task.Delay(10);
                        await Task.Delay(1).ConfigureAwait(false);
                        await Task.Delay(2);
                    }
                }
                """);
    }
}
