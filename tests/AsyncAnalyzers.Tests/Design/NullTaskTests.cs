using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Design.NullTaskAnalyzer, AsyncAnalyzers.CodeFixes.Design.NullTaskCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC501: a null task handed to callers that will await it.</summary>
    [Trait("Rule", "ASYNC501")]
    public sealed class NullTaskTests
    {
        private static string Wrap(string members) => $$"""
            #nullable enable
            using System;
            using System.Threading.Tasks;

            class C
            {
            {{members}}
            }
            """;

        [Fact]
        public Task Return_null_from_a_Task_method()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Task SaveAsync(bool dirty)
                        {
                            if (!dirty)
                            {
                                [|return null!;|] // nothing to do
                            }

                            return Task.Delay(1);
                        }
                    """),
                Wrap("""
                        Task SaveAsync(bool dirty)
                        {
                            if (!dirty)
                            {
                                return Task.CompletedTask; // nothing to do
                            }

                            return Task.Delay(1);
                        }
                    """));

        [Fact]
        public Task Return_default_from_a_Task_of_T_method()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Task<string> NameAsync(int id)
                        {
                            if (id < 0)
                            {
                                [|return default!;|]
                            }

                            return Task.FromResult(id.ToString());
                        }

                        Task<int> CountAsync() => [|null!|];
                    """),
                Wrap("""
                        Task<string> NameAsync(int id)
                        {
                            if (id < 0)
                            {
                                return Task.FromResult<string>(default!);
                            }

                            return Task.FromResult(id.ToString());
                        }

                        Task<int> CountAsync() => Task.FromResult<int>(default);
                    """));

        [Fact]
        public Task Conditional_with_a_null_branch()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Task FlushAsync(bool pending) { [|return pending ? Task.Delay(1) : null!;|] }
                    """),
                Wrap("""
                        Task FlushAsync(bool pending) { return pending ? Task.Delay(1) : Task.CompletedTask; }
                    """));

        [Fact]
        public Task Lambdas_and_local_functions()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Func<Task> Handler() => () => [|null!|];

                        Task Run()
                        {
                            return Local();

                            Task Local() { [|return null!;|] }
                        }
                    """),
                Wrap("""
                        Func<Task> Handler() => () => Task.CompletedTask;

                        Task Run()
                        {
                            return Local();

                            Task Local() { return Task.CompletedTask; }
                        }
                    """));

        [Fact]
        public Task Nullable_disabled_code_gets_no_suppression_and_a_cast_null_is_reported()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    Task<string> NameAsync() { [|return (Task<string>)null;|] }
                }
                """,
                """
                using System.Threading.Tasks;

                class C
                {
                    Task<string> NameAsync() { return Task.FromResult<string>(default!); }
                }
                """);

        // ---- not reported ----

        [Fact]
        public Task Async_methods_return_a_null_result_not_a_null_task()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task<string?> FindAsync(int id)
                    {
                        await Task.Yield();
                        return id > 0 ? id.ToString() : null;
                    }

                    Func<Task<string?>> Finder() => async () => { await Task.Yield(); return null; };
                """));

        [Fact]
        public Task Nullable_task_return_types_say_so()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task? Pending() => null;

                    Task<int>? Maybe(bool b) => b ? Task.FromResult(1) : null;
                """));

        [Fact]
        public Task ValueTask_default_is_a_completed_task()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    ValueTask Flush() => default;

                    ValueTask<int> Count() => default;
                """));

        [Fact]
        public Task Completed_tasks_and_non_task_returns_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task Done() => Task.CompletedTask;

                    Task<string?> NullResult() => Task.FromResult<string?>(null);

                    string? Text() => null;

                    object? Boxed() => null;
                """));

        [Fact]
        public Task Conditional_with_two_tasks_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task Pick(bool b) => b ? Task.CompletedTask : Task.Delay(1);
                """));

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Wrap("    Task M() => null!;"));
    }
}
