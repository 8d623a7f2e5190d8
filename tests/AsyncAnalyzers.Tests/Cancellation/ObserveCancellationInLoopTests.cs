using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Cancellation.ObserveCancellationInLoopAnalyzer, AsyncAnalyzers.CodeFixes.Cancellation.ObserveCancellationInLoopCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Cancellation
{
    /// <summary>ASYNC303: loops that never observe the token.</summary>
    [Trait("Rule", "ASYNC303")]
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
                Wrap("""
                            var pending = true;
                            {|#0:while|} (pending)
                            {
                                // one step
                                await StepAsync();
                                pending = items[0] != 0;
                            }
                    """),
                At(0, "cancellationToken"),
                Wrap("""
                            var pending = true;
                            while (pending)
                            {
                                cancellationToken.ThrowIfCancellationRequested();
                                // one step
                                await StepAsync();
                                pending = items[0] != 0;
                            }
                    """));

        [Fact]
        public Task Endless_for_and_consuming_foreach_are_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            var queue = new System.Collections.Concurrent.BlockingCollection<int>();
                            {|#0:foreach|} (var item in queue.GetConsumingEnumerable())
                            {
                                await StepAsync();
                            }

                            {|#1:for|} (;;)
                            {
                                await StepAsync();
                            }
                    """),
                new[] { At(0, "cancellationToken"), At(1, "cancellationToken") },
                Wrap("""
                            var queue = new System.Collections.Concurrent.BlockingCollection<int>();
                            foreach (var item in queue.GetConsumingEnumerable())
                            {
                                cancellationToken.ThrowIfCancellationRequested();
                                await StepAsync();
                            }

                            for (;;)
                            {
                                cancellationToken.ThrowIfCancellationRequested();
                                await StepAsync();
                            }
                    """));

        [Fact]
        public Task Loop_body_without_braces_is_wrapped()
            => Verify.VerifyCodeFixAsync(
                Wrap("        {|#0:while|} (true)\n            await StepAsync();"),
                At(0, "cancellationToken"),
                Wrap("""
                            while (true)
                            {
                                cancellationToken.ThrowIfCancellationRequested();
                                await StepAsync();
                            }
                    """));

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
                Wrap("""
                            using var cts = new CancellationTokenSource();
                            {|#0:do|}
                            {
                                await StepAsync();
                            }
                            while (items[0] != 0);
                    """, "int unused"),
                At(0, "cts.Token"),
                Wrap("""
                            using var cts = new CancellationTokenSource();
                            do
                            {
                                cts.Token.ThrowIfCancellationRequested();
                                await StepAsync();
                            }
                            while (items[0] != 0);
                    """, "int unused"));

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
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        while (items[0] != 0)
                        {
                            System.Func<Task> later = () => Task.Delay(items[0], cancellationToken);
                            await later();
                        }
                """));

        [Fact]
        public Task Loop_without_suspension_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var sum = 0;
                        while (items[0] != sum) { sum += items[0]; }
                        await StepAsync();
                """));

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
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var work = new List<System.Func<Task>>();
                        while (work.Count != items[0]) { work.Add(async () => await StepAsync()); }
                        await StepAsync();
                """));
    }
}
