using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Unobserved;
using AsyncAnalyzers.Tests.Verifiers;
using AsyncAnalyzers.Unobserved;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Unobserved.UnobservedTaskAnalyzer, AsyncAnalyzers.CodeFixes.Unobserved.UnobservedTaskCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Unobserved
{
    /// <summary>ASYNC201: tasks used as statements, outside what CS4014 covers.</summary>
    [Trait("Rule", "ASYNC201")]
    public sealed class UnobservedTaskTests
    {
        private static string Wrap(string members) => $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            interface IStore { Task SaveAsync(); ValueTask FlushAsync(); }

            class C
            {
                Task PlainAsync() => Task.CompletedTask;
                Task<int> CountAsync() => Task.FromResult(1);
                ValueTask ValueAsync() => default;
                async Task DeclaredAsync() => await Task.Yield();

            {{members}}
            }
            """;

        [Fact]
        public Task Task_returning_call_in_sync_method_is_reported_and_discarded()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        void M()
                        {
                            // start the save
                            [|PlainAsync()|]; // not awaited
                        }
                    """),
                Wrap("""
                        void M()
                        {
                            // start the save
                            _ = PlainAsync(); // not awaited
                        }
                    """));

        [Fact]
        public Task Interface_member_in_sync_method_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("    void M(IStore store) { [|store.SaveAsync()|]; }"),
                Wrap("    void M(IStore store) { _ = store.SaveAsync(); }"));

        [Fact]
        public Task Func_of_Task_invocation_in_sync_method_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("    void M(Func<Task> work) { [|work()|]; }"),
                Wrap("    void M(Func<Task> work) { _ = work(); }"));

        [Fact]
        public Task ValueTask_and_generic_Task_in_sync_method_are_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        void M()
                        {
                            [|ValueAsync()|];
                            [|CountAsync()|];
                        }
                    """),
                Wrap("""
                        void M()
                        {
                            _ = ValueAsync();
                            _ = CountAsync();
                        }
                    """));

        [Fact]
        public Task Null_conditional_call_in_sync_method_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("    void M(IStore? store) { [|store?.SaveAsync()|]; }"),
                Wrap("    void M(IStore? store) { _ = store?.SaveAsync(); }"));

        [Fact]
        public Task Call_in_sync_lambda_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("    void M() => Parallel.For(0, 4, i => [|PlainAsync()|]);"),
                Wrap("    void M() => Parallel.For(0, 4, i => _ = PlainAsync());"));

        [Fact]
        public Task Call_in_sync_lambda_inside_async_method_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task M()
                        {
                            Action start = () => { [|PlainAsync()|]; };
                            start();
                            await Task.Yield();
                        }
                    """),
                Wrap("""
                        async Task M()
                        {
                            Action start = () => { _ = PlainAsync(); };
                            start();
                            await Task.Yield();
                        }
                    """));

        [Fact]
        public Task Call_in_sync_local_function_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        void M()
                        {
                            Start();
                            void Start() { [|PlainAsync()|]; }
                        }
                    """),
                Wrap("""
                        void M()
                        {
                            Start();
                            void Start() { _ = PlainAsync(); }
                        }
                    """));

        [Fact]
        public Task Expression_bodied_void_method_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("    void M() => [|PlainAsync()|];"),
                Wrap("    void M() => _ = PlainAsync();"));

        [Fact]
        public Task Task_Run_and_Task_Delay_in_constructor_are_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        C(int n)
                        {
                            [|Task.Run(() => n + 1)|];
                            [|Task.Delay(n)|];
                        }
                    """),
                Wrap("""
                        C(int n)
                        {
                            _ = Task.Run(() => n + 1);
                            _ = Task.Delay(n);
                        }
                    """));

        [Fact]
        public Task Configured_awaitable_statement_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("    void M() { [|PlainAsync().ConfigureAwait(false)|]; }"),
                Wrap("    void M() { _ = PlainAsync().ConfigureAwait(false); }"));

        [Fact]
        public Task Top_level_statements_without_await_are_reported()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                [|Task.Delay(10)|];
                System.Console.WriteLine("started");
                """,
                """
                using System.Threading.Tasks;

                _ = Task.Delay(10);
                System.Console.WriteLine("started");
                """);

        [Fact]
        public Task Null_conditional_call_in_async_method_is_awaited_with_a_fallback()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task M(IStore? store)
                        {
                            [|store?.SaveAsync()|]; // may be null
                            await Task.Yield();
                        }
                    """),
                Wrap("""
                        async Task M(IStore? store)
                        {
                            await (store?.SaveAsync() ?? Task.CompletedTask); // may be null
                            await Task.Yield();
                        }
                    """));

        [Fact]
        public Task Null_conditional_generic_task_in_async_lambda_is_awaited()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Func<C?, Task> M = async c =>
                        {
                            [|c?.CountAsync()|];
                            await Task.Yield();
                        };
                    """),
                Wrap("""
                        Func<C?, Task> M = async c =>
                        {
                            await (c?.CountAsync() ?? Task.CompletedTask);
                            await Task.Yield();
                        };
                    """));

        [Fact]
        public Task Null_conditional_ValueTask_in_async_method_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task M(IStore? store)
                        {
                            [|store?.FlushAsync()|];
                            await Task.Yield();
                        }
                    """),
                Wrap("""
                        async Task M(IStore? store)
                        {
                            [|store?.FlushAsync()|];
                            await Task.Yield();
                        }
                    """));

        [Fact]
        public async Task Fix_all_in_sync_code_discards_every_task()
        {
            await Verify.VerifyCodeFixAsync(
                Wrap("""
                        void M(IStore s)
                        {
                            [|s.SaveAsync()|];
                            [|s.FlushAsync()|];
                            [|PlainAsync()|];
                        }
                    """),
                Wrap("""
                        void M(IStore s)
                        {
                            _ = s.SaveAsync();
                            _ = s.FlushAsync();
                            _ = PlainAsync();
                        }
                    """));
        }

        [Fact]
        public async Task CS4014_cases_are_left_to_the_compiler_and_ours_are_not()
        {
            var test = new AnalyzerTest<UnobservedTaskAnalyzer>
            {
                CompilerDiagnostics = CompilerDiagnostics.Warnings,
                TestCode = Wrap("""
                        async Task InAsync(IStore s, Func<Task> f)
                        {
                            {|CS4014:PlainAsync()|};
                            {|CS4014:s.SaveAsync()|};
                            {|CS4014:f()|};
                            {|CS4014:ValueAsync()|};
                            {|ASYNC201:s?.SaveAsync()|};
                            await Task.Yield();
                        }

                        void InSync(IStore s)
                        {
                            {|CS4014:DeclaredAsync()|};
                            {|ASYNC201:PlainAsync()|};
                            {|ASYNC201:s.SaveAsync()|};
                            {|ASYNC201:this?.DeclaredAsync()|};
                        }
                    """),
            };
            await test.RunAsync();
        }

        [Fact]
        public Task Awaited_returned_assigned_and_passed_tasks_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task<int> M(IStore s)
                    {
                        await s.SaveAsync();
                        var pending = CountAsync();
                        Keep(PlainAsync());
                        _ = PlainAsync();
                        return await pending;
                    }

                    Task N() => PlainAsync();
                    void Keep(Task t) { }
                """));

        [Fact]
        public Task Explicit_discard_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("    void M() { _ = PlainAsync(); _ = ValueAsync(); }"));

        [Fact]
        public Task Coalesced_null_conditional_await_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("    async Task M(IStore? s) => await (s?.SaveAsync() ?? Task.CompletedTask);"));

        [Fact]
        public Task Chained_ContinueWith_counts_as_observed()
            => Verify.VerifyAnalyzerAsync(Wrap("    void M() { PlainAsync().ContinueWith(t => Console.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted); }"));

        [Fact]
        public Task Default_fire_and_forget_helpers_are_not_reported()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                static class TaskExtensions
                {
                    public static Task Forget(this Task task) => task;
                    public static Task NoWait(this Task task) => task;
                    public static Task FireAndForget(Task task) => task;
                }

                class C
                {
                    Task WorkAsync() => Task.CompletedTask;

                    void M()
                    {
                        WorkAsync().Forget();
                        WorkAsync().NoWait();
                        TaskExtensions.FireAndForget(WorkAsync());
                    }
                }
                """);

        [Fact]
        public async Task Configured_fire_and_forget_helpers_replace_the_defaults()
        {
            var test = new AnalyzerTest<UnobservedTaskAnalyzer>
            {
                TestCode = """
                    using System.Threading.Tasks;

                    static class TaskExtensions
                    {
                        public static Task Detach(this Task task) => task;
                        public static Task Forget(this Task task) => task;
                    }

                    class C
                    {
                        Task WorkAsync() => Task.CompletedTask;

                        void M()
                        {
                            WorkAsync().Detach();
                            [|WorkAsync().Forget()|];
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                async_analyzers.fire_and_forget_methods = Detach

                """));
            await test.RunAsync();
        }

        [Fact]
        public Task Void_and_non_awaitable_calls_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("    void M(System.Text.StringBuilder b) { Console.WriteLine(); b.Append(1); GC.Collect(); }"));

        [Fact]
        public Task Await_in_async_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("    async Task M(IStore s) { await s.SaveAsync(); await s.FlushAsync(); await PlainAsync().ConfigureAwait(false); }"));

        [Fact]
        public Task Task_used_in_using_or_lock_free_patterns_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("    Task M() { var t = PlainAsync(); t.Wait(); return t; }"));

        [Fact]
        public Task Async_enumerables_IAsyncResult_and_dynamic_results_are_not_awaitables()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    System.Collections.Generic.IAsyncEnumerable<int> Items() => throw new NotImplementedException();
                    IAsyncResult Begin() => throw new NotImplementedException();
                    dynamic Dyn() => 1;

                    void M()
                    {
                        Items();
                        Begin();
                        Dyn();
                    }
                """));

        [Fact]
        public Task Task_stored_in_a_field_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("    private Task? _pending;\n    void M() { _pending = PlainAsync(); }"));

        [Fact]
        public Task Async_local_function_is_left_to_CS4014()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    void M()
                    {
                        _ = Local();
                        async Task Local() { PlainAsync(); await Task.Yield(); }
                    }
                """));

        [Fact]
        public Task Sync_method_calling_an_async_declared_method_is_left_to_CS4014()
            => Verify.VerifyAnalyzerAsync(Wrap("    void M() { DeclaredAsync(); }"));

        [Fact]
        public Task Lambda_returning_the_task_is_not_a_statement()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    void M()
                    {
                        Func<Task> later = () => PlainAsync();
                        Func<Task<int>> count = () => { return CountAsync(); };
                        _ = later;
                        _ = count;
                    }
                """));

        [Fact]
        public Task Blocking_wait_statement_is_left_to_the_blocking_rules()
            => Verify.VerifyAnalyzerAsync(Wrap("    void M() { PlainAsync().Wait(); CountAsync().GetAwaiter().GetResult(); }"));

        [Fact]
        public Task Result_like_types_without_GetAwaiter_are_not_awaitables()
            => Verify.VerifyAnalyzerAsync("""
                class Result<T> { public T Value = default!; public bool IsCompleted; }

                class C
                {
                    Result<int> Compute() => new Result<int>();
                    void M() { Compute(); }
                }
                """);

        [Fact]
        public Task Only_the_compilers_awaiter_pattern_makes_an_awaitable()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Runtime.CompilerServices;

                // GetAwaiter() whose result has IsCompleted and GetResult but no OnCompleted: 'await' on it does not compile.
                struct Lookalike
                {
                    public Lookalike GetAwaiter() => this;
                    public bool IsCompleted => true;
                    public int GetResult() => 0;
                }

                // The full pattern: awaitable, so dropping it is reported.
                struct Signal : INotifyCompletion
                {
                    public Signal GetAwaiter() => this;
                    public bool IsCompleted => true;
                    public void GetResult() { }
                    public void OnCompleted(Action continuation) => continuation();
                }

                class C
                {
                    Lookalike Peek() => default;
                    Signal Raise() => default;

                    void M()
                    {
                        Peek();
                        [|Raise()|];
                    }
                }
                """,
                """
                using System;
                using System.Runtime.CompilerServices;

                // GetAwaiter() whose result has IsCompleted and GetResult but no OnCompleted: 'await' on it does not compile.
                struct Lookalike
                {
                    public Lookalike GetAwaiter() => this;
                    public bool IsCompleted => true;
                    public int GetResult() => 0;
                }

                // The full pattern: awaitable, so dropping it is reported.
                struct Signal : INotifyCompletion
                {
                    public Signal GetAwaiter() => this;
                    public bool IsCompleted => true;
                    public void GetResult() { }
                    public void OnCompleted(Action continuation) => continuation();
                }

                class C
                {
                    Lookalike Peek() => default;
                    Signal Raise() => default;

                    void M()
                    {
                        Peek();
                        _ = Raise();
                    }
                }
                """);

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Wrap("    void M() { PlainAsync(); }"));

        [Fact]
        public async Task Netstandard20_and_net472_are_analyzed()
        {
            foreach (var references in new[] { ReferenceSet.NetStandard20, ReferenceSet.Net472 })
            {
                var test = new CodeFixTest<UnobservedTaskAnalyzer, UnobservedTaskCodeFixProvider>
                {
                    ReferenceAssemblies = references,
                    TestCode = """
                        using System.Threading.Tasks;

                        class C
                        {
                            void M() { [|Task.Delay(1)|]; }
                        }

                        """,
                    FixedCode = """
                        using System.Threading.Tasks;

                        class C
                        {
                            void M() { _ = Task.Delay(1); }
                        }

                        """,
                };
                await test.RunAsync();
            }
        }
    }
}
