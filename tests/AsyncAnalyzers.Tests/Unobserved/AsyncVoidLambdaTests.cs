using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Unobserved.AsyncVoidLambdaAnalyzer, AsyncAnalyzers.CodeFixes.Unobserved.AsyncVoidLambdaCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Unobserved
{
    /// <summary>ASYNC204: async lambdas converted to void-returning delegates.</summary>
    [Trait("Rule", "ASYNC204")]
    public sealed class AsyncVoidLambdaTests
    {
        private static string Wrap(string body, string signature = "async Task M(List<int> items, CancellationToken token)") => $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task SaveAsync(int item) => Task.CompletedTask;

                {{signature}}
                {
            {{body}}
                    await Task.Yield();
                }
            }
            """;

        private static DiagnosticResult At(int marker, string kind, string type) => Verify.Diagnostic().WithLocation(marker).WithArguments(kind, type);

        [Fact]
        public Task List_ForEach_with_async_lambda_becomes_a_foreach_with_await()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            // save all
                            items.ForEach({|#0:async item =>|}
                            {
                                if (item < 0) return;
                                await SaveAsync(item);
                            });
                    """),
                At(0, "lambda", "Action<int>"),
                Wrap("""
                            // save all
                            foreach (var item in items)
                            {
                                if (item < 0) continue;
                                await SaveAsync(item);
                            }
                    """));

        [Fact]
        public Task List_ForEach_with_expression_lambda_becomes_a_foreach()
            => Verify.VerifyCodeFixAsync(
                Wrap("        items.ForEach({|#0:async (int item) =>|} await SaveAsync(item));"),
                At(0, "lambda", "Action<int>"),
                Wrap("""
                            foreach (int item in items)
                            {
                                await SaveAsync(item);
                            }
                    """));

        [Fact]
        public Task Parallel_ForEach_becomes_ForEachAsync_with_the_scope_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        Parallel.ForEach(items, {|#0:async item =>|} await SaveAsync(item));"),
                At(0, "lambda", "Action<int>"),
                Wrap("        await Parallel.ForEachAsync(items, token, async (item, cancellationToken) => await SaveAsync(item));"));

        [Fact]
        public Task Parallel_ForEach_without_token_in_scope_picks_a_free_parameter_name()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var cancellationToken = 1;\n        Parallel.ForEach(items, {|#0:async item =>|} { await SaveAsync(item + cancellationToken); });", "async Task M(List<int> items)"),
                At(0, "lambda", "Action<int>"),
                Wrap("        var cancellationToken = 1;\n        await Parallel.ForEachAsync(items, async (item, cancellationToken1) => { await SaveAsync(item + cancellationToken); });", "async Task M(List<int> items)"));

        [Fact]
        public Task List_ForEach_in_sync_method_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;

                    class C
                    {
                        void M(List<int> items) => items.ForEach({|#0:async i =>|} await Task.Delay(i));
                    }

                    """,
                At(0, "lambda", "Action<int>"),
                """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;

                    class C
                    {
                        void M(List<int> items) => items.ForEach({|#0:async i =>|} await Task.Delay(i));
                    }

                    """);

        [Fact]
        public Task Return_inside_a_nested_loop_blocks_the_foreach_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            items.ForEach({|#0:async item =>|}
                            {
                                for (var i = 0; i < item; i++) { if (i == 3) return; }
                                await SaveAsync(item);
                            });
                    """),
                At(0, "lambda", "Action<int>"),
                Wrap("""
                            items.ForEach({|#0:async item =>|}
                            {
                                for (var i = 0; i < item; i++) { if (i == 3) return; }
                                await SaveAsync(item);
                            });
                    """));

        [Fact]
        public Task Timer_thread_and_action_conversions_are_reported_without_a_fix()
            => Verify.VerifyAnalyzerAsync(
                Wrap("""
                            using var timer = new Timer({|#0:async _ =>|} await SaveAsync(1), null, 0, 1000);
                            var thread = new Thread({|#1:async () =>|} await SaveAsync(2));
                            Action later = {|#2:async delegate ()|} { await SaveAsync(3); };
                    """),
                At(0, "lambda", "TimerCallback"), At(1, "lambda", "ThreadStart"), At(2, "anonymous method", "Action"));

        [Fact]
        public Task Handler_shaped_async_void_method_group_converted_to_a_non_event_delegate_is_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    async void OnTick(object sender, EventArgs e) => await Task.Yield();

                    void M() { Action<object, EventArgs> a = {|#0:OnTick|}; a(this, EventArgs.Empty); }
                }
                """,
                At(0, "method group", "Action<object, EventArgs>"));

        [Fact]
        public Task Plain_async_void_method_group_is_left_to_ASYNC203_to_report_once()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    // Shape seen in a real server: timer callbacks declared async void and passed as method groups.
                    async void Tick(object? state) => await Task.Yield();

                    void M() { using var timer = new Timer(Tick, null, 0, 1000); Action<object?> a = Tick; a(null); }
                }
                """);

        [Fact]
        public Task Handler_shaped_lambda_assigned_to_a_variable_is_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        EventHandler handler = {|#0:async (s, e) =>|} await SaveAsync(0);"), At(0, "lambda", "EventHandler"));

        [Fact]
        public Task Event_subscription_with_handler_shape_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class Button { public event EventHandler? Click; public event EventHandler<UnhandledExceptionEventArgs>? Failed; }

                class C
                {
                    async void OnClick(object? s, EventArgs e) => await Task.Yield();

                    void M(Button b)
                    {
                        b.Click += async (s, e) => await Task.Yield();
                        b.Failed += async delegate (object? s, UnhandledExceptionEventArgs e) { await Task.Yield(); };
                        b.Click += OnClick;
                    }
                }
                """);

        [Fact]
        public Task Async_lambdas_to_Task_returning_delegates_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        Func<Task> f = async () => await SaveAsync(1);
                        await Task.Run(async () => await SaveAsync(2));
                        Func<int, ValueTask> g = async i => await SaveAsync(i);
                """));

        [Fact]
        public Task Sync_lambdas_to_Action_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        items.ForEach(item => Console.WriteLine(item));\n        Action a = () => { };"));

        [Fact]
        public Task Parallel_ForEachAsync_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        await Parallel.ForEachAsync(items, async (item, ct) => await SaveAsync(item));"));

        [Fact]
        public Task Async_Task_method_group_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        Func<int, Task> save = SaveAsync;\n        await save(1);"));

        [Fact]
        public Task Overload_with_a_Task_returning_delegate_is_preferred_and_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                static class Dispatcher
                {
                    public static void Invoke(Action action) => action();
                    public static Task Invoke(Func<Task> action) => action();
                }

                class C
                {
                    async Task M() => await Dispatcher.Invoke(async () => await Task.Yield());
                }
                """);

        [Fact]
        public Task StartNew_with_async_lambda_is_left_to_ASYNC205()
            => Verify.VerifyAnalyzerAsync(Wrap("        var nested = Task.Factory.StartNew(async () => await SaveAsync(1));\n        await await nested;"));

        [Fact]
        public Task Async_lambda_returning_a_value_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        Func<int, Task<int>> twice = async i => { await SaveAsync(i); return i * 2; };\n        await twice(1);"));

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Wrap("        Action a = async () => await SaveAsync(1);"));
    }
}
