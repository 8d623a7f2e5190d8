using System.Threading.Tasks;
using AsyncAnalyzers.Resources;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Resources.DisposeAsyncEnumeratorAnalyzer, AsyncAnalyzers.CodeFixes.Resources.DisposeAsyncEnumeratorCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Resources
{
    /// <summary>ASYNC402: async enumerators that are not disposed on every path.</summary>
    [Trait("Rule", "ASYNC402")]
    public sealed class DisposeAsyncEnumeratorTests
    {
        private static string Wrap(string members) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
            {{members}}
            }
            """;

        // ---- reported ----

        [Fact]
        public Task Local_enumerator_never_disposed_gets_await_using()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task<int> FirstAsync(IAsyncEnumerable<int> items, CancellationToken token)
                        {
                            // the first item or -1
                            var e = [|items.GetAsyncEnumerator(token)|];
                            return await e.MoveNextAsync() ? e.Current : -1;
                        }
                    """),
                Wrap("""
                        async Task<int> FirstAsync(IAsyncEnumerable<int> items, CancellationToken token)
                        {
                            // the first item or -1
                            await using var e = items.GetAsyncEnumerator(token);
                            return await e.MoveNextAsync() ? e.Current : -1;
                        }
                    """));

        [Fact]
        public Task Explicitly_typed_local_in_an_async_lambda()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Func<IAsyncEnumerable<string>, Task<bool>> Any() => async items =>
                        {
                            IAsyncEnumerator<string> e = [|items.GetAsyncEnumerator()|];
                            return await e.MoveNextAsync();
                        };
                    """),
                Wrap("""
                        Func<IAsyncEnumerable<string>, Task<bool>> Any() => async items =>
                        {
                            await using IAsyncEnumerator<string> e = items.GetAsyncEnumerator();
                            return await e.MoveNextAsync();
                        };
                    """));

        [Fact]
        public Task DisposeAsync_outside_finally_is_reported_without_a_fix()
        {
            var code = Wrap("""
                    async Task<int> SumAsync(IAsyncEnumerable<int> items)
                    {
                        var e = [|items.GetAsyncEnumerator()|];
                        var sum = 0;
                        while (await e.MoveNextAsync())
                        {
                            sum += e.Current;
                        }

                        await e.DisposeAsync();
                        return sum;
                    }
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task Enumerator_used_inline_is_reported_without_a_fix()
        {
            var code = Wrap("""
                    async Task<bool> AnyAsync(IAsyncEnumerable<int> items)
                        => await [|items.GetAsyncEnumerator()|].MoveNextAsync();
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task Reassigned_local_is_reported_without_a_fix()
        {
            var code = Wrap("""
                    async Task RunAsync(IAsyncEnumerable<int> first, IAsyncEnumerable<int> second)
                    {
                        var e = [|first.GetAsyncEnumerator()|];
                        await e.MoveNextAsync();
                        e = second.GetAsyncEnumerator(); // an assignment, not a declaration: not followed
                        await e.MoveNextAsync();
                    }
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task Synchronous_method_is_reported_without_a_fix()
        {
            var code = Wrap("""
                    bool HasAny(IAsyncEnumerable<int> items)
                    {
                        var e = [|items.GetAsyncEnumerator()|];
                        return e.MoveNextAsync().AsTask().GetAwaiter().GetResult();
                    }
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        // ---- not reported ----

        [Fact]
        public Task Await_using_declarations_and_statements_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task RunAsync(IAsyncEnumerable<int> items)
                    {
                        await using var e = items.GetAsyncEnumerator();
                        await e.MoveNextAsync();
                        await using (var f = items.GetAsyncEnumerator())
                        {
                            await f.MoveNextAsync();
                        }
                    }
                """));

        [Fact]
        public Task DisposeAsync_in_finally_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task<int> SumAsync(IAsyncEnumerable<int> items)
                    {
                        var e = items.GetAsyncEnumerator();
                        try
                        {
                            var sum = 0;
                            while (await e.MoveNextAsync())
                            {
                                sum += e.Current;
                            }

                            return sum;
                        }
                        finally
                        {
                            await e.DisposeAsync();
                        }
                    }
                """));

        [Fact]
        public Task Enumerators_handed_on_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    private IAsyncEnumerator<int>? _current;

                    IAsyncEnumerator<int> Open(IAsyncEnumerable<int> items) => items.GetAsyncEnumerator();

                    IAsyncEnumerator<int> OpenLocal(IAsyncEnumerable<int> items)
                    {
                        var e = items.GetAsyncEnumerator();
                        return e;
                    }

                    void Keep(IAsyncEnumerable<int> items) => _current = items.GetAsyncEnumerator();

                    void Pass(IAsyncEnumerable<int> items) => Consume(items.GetAsyncEnumerator());

                    void PassLocal(IAsyncEnumerable<int> items)
                    {
                        var e = items.GetAsyncEnumerator();
                        Consume(e);
                    }

                    static void Consume(IAsyncEnumerator<int> e) { }
                """));

        [Fact]
        public Task Wrapping_enumerables_are_not_reported()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.Threading;

                sealed class Wrapper<T> : IAsyncEnumerable<T>
                {
                    private readonly IAsyncEnumerable<T> _inner;

                    public Wrapper(IAsyncEnumerable<T> inner) => _inner = inner;

                    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
                        => _inner.GetAsyncEnumerator(cancellationToken);
                }
                """);

        [Fact]
        public Task Await_foreach_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task<int> SumAsync(IAsyncEnumerable<int> items, CancellationToken token)
                    {
                        var sum = 0;
                        await foreach (var item in items.WithCancellation(token))
                        {
                            sum += item;
                        }

                        return sum;
                    }
                """));

        [Fact]
        public Task Captured_enumerator_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Func<ValueTask<bool>> Next(IAsyncEnumerable<int> items)
                    {
                        var e = items.GetAsyncEnumerator();
                        return () => e.MoveNextAsync();
                    }
                """));

        [Fact]
        public Task Synchronous_enumerators_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    int First(IEnumerable<int> items)
                    {
                        var e = items.GetEnumerator();
                        return e.MoveNext() ? e.Current : -1;
                    }
                """));

        [Fact]
        public Task Nameof_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    string Name(IAsyncEnumerable<int> items) => nameof(items.GetAsyncEnumerator);
                """));

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Wrap("    async Task RunAsync(IAsyncEnumerable<int> items) { var e = items.GetAsyncEnumerator(); await e.MoveNextAsync(); }"));

        [Fact]
        public Task Net472_without_async_enumerables_is_not_reported()
            => new AnalyzerTest<DisposeAsyncEnumeratorAnalyzer>
            {
                ReferenceAssemblies = ReferenceSet.Net472,
                TestCode = """
                    using System.Collections.Generic;

                    class C
                    {
                        int First(IEnumerable<int> items)
                        {
                            var e = items.GetEnumerator();
                            return e.MoveNext() ? e.Current : -1;
                        }
                    }
                    """,
            }.RunAsync();
    }
}
