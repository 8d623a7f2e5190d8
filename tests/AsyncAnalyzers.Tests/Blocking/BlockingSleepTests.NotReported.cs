using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.BlockingSleepAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.BlockingSleepCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    // ASYNC101: code that must not be reported.
    public sealed partial class BlockingSleepTests
    {
        [Fact]
        public Task Sleep_in_sync_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;

                class C
                {
                    void M() => Thread.Sleep(100);
                }
                """);

        [Fact]
        public Task Sleep_in_task_returning_method_without_async_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Task M()
                    {
                        Thread.Sleep(100);
                        return Task.CompletedTask;
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_sync_lambda_inside_async_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        Action pause = () => Thread.Sleep(10);
                        await Task.Run(() => Thread.Sleep(10));
                        pause();
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_sync_local_function_inside_async_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Yield();
                        Pause();

                        void Pause() => Thread.Sleep(10);
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_sync_lambda_nested_in_async_lambda_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<Task> Work = async () =>
                    {
                        await Task.Yield();
                        Action inner = delegate { Thread.Sleep(1); };
                        inner();
                    };
                }
                """);

        [Fact]
        public Task Top_level_statements_without_await_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;

                Thread.Sleep(250);
                System.Console.WriteLine("done");
                """);

        [Fact]
        public Task Sync_iterator_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading;

                class C
                {
                    IEnumerable<int> Numbers()
                    {
                        Thread.Sleep(1);
                        yield return 1;
                    }
                }
                """);

        [Fact]
        public Task Other_thread_members_and_other_Sleep_methods_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                static class Device
                {
                    public static void Sleep(int ms) { }
                }

                class C
                {
                    async Task M()
                    {
                        Thread.SpinWait(10);
                        Thread.Yield();
                        Device.Sleep(10);
                        var name = nameof(Thread.Sleep);
                        await Task.Delay(10);
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_expression_tree_inside_async_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Linq.Expressions;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        Expression<Action> pause = () => Thread.Sleep(1);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_constructor_and_property_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;

                class C
                {
                    C() { Thread.Sleep(1); }

                    int P
                    {
                        get { Thread.Sleep(1); return 1; }
                    }
                }
                """);

        [Fact]
        public async Task Generated_code_is_not_reported()
        {
            var test = new AnalyzerTest<BlockingSleepAnalyzer>();
            test.TestState.Sources.Add(
                """
                // <auto-generated/>
                using System.Threading;
                using System.Threading.Tasks;

                class Generated
                {
                    async Task M()
                    {
                        Thread.Sleep(1);
                        await Task.Yield();
                    }
                }
                """);
            test.TestState.Sources.Add((
                "/0/Client.g.cs",
                """
                using System.Threading;
                using System.Threading.Tasks;

                class GeneratedByName
                {
                    async Task M()
                    {
                        Thread.Sleep(1);
                        await Task.Yield();
                    }
                }
                """));
            await test.RunAsync();
        }
    }
}
