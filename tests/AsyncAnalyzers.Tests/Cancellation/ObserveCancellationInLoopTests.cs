using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Cancellation.ObserveCancellationInLoopAnalyzer, AsyncAnalyzers.CodeFixes.Cancellation.ObserveCancellationInLoopCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Cancellation
{
    /// <summary>ASYNC303: loops that never observe the token.</summary>
    public sealed class ObserveCancellationInLoopTests
    {
        private static string Wrap(string body, string parameters = "CancellationToken cancellationToken") => $$"""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task StepAsync() => Task.CompletedTask;

                async Task M(int[] items, {{parameters}})
                {
            {{body}}
                }
            }
            """;

        private static DiagnosticResult At(int marker, string token) => Verify.Diagnostic().WithLocation(marker).WithArguments(token);

        [Fact]
        public Task Polling_loop_gets_a_check_first()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var pending = true;\n        {|#0:while|} (pending)\n        {\n            // one step\n            await StepAsync();\n            pending = items[0] != 0;\n        }"),
                At(0, "cancellationToken"),
                Wrap("        var pending = true;\n        while (pending)\n        {\n            cancellationToken.ThrowIfCancellationRequested();\n            // one step\n            await StepAsync();\n            pending = items[0] != 0;\n        }"));

        [Fact]
        public Task Endless_for_and_consuming_foreach_are_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var queue = new System.Collections.Concurrent.BlockingCollection<int>();\n        {|#0:foreach|} (var item in queue.GetConsumingEnumerable())\n        {\n            await StepAsync();\n        }\n\n        {|#1:for|} (;;)\n        {\n            await StepAsync();\n        }"),
                new[] { At(0, "cancellationToken"), At(1, "cancellationToken") },
                Wrap("        var queue = new System.Collections.Concurrent.BlockingCollection<int>();\n        foreach (var item in queue.GetConsumingEnumerable())\n        {\n            cancellationToken.ThrowIfCancellationRequested();\n            await StepAsync();\n        }\n\n        for (;;)\n        {\n            cancellationToken.ThrowIfCancellationRequested();\n            await StepAsync();\n        }"));

        [Fact]
        public Task Loop_body_without_braces_is_wrapped()
            => Verify.VerifyCodeFixAsync(
                Wrap("        {|#0:while|} (true)\n            await StepAsync();"),
                At(0, "cancellationToken"),
                Wrap("        while (true)\n        {\n            cancellationToken.ThrowIfCancellationRequested();\n            await StepAsync();\n        }"));

        [Fact]
        public Task Bounded_loops_over_collections_and_counts_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        // Stopping these half-way can leave state half-moved; they end with their collection anyway.
                        foreach (var item in items)
                        {
                            await StepAsync();
                        }

                        for (var i = 0; i < items.Length; i++)
                        {
                            await StepAsync();
                        }

                        var left = 3;
                        while (left-- > 0)
                        {
                            await StepAsync();
                        }

                        var map = new Dictionary<int, int>();
                        foreach (var pair in map)
                        {
                            await StepAsync();
                        }
                """));

        [Fact]
        public Task Loop_in_async_iterator_with_yield_is_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;

                class C
                {
                    async IAsyncEnumerable<int> Numbers([EnumeratorCancellation] CancellationToken token = default)
                    {
                        await System.Threading.Tasks.Task.Yield();
                        for (var i = 0; ; i++) yield return i;
                    }
                }
                """.Replace("for (var i", "{|#0:for|} (var i"),
                At(0, "token"));

        [Fact]
        public Task Token_source_local_is_used()
            => Verify.VerifyCodeFixAsync(
                Wrap("        using var cts = new CancellationTokenSource();\n        {|#0:do|}\n        {\n            await StepAsync();\n        }\n        while (items[0] != 0);", "int unused"),
                At(0, "cts.Token"),
                Wrap("        using var cts = new CancellationTokenSource();\n        do\n        {\n            cts.Token.ThrowIfCancellationRequested();\n            await StepAsync();\n        }\n        while (items[0] != 0);", "int unused"));

        // ---------------------------------------------------------------- must not flag

        [Fact]
        public Task Loop_passing_the_token_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        while (items[0] != 0) { await Task.Delay(items[0], cancellationToken); }"));

        [Fact]
        public Task Loop_checking_IsCancellationRequested_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        while (!cancellationToken.IsCancellationRequested) { await StepAsync(); }"));

        [Fact]
        public Task Loop_using_a_linked_token_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);\n        while (items[0] != 0) { await Task.Delay(items[0], linked.Token); }"));

        [Fact]
        public Task Loop_using_the_token_under_another_name_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var stop = cancellationToken;\n        while (items[0] != 0) { await Task.Delay(items[0], stop); }"));

        [Fact]
        public Task Loop_whose_token_use_sits_in_a_nested_lambda_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        while (items[0] != 0)\n        {\n            System.Func<Task> later = () => Task.Delay(items[0], cancellationToken);\n            await later();\n        }"));

        [Fact]
        public Task Loop_without_suspension_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var sum = 0;\n        while (items[0] != sum) { sum += items[0]; }\n        await StepAsync();"));

        [Fact]
        public Task Loop_in_sync_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    void M(int[] items, CancellationToken token)
                    {
                        while (items[0] != 0) { Task.Delay(items[0]).Wait(); }
                    }
                }
                """);

        [Fact]
        public Task Method_without_a_token_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        while (items[0] != 0) { await StepAsync(); }", "int unused"));

        [Fact]
        public Task Await_foreach_with_WithCancellation_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(IAsyncEnumerable<int> source, CancellationToken token)
                    {
                        await foreach (var item in source.WithCancellation(token)) { }
                    }
                }
                """);

        [Fact]
        public Task Await_foreach_without_token_is_left_to_ASYNC302()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(IAsyncEnumerable<int> source, CancellationToken token)
                    {
                        await foreach (var item in source) { await Task.Yield(); }
                    }
                }
                """);

        [Fact]
        public Task Awaits_only_inside_a_nested_lambda_do_not_count()
            => Verify.VerifyAnalyzerAsync(Wrap("        var work = new List<System.Func<Task>>();\n        while (work.Count != items[0]) { work.Add(async () => await StepAsync()); }\n        await StepAsync();"));
    }
}
