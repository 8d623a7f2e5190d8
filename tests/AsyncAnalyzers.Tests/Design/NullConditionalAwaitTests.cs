using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Design.NullConditionalAwaitAnalyzer, AsyncAnalyzers.CodeFixes.Design.NullConditionalAwaitCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC503: awaiting the result of a null-conditional call.</summary>
    [Trait("Rule", "ASYNC503")]
    public sealed class NullConditionalAwaitTests
    {
        private static string Wrap(string members) => $$"""
            #nullable enable
            using System;
            using System.Threading.Tasks;

            interface IStore { Task SaveAsync(); Task<int> CountAsync(); ValueTask FlushAsync(); Task Completion { get; } }

            class C
            {
            {{members}}
            }
            """;

        [Fact]
        public Task Awaited_conditional_call_gets_a_completed_task()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task SaveAsync(IStore? store)
                        {
                            // persist if there is a store
                            [|await store?.SaveAsync()|];
                        }
                    """),
                Wrap("""
                        async Task SaveAsync(IStore? store)
                        {
                            // persist if there is a store
                            await (store?.SaveAsync() ?? Task.CompletedTask);
                        }
                    """));

        [Fact]
        public Task Task_of_T_result_is_typed()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task<int> CountAsync(IStore? store) => [|await store?.CountAsync()|] + 1;
                    """),
                Wrap("""
                        async Task<int> CountAsync(IStore? store) => await (store?.CountAsync() ?? Task.FromResult<int>(default)) + 1;
                    """));

        [Fact]
        public Task Properties_and_parenthesized_forms()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task WaitAsync(IStore? store, IStore? other)
                        {
                            [|await store?.Completion|];
                            [|await (other?.SaveAsync())|];
                        }
                    """),
                Wrap("""
                        async Task WaitAsync(IStore? store, IStore? other)
                        {
                            await (store?.Completion ?? Task.CompletedTask);
                            await ((other?.SaveAsync() ?? Task.CompletedTask));
                        }
                    """));

        [Fact]
        public Task Null_forgiving_operator_does_not_hide_it()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task SaveAsync(IStore? store) => [|await store?.SaveAsync()!|];
                    """),
                Wrap("""
                        async Task SaveAsync(IStore? store) => await (store?.SaveAsync() ?? Task.CompletedTask)!;
                    """));

        [Fact]
        public Task Async_lambda()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Func<IStore?, Task> Saver() => async s => [|await s?.SaveAsync()|];
                    """),
                Wrap("""
                        Func<IStore?, Task> Saver() => async s => await (s?.SaveAsync() ?? Task.CompletedTask);
                    """));

        // ---- not reported ----

        [Fact]
        public Task Coalesced_or_guarded_awaits_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task SaveAsync(IStore? store)
                    {
                        await (store?.SaveAsync() ?? Task.CompletedTask);
                        if (store != null)
                        {
                            await store.SaveAsync();
                        }
                    }
                """));

        [Fact]
        public Task Conditional_access_inside_the_awaited_call_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task SaveAsync(IStore store, string? name)
                    {
                        await Task.Delay(name?.Length ?? 0);
                        await store.SaveAsync();
                    }
                """));

        [Fact]
        public Task Non_task_conditional_values_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task<int?> LengthAsync(string? text)
                    {
                        await Task.Yield();
                        return text?.Length;
                    }
                """));

        [Fact]
        public Task Dropped_conditional_calls_are_ASYNC201s()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task SaveAsync(IStore? store)
                    {
                        await Task.Yield();
                        _ = store?.SaveAsync();
                    }
                """));

        [Fact]
        public Task Conditional_access_on_a_completed_task_property_chain_that_is_not_awaited()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    bool IsDone(IStore? store) => store?.Completion.IsCompleted == true;
                """));

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Wrap("    async Task M(IStore? s) => await s?.SaveAsync();"));
    }
}
