using System.Threading.Tasks;
using AsyncAnalyzers.Cancellation;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Cancellation.AsyncIteratorCancellationAnalyzer, AsyncAnalyzers.CodeFixes.Cancellation.AsyncIteratorCancellationCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Cancellation
{
    /// <summary>ASYNC301: async iterators should accept cancellation.</summary>
    [Trait("Rule", "ASYNC301")]
    public sealed class AsyncIteratorCancellationTests
    {
        private static DiagnosticResult At(int marker, string name) => Verify.Diagnostic().WithLocation(marker).WithArguments(name);

        [Fact]
        public Task Iterator_without_token_gets_one_and_forwards_it()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.IO;
                using System.Threading.Tasks;

                class Reader
                {
                    // streams the lines
                    public async IAsyncEnumerable<string> {|#0:LinesAsync|}(StreamReader reader)
                    {
                        string? line;
                        while ((line = await reader.ReadLineAsync()) != null)
                        {
                            await Task.Delay(10);
                            yield return line;
                        }
                    }
                }
                """,
                At(0, "LinesAsync"),
                """
                using System.Collections.Generic;
                using System.IO;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class Reader
                {
                    // streams the lines
                    public async IAsyncEnumerable<string> LinesAsync(StreamReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        string? line;
                        while ((line = await reader.ReadLineAsync(cancellationToken)) != null)
                        {
                            await Task.Delay(10, cancellationToken);
                            yield return line;
                        }
                    }
                }
                """);

        [Fact]
        public Task Parameterless_iterator_gets_the_only_parameter()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> [|Numbers|]()
                    {
                        await Task.Yield();
                        yield return 1;
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> Numbers([EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        await Task.Yield();
                        yield return 1;
                    }
                }
                """);

        [Fact]
        public Task New_token_goes_after_existing_optional_parameters_and_avoids_name_clashes()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> [|Page|](int size = 10, string cancellationToken = "")
                    {
                        await Task.Delay(size);
                        yield return size;
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> Page(int size = 10, string cancellationToken = "", [EnumeratorCancellation] CancellationToken cancellationToken1 = default)
                    {
                        await Task.Delay(size, cancellationToken1);
                        yield return size;
                    }
                }
                """);

        [Fact]
        public Task Inner_await_foreach_receives_the_new_token()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> [|Doubled|](IAsyncEnumerable<int> source)
                    {
                        await foreach (var item in source)
                        {
                            yield return item * 2;
                        }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> Doubled(IAsyncEnumerable<int> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        await foreach (var item in source.WithCancellation(cancellationToken))
                        {
                            yield return item * 2;
                        }
                    }
                }
                """);

        [Fact]
        public Task Async_iterator_local_function_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    IAsyncEnumerable<int> M()
                    {
                        return Local();

                        async IAsyncEnumerable<int> [|Local|]()
                        {
                            await Task.Delay(1);
                            yield return 1;
                        }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    IAsyncEnumerable<int> M()
                    {
                        return Local();

                        async IAsyncEnumerable<int> Local([EnumeratorCancellation] CancellationToken cancellationToken = default)
                        {
                            await Task.Delay(1, cancellationToken);
                            yield return 1;
                        }
                    }
                }
                """);

        [Fact]
        public Task IAsyncEnumerator_iterator_is_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerator<int> {|#0:Enumerate|}()
                    {
                        await Task.Yield();
                        yield return 1;
                    }
                }
                """,
                At(0, "Enumerate"));

        [Fact]
        public Task Params_iterator_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> [|Each|](params int[] values)
                    {
                        foreach (var v in values) { await Task.Yield(); yield return v; }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> [|Each|](params int[] values)
                    {
                        foreach (var v in values) { await Task.Yield(); yield return v; }
                    }
                }
                """);

        [Fact]
        public Task Iterator_with_a_token_parameter_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> A([EnumeratorCancellation] CancellationToken token = default) { await Task.Yield(); yield return 1; }
                }
                """);

        [Fact]
        public Task Iterator_with_an_undecorated_token_is_left_to_CS8425()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> A(CancellationToken token) { await Task.Delay(1, token); yield return 1; }
                }
                """);

        [Fact]
        public Task Overrides_and_interface_implementations_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                interface ISource { IAsyncEnumerable<int> ReadAsync(); IAsyncEnumerable<int> PeekAsync(); }
                abstract class Base { public abstract IAsyncEnumerable<int> AllAsync(); }

                class C : Base, ISource
                {
                    public async IAsyncEnumerable<int> ReadAsync() { await Task.Yield(); yield return 1; }
                    async IAsyncEnumerable<int> ISource.PeekAsync() { await Task.Yield(); yield return 1; }
                    public override async IAsyncEnumerable<int> AllAsync() { await Task.Yield(); yield return 1; }
                }
                """);

        [Fact]
        public Task Non_iterator_methods_returning_IAsyncEnumerable_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    IAsyncEnumerable<int> Wrap(IAsyncEnumerable<int> source) => source;
                    async Task<IAsyncEnumerable<int>> Later(IAsyncEnumerable<int> source) { await Task.Yield(); return source; }
                }
                """);

        [Fact]
        public Task Sync_iterators_and_async_tasks_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    IEnumerable<int> Sync() { yield return 1; }
                    async Task<int> Single() { await Task.Yield(); return 1; }
                }
                """);

        [Fact]
        public Task Iterator_with_a_token_in_a_nullable_or_second_position_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> A(int page, [EnumeratorCancellation] CancellationToken token, int size = 1) { await Task.Delay(size, token); yield return page; }
                }
                """);

        [Fact]
        public Task Async_lambdas_and_async_Task_local_functions_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    Func<Task<int>> F = async () => { await Task.Yield(); return 1; };

                    async Task M()
                    {
                        await Local();
                        async Task Local() => await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Generated_iterators_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                // <auto-generated/>
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> A() { await Task.Yield(); yield return 1; }
                }
                """);

        [Fact]
        public Task Net472_without_IAsyncEnumerable_is_silent()
            => new AnalyzerTest<AsyncIteratorCancellationAnalyzer>
            {
                ReferenceAssemblies = ReferenceSet.Net472,
                TestCode = """
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M() => await Task.Yield();
                    }

                    """,
            }.RunAsync();

        [Fact]
        public Task Lambda_inside_iterator_keeps_its_own_calls()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> [|Numbers|]()
                    {
                        Func<Task> later = () => Task.Delay(5);
                        await later();
                        yield return 1;
                    }
                }
                """,
                """
                using System;
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> Numbers([EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        Func<Task> later = () => Task.Delay(5);
                        await later();
                        yield return 1;
                    }
                }
                """);
    }
}
