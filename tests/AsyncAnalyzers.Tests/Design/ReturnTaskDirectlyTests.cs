using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Design;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC604 (ships disabled; the harness switches every rule on): the only await is the last one.</summary>
    [Trait("Rule", "ASYNC604")]
    public sealed class ReturnTaskDirectlyTests
    {
        private static string Wrap(string members) => $$"""
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            class Base { }

            class Derived : Base { }

            class Store
            {
                private int _count;

                Task SaveAsync() => Task.CompletedTask;

                Task<int> CountAsync() => Task.FromResult(_count);

                ValueTask<int> PeekAsync() => new ValueTask<int>(_count);

                Task<Derived> DerivedAsync() => Task.FromResult(new Derived());

            {{members}}
            }
            """;

        private static CodeFixTest<ReturnTaskDirectlyAnalyzer, ReturnTaskDirectlyCodeFixProvider> Test(string source, string? fixedSource = null)
        {
            var test = new CodeFixTest<ReturnTaskDirectlyAnalyzer, ReturnTaskDirectlyCodeFixProvider> { TestCode = source };
            if (fixedSource is not null)
            {
                test.FixedCode = fixedSource;
            }

            return test;
        }

        [Fact]
        public Task Return_await_as_the_last_statement()
            => Test(
                Wrap("""
                        public async Task<int> {|#0:TotalAsync|}(bool reset)
                        {
                            if (reset)
                            {
                                _count = 0;
                            }

                            return await CountAsync(); // the only await
                        }
                    """).Replace("{|#0:TotalAsync|}", "[|TotalAsync|]"),
                Wrap("""
                        public Task<int> TotalAsync(bool reset)
                        {
                            if (reset)
                            {
                                _count = 0;
                            }

                            return CountAsync(); // the only await
                        }
                    """)).RunAsync();

        [Fact]
        public Task A_final_await_statement_becomes_a_return()
            => Test(
                Wrap("""
                        async Task [|FlushAsync|]()
                        {
                            _count++;
                            await SaveAsync();
                        }

                        async Task [|TouchAsync|]()
                        {
                            await CountAsync();
                        }
                    """),
                Wrap("""
                        Task FlushAsync()
                        {
                            _count++;
                            return SaveAsync();
                        }

                        Task TouchAsync()
                        {
                            return CountAsync();
                        }
                    """)).RunAsync();

        [Fact]
        public Task Expression_bodies_drop_ConfigureAwait_with_the_await()
            => Test(
                Wrap("""
                        Task<int> [|ReadAsync|]() => CountAsync();
                    """).Replace("Task<int> [|ReadAsync|]() => CountAsync();", "async Task<int> [|ReadAsync|]() => await CountAsync().ConfigureAwait(false);"),
                Wrap("""
                        Task<int> ReadAsync() => CountAsync();
                    """)).RunAsync();

        [Fact]
        public Task ValueTask_lambdas_and_local_functions()
            => Test(
                Wrap("""
                        async ValueTask<int> [|PeekTwiceAsync|]() => await PeekAsync();

                        Func<Task> Later() => [|async|] () => await SaveAsync();

                        Task RunAsync()
                        {
                            return Local();

                            async Task [|Local|]() => await SaveAsync();
                        }
                    """),
                Wrap("""
                        ValueTask<int> PeekTwiceAsync() => PeekAsync();

                        Func<Task> Later() => () => SaveAsync();

                        Task RunAsync()
                        {
                            return Local();

                            Task Local() => SaveAsync();
                        }
                    """)).RunAsync();

        [Fact]
        public async Task Off_by_default()
        {
            var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Wrap("    async Task<int> TotalAsync() => await CountAsync();"));
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "OffByDefault", new[] { tree }, Basic.Reference.Assemblies.Net80.References.All, new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var analyzers = System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new ReturnTaskDirectlyAnalyzer());
            Assert.Empty(await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync());

            var switchedOn = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                System.Collections.Immutable.ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("ASYNC604", ReportDiagnostic.Info)));
            Assert.Single(await switchedOn.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync());
        }

        // ---- not reported ----

        [Fact]
        public Task Resources_and_handlers_around_the_await()
            => Test(Wrap("""
                    async Task<int> A(string path)
                    {
                        using var reader = new StreamReader(path);
                        return await CountAsync();
                    }

                    async Task<int> B()
                    {
                        try
                        {
                            return await CountAsync();
                        }
                        catch (InvalidOperationException)
                        {
                            return 0;
                        }
                    }

                    async Task C(string path)
                    {
                        using (new StreamReader(path))
                        {
                            await SaveAsync();
                        }
                    }
                """)).RunAsync();

        [Fact]
        public Task More_than_one_await_or_an_await_that_is_not_last()
            => Test(Wrap("""
                    async Task<int> A()
                    {
                        await SaveAsync();
                        return await CountAsync();
                    }

                    async Task B()
                    {
                        await SaveAsync();
                        _count++;
                    }

                    async Task C(IAsyncEnumerable<int> items)
                    {
                        await foreach (var item in items)
                        {
                            _count += item;
                        }

                        await SaveAsync();
                    }
                """)).RunAsync();

        [Fact]
        public Task Other_returns_or_a_nested_final_await()
            => Test(Wrap("""
                    async Task<int> A(bool cached)
                    {
                        if (cached)
                        {
                            return _count;
                        }

                        return await CountAsync();
                    }

                    async Task B(bool save)
                    {
                        if (save)
                        {
                            await SaveAsync();
                        }
                    }
                """)).RunAsync();

        [Fact]
        public Task A_task_of_another_type()
            => Test(Wrap("""
                    async Task<Base> A() => await DerivedAsync();

                    async Task<int> B() => await PeekAsync();

                    async ValueTask<int> C() => await CountAsync();

                    async Task<long> D() => await CountAsync();
                """)).RunAsync();

        [Fact]
        public Task Functions_that_are_not_async_or_do_not_await()
            => Test(Wrap("""
                    Task<int> A() => CountAsync();

                    async Task B() => await Task.Yield();

                    async IAsyncEnumerable<int> C()
                    {
                        yield return await CountAsync();
                    }
                """).Replace("    async Task B() => await Task.Yield();\n", string.Empty)).RunAsync();

        [Fact]
        public Task Null_conditional_calls_whose_task_may_be_null()
            => Test(Wrap("""
                    async Task A(Store? other) => await other?.SaveAsync()!;

                    async Task<int> B(Store? other) => await (other?.CountAsync())!;
                """)).RunAsync();

        [Fact]
        public Task Generated_code()
            => Test("// <auto-generated/>\n" + Wrap("    async Task<int> TotalAsync() => await CountAsync();")).RunAsync();
    }
}
