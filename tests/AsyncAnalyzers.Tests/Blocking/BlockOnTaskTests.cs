using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.BlockOnTaskAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.BlockOnTaskCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>ASYNC102: blocking on a task in async code.</summary>
    [Trait("Rule", "ASYNC102")]
    public sealed class BlockOnTaskTests
    {
        private static string Wrap(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task<int> GetAsync() => Task.FromResult(1);
                Task DoAsync() => Task.CompletedTask;
                ValueTask<int> GetValueAsync() => new ValueTask<int>(1);
                Task<int> NextAsync(int x) => Task.FromResult(x + 1);

                async Task M(Task<int> t, Task u, CancellationToken token)
                {
            {{body}}
                }
            }
            """;

        [Fact]
        public Task Result_is_reported_and_awaited()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var x = [|GetAsync().Result|];"),
                Wrap("        var x = await GetAsync();"));

        [Fact]
        public Task Result_used_as_a_receiver_is_parenthesised()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var s = [|GetAsync().Result|].ToString();"),
                Wrap("        var s = (await GetAsync()).ToString();"));

        [Fact]
        public Task Wait_is_reported_and_awaited()
            => Verify.VerifyCodeFixAsync(
                Wrap("        [|DoAsync().Wait()|]; // must finish first"),
                Wrap("        await DoAsync(); // must finish first"));

        [Fact]
        public Task GetAwaiter_GetResult_is_reported_and_awaited()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var x = [|GetAsync().GetAwaiter().GetResult()|];"),
                Wrap("        var x = await GetAsync();"));

        [Fact]
        public Task ConfigureAwait_GetAwaiter_GetResult_keeps_ConfigureAwait()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var x = [|GetAsync().ConfigureAwait(false).GetAwaiter().GetResult()|];"),
                Wrap("        var x = await GetAsync().ConfigureAwait(false);"));

        [Fact]
        public Task ValueTask_Result_is_reported_and_awaited()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var x = [|GetValueAsync().Result|];"),
                Wrap("        var x = await GetValueAsync();"));

        [Fact]
        public Task WaitAll_with_params_is_rewritten_to_WhenAll()
            => Verify.VerifyCodeFixAsync(
                Wrap("        [|Task.WaitAll(t, u)|];"),
                Wrap("        await Task.WhenAll(t, u);"));

        [Fact]
        public Task WaitAll_with_an_array_is_rewritten_to_WhenAll()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var all = new Task[] { t, u };\n        [|Task.WaitAll(all)|];"),
                Wrap("        var all = new Task[] { t, u };\n        await Task.WhenAll(all);"));

        [Fact]
        public Task WaitAll_with_a_collection_expression_is_rewritten_to_WhenAll()
            => Verify.VerifyCodeFixAsync(
                Wrap("        [|Task.WaitAll([t, u])|];"),
                Wrap("        await Task.WhenAll([t, u]);"));

        [Fact]
        public async Task WaitAll_over_a_list_is_rewritten_to_WhenAll_on_net10()
        {
            // On .NET 9+ a List<Task> binds WaitAll(IEnumerable<Task>, CancellationToken = default): still a plain wait for all.
            var test = new CodeFixTest<BlockOnTaskAnalyzer, BlockOnTaskCodeFixProvider>
            {
                ReferenceAssemblies = ReferenceSet.Net100,
                TestCode = Wrap("        var all = new System.Collections.Generic.List<Task> { t, u };\n        [|Task.WaitAll(all)|];"),
                FixedCode = Wrap("        var all = new System.Collections.Generic.List<Task> { t, u };\n        await Task.WhenAll(all);"),
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task WaitAll_over_a_list_with_a_token_is_reported_without_a_fix_on_net10()
        {
            var test = new CodeFixTest<BlockOnTaskAnalyzer, BlockOnTaskCodeFixProvider>
            {
                ReferenceAssemblies = ReferenceSet.Net100,
                TestCode = Wrap("        var all = new System.Collections.Generic.List<Task> { t, u };\n        [|Task.WaitAll(all, token)|];"),
                FixedCode = Wrap("        var all = new System.Collections.Generic.List<Task> { t, u };\n        [|Task.WaitAll(all, token)|];"),
            };
            await test.RunAsync();
        }

        [Fact]
        public Task Nested_blocking_calls_are_all_fixed()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var x = [|NextAsync([|GetAsync().Result|] + 1).Result|];"),
                Wrap("        var x = await NextAsync(await GetAsync() + 1);"));

        [Fact]
        public Task Blocking_in_async_lambda_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                Wrap("        Func<Task<int>> f = async () => [|GetAsync().Result|];"),
                Wrap("        Func<Task<int>> f = async () => await GetAsync();"));

        [Fact]
        public Task Wait_with_timeout_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var done = [|u.Wait(1000)|];"),
                Wrap("        var done = [|u.Wait(1000)|];"));

        [Fact]
        public Task Wait_with_token_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        [|u.Wait(token)|];"),
                Wrap("        [|u.Wait(token)|];"));

        [Fact]
        public Task WaitAny_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var index = [|Task.WaitAny(t, u)|];"),
                Wrap("        var index = [|Task.WaitAny(t, u)|];"));

        [Fact]
        public Task WaitAll_with_timeout_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var all = [|Task.WaitAll(new[] { t, u }, 100)|];"),
                Wrap("        var all = [|Task.WaitAll(new[] { t, u }, 100)|];"));

        [Fact]
        public Task Result_after_awaiting_another_task_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await u;\n        var x = [|t.Result|];"),
                Wrap("        await u;\n        var x = await t;"));

        [Fact]
        public Task Result_after_a_conditional_await_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("        if (token.CanBeCanceled) await t;\n        var x = [|t.Result|];"),
                Wrap("        if (token.CanBeCanceled) await t;\n        var x = await t;"));

        [Fact]
        public Task Result_after_await_then_reassignment_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            await t;
                            t = GetAsync();
                            var x = [|t.Result|];
                    """),
                Wrap("""
                            await t;
                            t = GetAsync();
                            var x = await t;
                    """));

        [Fact]
        public Task ValueTask_Result_after_await_is_left_to_ASYNC603()
            => Verify.VerifyAnalyzerAsync(
                Wrap("""
                            var v = GetValueAsync();
                            await v;
                            var x = v.Result; // a second consumption: ASYNC603 reports it (ConsumeValueTaskOnceTests), awaiting would not fix it
                    """));

        [Fact]
        public Task Awaited_producer_that_takes_a_token_receives_the_one_in_scope()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var x = [|Task.Delay(10).ContinueWith(_ => 1).Result|];\n        var y = [|Task.Run(() => 2).Result|];"),
                Wrap("        var x = await Task.Delay(10).ContinueWith(_ => 1, token);\n        var y = await Task.Run(() => 2, token);"));

        [Fact]
        public Task Result_inside_a_lock_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        lock (this) { var x = [|t.Result|]; }\n        await u;"),
                Wrap("        lock (this) { var x = [|t.Result|]; }\n        await u;"));

        [Fact]
        public Task Result_in_a_catch_filter_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        try { await u; } catch (System.Exception) when ([|t.Result|] > 0) { }"),
                Wrap("        try { await u; } catch (System.Exception) when ([|t.Result|] > 0) { }"));

        [Fact]
        public Task Result_in_WhenAll_over_lazy_sequence_is_reported()
            => Verify.VerifyAnalyzerAsync(
                Wrap("""
                            IEnumerable<Task<int>> lazy = new[] { 1, 2 }.Select(_ => GetAsync());
                            await Task.WhenAll(lazy);
                            foreach (var task in lazy) { var x = [|task.Result|]; }
                    """));

        [Fact]
        public Task Result_after_await_of_the_same_task_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        await t;\n        var x = t.Result;"));

        [Fact]
        public Task Result_after_await_with_ConfigureAwait_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        await t.ConfigureAwait(false);\n        var x = t.GetAwaiter().GetResult();"));

        [Fact]
        public Task Results_after_WhenAll_naming_the_tasks_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var a = GetAsync();
                        var b = GetAsync();
                        await Task.WhenAll(a, b);
                        var sum = a.Result + b.Result;
                """));

        [Fact]
        public Task Results_after_WhenAll_over_a_materialised_array_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var tasks = new[] { 1, 2 }.Select(_ => GetAsync()).ToArray();
                        await Task.WhenAll(tasks);
                        var first = tasks[0].Result;
                        foreach (var task in tasks) { var x = task.Result; }
                """));

        [Fact]
        public Task Results_after_WhenAll_over_a_list_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var tasks = new List<Task<int>> { GetAsync(), GetAsync() };
                        await Task.WhenAll(tasks);
                        var first = tasks[0].Result;
                """));

        [Fact]
        public Task Result_of_a_task_held_in_an_awaited_array_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var a = GetAsync();
                        var all = new[] { a, GetAsync() };
                        await Task.WhenAll(all);
                        var x = a.Result;
                """));

        [Fact]
        public Task Result_inside_IsCompleted_guard_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        if (t.IsCompleted) { var x = t.Result; }
                        if (t.IsCompletedSuccessfully && token.CanBeCanceled) { var y = t.Result; }
                        var z = t.Status == TaskStatus.RanToCompletion ? t.Result : 0;
                        await u;
                """));

        [Fact]
        public Task Result_on_the_guarded_side_of_a_short_circuit_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var ok = t.IsCompletedSuccessfully && t.Result > 0;
                        var bad = !t.IsCompleted || t.Result == 0;
                        await u;
                """));

        [Fact]
        public Task Result_on_the_unguarded_side_of_a_short_circuit_is_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var ok = t.IsCompleted || [|t.Result|] > 0;\n        await u;"));

        [Fact]
        public Task Result_after_early_return_guard_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        if (!t.IsCompleted) return;\n        var x = t.Result;"));

        [Fact]
        public Task Result_after_early_throw_on_status_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        if (t.Status != TaskStatus.RanToCompletion)
                        {
                            throw new InvalidOperationException();
                        }

                        var x = t.Result;
                        await u;
                """));

        [Fact]
        public Task Result_in_ContinueWith_continuation_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var next = await t.ContinueWith(done => done.Result + 1);"));

        [Fact]
        public Task Result_of_FromResult_and_CompletedTask_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var x = Task.FromResult(1).Result;
                        var cached = Task.FromResult(2);
                        var y = cached.Result;
                        Task.CompletedTask.Wait();
                        await u;
                """));

        [Fact]
        public Task Blocking_in_sync_lambda_or_local_function_inside_async_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        Func<int> f = () => GetAsync().Result;
                        await Task.Run(() => DoAsync().Wait());
                        int Local() => GetAsync().Result;
                """));

        [Fact]
        public Task Blocking_in_expression_tree_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        System.Linq.Expressions.Expression<Func<C, int>> e = c => c.GetAsync().Result;\n        await u;"));

        [Fact]
        public Task Nameof_Result_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var name = nameof(t.Result);\n        await u;"));

        [Fact]
        public Task Blocking_in_sync_method_is_not_ASYNC102()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    int M(Task<int> t) => t.Result;
                }
                """);

        [Fact]
        public Task Other_Result_and_Wait_members_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Response { public int Result { get; set; } public void Wait() { } }

                class C
                {
                    async Task M(Response r, SemaphoreSlim gate)
                    {
                        var x = r.Result;
                        r.Wait();
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public async Task Netstandard20_without_ValueTask_is_analyzed_without_errors()
        {
            var test = new CodeFixTest<BlockOnTaskAnalyzer, BlockOnTaskCodeFixProvider>
            {
                ReferenceAssemblies = ReferenceSet.NetStandard20,
                TestCode = """
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<int> M(Task<int> t)
                        {
                            await Task.Yield();
                            return [|t.Result|];
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<int> M(Task<int> t)
                        {
                            await Task.Yield();
                            return await t;
                        }
                    }
                    """,
            };
            await test.RunAsync();
        }
    }
}
