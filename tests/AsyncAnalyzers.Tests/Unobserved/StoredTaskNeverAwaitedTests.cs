using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Unobserved.StoredTaskNeverAwaitedAnalyzer, AsyncAnalyzers.CodeFixes.Unobserved.StoredTaskNeverAwaitedCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Unobserved
{
    /// <summary>ASYNC202: a task stored in a local and never observed.</summary>
    [Trait("Rule", "ASYNC202")]
    public sealed class StoredTaskNeverAwaitedTests
    {
        private static string Wrap(string body, string signature = "async Task M(bool flag)") => $$"""
            using System;
            using System.Threading.Tasks;

            class C
            {
                private Task? _last;
                Task SaveAsync() => Task.CompletedTask;
                Task<int> CountAsync() => Task.FromResult(1);
                void Use(Task t) { }

                {{signature}}
                {
            {{body}}
                }
            }
            """;

        private static DiagnosticResult At(int marker, string name) => Verify.Diagnostic().WithLocation(marker).WithArguments(name);

        [Fact]
        public Task Unread_task_local_in_async_method_is_awaited_instead()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            // persist
                            var {|#0:save = SaveAsync()|}; // fire
                            await Task.Yield();
                    """),
                At(0, "save"),
                Wrap("""
                            // persist
                            await SaveAsync(); // fire
                            await Task.Yield();
                    """));

        [Fact]
        public Task Unread_generic_task_local_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                Wrap("        Task<int> {|#0:count = CountAsync()|};\n        await Task.Yield();"),
                At(0, "count"),
                Wrap("        await CountAsync();\n        await Task.Yield();"));

        [Fact]
        public Task Unread_task_in_sync_method_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var {|#0:save = SaveAsync()|};", "void M(bool flag)"),
                At(0, "save"),
                Wrap("        var {|#0:save = SaveAsync()|};", "void M(bool flag)"));

        [Fact]
        public Task Task_only_written_again_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            var {|#0:t = SaveAsync()|};
                            t = SaveAsync();
                            await Task.Yield();
                    """),
                At(0, "t"),
                Wrap("""
                            var {|#0:t = SaveAsync()|};
                            t = SaveAsync();
                            await Task.Yield();
                    """));

        [Fact]
        public Task Unread_task_in_async_lambda_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            Func<Task> f = async () =>
                            {
                                var {|#0:t = SaveAsync()|};
                                await Task.Yield();
                            };
                            await f();
                    """),
                At(0, "t"),
                Wrap("""
                            Func<Task> f = async () =>
                            {
                                await SaveAsync();
                                await Task.Yield();
                            };
                            await f();
                    """));

        [Fact]
        public Task Unread_ValueTask_is_reported()
            => Verify.VerifyAnalyzerAsync(
                Wrap("        ValueTask {|#0:v = new ValueTask(SaveAsync())|};\n        await Task.Yield();"),
                At(0, "v"));

        [Fact]
        public Task Awaited_later_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var t = SaveAsync();
                        await Task.Yield();
                        await t;
                """));

        [Fact]
        public Task Observed_on_one_path_only_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var t = SaveAsync();\n        if (flag) await t;"));

        [Fact]
        public Task Returned_passed_and_stored_tasks_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var a = SaveAsync();
                        var b = SaveAsync();
                        var c = SaveAsync();
                        Use(a);
                        _last = b;
                        return c;
                """, "Task M(bool flag)"));

        [Fact]
        public Task Tasks_passed_to_WhenAll_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var a = SaveAsync();
                        var b = CountAsync();
                        await Task.WhenAll(a, b);
                """));

        [Fact]
        public Task Inspected_or_captured_tasks_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var a = SaveAsync();
                        var b = SaveAsync();
                        Console.WriteLine(a.IsCompleted);
                        Func<Task> later = () => b;
                        await later();
                """));

        [Fact]
        public Task Using_declaration_of_a_task_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        using var t = SaveAsync();\n        await Task.Yield();"));

        [Fact]
        public Task Discard_named_local_and_non_task_locals_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var _ = SaveAsync();
                        var n = 1;
                        await Task.Yield();
                """));

        [Fact]
        public Task Tasks_from_a_deconstruction_or_an_out_argument_are_not_reported_here()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var (a, b) = (SaveAsync(), SaveAsync());
                        await Task.WhenAll(a, b);
                        Start(out var c);
                        await c;
                    }

                    void Start(out Task t) => t = Task.CompletedTask;

                    void Unused()
                    {
                """));

        [Fact]
        public Task Task_used_in_continuation_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var t = SaveAsync();\n        await t.ContinueWith(x => Console.WriteLine(x.Status));"));
    }
}
