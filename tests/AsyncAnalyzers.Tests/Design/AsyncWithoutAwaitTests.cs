using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Design;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC502: async functions that never await, and a fix that keeps where their exceptions go.</summary>
    [Trait("Rule", "ASYNC502")]
    public sealed partial class AsyncWithoutAwaitTests
    {
        /// <summary>
        /// What a Roslyn 4.x compiler reports for the same finding (CS1998, on the method's name), where the shipped analyzer
        /// stays silent. This host's compiler (Roslyn 5) no longer reports it, so the test reports it by hand.
        /// </summary>
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        public sealed class CompilerCS1998 : DiagnosticAnalyzer
        {
#pragma warning disable RS1029, RS2008 // The compiler's ID on purpose: the fix must accept it.
            private static readonly DiagnosticDescriptor Descriptor = new("CS1998", "Async method lacks await", "lacks await", "Compiler", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS1029, RS2008

            public override System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = System.Collections.Immutable.ImmutableArray.Create(Descriptor);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterSyntaxNodeAction(
                    c =>
                    {
                        var method = (Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax)c.Node;
                        if (AsyncFunctionSyntax.AsyncKeyword(method).IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.AsyncKeyword)
                            && AsyncFunctionSyntax.Body(method) is { } body && !AsyncWithoutAwaitAnalyzer.HasAwaitOrYield(body))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Descriptor, method.Identifier.GetLocation()));
                        }
                    },
                    Microsoft.CodeAnalysis.CSharp.SyntaxKind.MethodDeclaration);
            }
        }

        private static class Verify
        {
            public static Task VerifyCodeFixAsync(string source, string fixedSource) => Test(source, fixedSource).RunAsync();

            public static Task VerifyAnalyzerAsync(string source) => new CodeFixTest<AsyncWithoutAwaitAnalyzer, AsyncWithoutAwaitCodeFixProvider> { TestCode = source }.RunAsync();

            public static CodeFixTest<AsyncWithoutAwaitAnalyzer, AsyncWithoutAwaitCodeFixProvider> Test(string source, string fixedSource)
                => new CodeFixTest<AsyncWithoutAwaitAnalyzer, AsyncWithoutAwaitCodeFixProvider> { TestCode = source, FixedCode = fixedSource };
        }

        private static string Wrap(string members) => $$"""
            #nullable enable
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Sample
            {
                private int _count;
                private readonly Func<int> _source = () => 1;

            {{members}}
            }
            """;

        [Fact]
        public Task A_body_that_cannot_throw_only_wraps_its_returns()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        public [|async|] Task<int> CountAsync(bool all)
                        {
                            if (all)
                            {
                                return _count; // cached
                            }

                            return 0;
                        }
                    """),
                Wrap("""
                        public Task<int> CountAsync(bool all)
                        {
                            if (all)
                            {
                                return Task.FromResult<int>(_count); // cached
                            }

                            return Task.FromResult<int>(0);
                        }
                    """));

        [Fact]
        public Task An_empty_Task_method_returns_a_completed_task()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        // Called by the framework.
                        protected virtual [|async|] Task OnStartedAsync()
                        {
                        }
                    """),
                Wrap("""
                        // Called by the framework.
                        protected virtual Task OnStartedAsync()
                        {
                            return Task.CompletedTask;
                        }
                    """));

        [Fact]
        public Task A_body_that_calls_something_keeps_its_exceptions_on_the_task()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        [|async|] Task<int> NextAsync()
                        {
                            var value = _source();
                            return value + 1;
                        }
                    """),
                Wrap("""
                        Task<int> NextAsync()
                        {
                            try
                            {
                                var value = _source();
                                return Task.FromResult<int>(value + 1);
                            }
                            catch (Exception ex)
                            {
                                return Task.FromException<int>(ex);
                            }
                        }
                    """));

        [Fact]
        public Task Own_throw_statements_become_faulted_tasks_without_a_try()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        [|async|] Task SetAsync(int count)
                        {
                            if (count < 0)
                            {
                                throw new ArgumentOutOfRangeException(nameof(count));
                            }

                            _count = count;
                        }
                    """),
                Wrap("""
                        Task SetAsync(int count)
                        {
                            if (count < 0)
                            {
                                return Task.FromException(new ArgumentOutOfRangeException(nameof(count)));
                            }

                            _count = count;
                            return Task.CompletedTask;
                        }
                    """));

        [Fact]
        public Task An_expression_bodied_method_keeps_its_arrow()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        [|async|] Task<string?> NameAsync(string? name) => name;
                    """),
                Wrap("""
                        Task<string?> NameAsync(string? name) => Task.FromResult<string?>(name);
                    """));

        [Fact]
        public Task An_expression_bodied_Task_method_that_calls_becomes_a_guarded_block()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        [|async|] Task RunAsync() => _source();
                    """),
                Wrap("""
                        Task RunAsync()
                        {
                            try
                            {
                                _source();
                                return Task.CompletedTask;
                            }
                            catch (Exception ex)
                            {
                                return Task.FromException(ex);
                            }
                        }
                    """));

        [Fact]
        public Task ValueTask_results_use_the_ValueTask_constructors()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        [|async|] ValueTask<int> CountAsync() => _count;

                        [|async|] ValueTask ResetAsync()
                        {
                            _count = 0;
                        }

                        [|async|] ValueTask<int> ReadAsync() => _source();
                    """),
                Wrap("""
                        ValueTask<int> CountAsync() => new ValueTask<int>(_count);

                        ValueTask ResetAsync()
                        {
                            _count = 0;
                            return default;
                        }

                        ValueTask<int> ReadAsync()
                        {
                            try
                            {
                                return new ValueTask<int>(_source());
                            }
                            catch (Exception ex)
                            {
                                return new ValueTask<int>(Task.FromException<int>(ex));
                            }
                        }
                    """));

        [Fact]
        public Task Lambdas_and_anonymous_methods()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        void Register(Func<Task<int>> a, Func<int, Task> b, Func<Task> c) { }

                        void M()
                        {
                            Register(
                                [|async|] () => 42,
                                [|async|] x => { _count = x; },
                                [|async|] delegate { _source(); });
                        }
                    """),
                Wrap("""
                        void Register(Func<Task<int>> a, Func<int, Task> b, Func<Task> c) { }

                        void M()
                        {
                            Register(
                                () => Task.FromResult<int>(42),
                                x => { _count = x; return Task.CompletedTask; },
                                delegate
                                {
                                    try
                                    {
                                        _source();
                                        return Task.CompletedTask;
                                    }
                                    catch (Exception ex)
                                    {
                                        return Task.FromException(ex);
                                    }
                                });
                        }
                    """));

        [Fact]
        public Task Local_function_and_a_nested_lambda_fixed_together()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Func<Task<int>> M()
                        {
                            return Local();

                            static [|async|] Task<Func<Task<int>>> Local()
                            {
                                return [|async|] () => 1;
                            }
                        }
                    """).Replace("return Local();", "return Local().Result;"),
                Wrap("""
                        Func<Task<int>> M()
                        {
                            return Local().Result;

                            static Task<Func<Task<int>>> Local()
                            {
                                return Task.FromResult<Func<Task<int>>>(() => Task.FromResult<int>(1));
                            }
                        }
                    """));

        [Fact]
        public Task The_caught_exception_gets_a_name_nothing_else_uses()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Func<Exception, Task> M(Exception ex)
                        {
                            return [|async|] exception => Console.WriteLine(ex.Message + exception.Message);
                        }
                    """),
                Wrap("""
                        Func<Exception, Task> M(Exception ex)
                        {
                            return exception =>
                            {
                                try
                                {
                                    Console.WriteLine(ex.Message + exception.Message);
                                    return Task.CompletedTask;
                                }
                                catch (Exception e)
                                {
                                    return Task.FromException(e);
                                }
                            };
                        }
                    """));

        [Fact]
        public Task Top_level_statements_local_function()
        {
            var test = Verify.Test(
                """
                    using System.Threading.Tasks;

                    System.Console.WriteLine(await Answer());

                    [|async|] Task<int> Answer() => 42;
                    """,
                """
                    using System.Threading.Tasks;

                    System.Console.WriteLine(await Answer());

                    Task<int> Answer() => Task.FromResult<int>(42);
                    """);
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task Async_void_is_reported_without_a_fix()
        {
            var code = Wrap("""
                    [|async|] void OnClick(object sender, EventArgs e)
                    {
                        _count++;
                    }
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task A_body_that_may_end_canceled_is_reported_without_a_fix()
        {
            var code = Wrap("""
                    [|async|] Task<int> CountAsync(CancellationToken cancellationToken)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        return _count;
                    }

                    [|async|] Task StopAsync()
                    {
                        if (_count == 0)
                        {
                            throw new OperationCanceledException();
                        }

                        _count = 0;
                    }
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Theory]
        [InlineData(ReferenceSet.Net472)]
        [InlineData(ReferenceSet.NetStandard20)]
        public Task Older_frameworks_get_the_same_fix(ReferenceSet references)
        {
            var test = Verify.Test(
                Wrap("    [|async|] Task<int> CountAsync() => _count;"),
                Wrap("    Task<int> CountAsync() => Task.FromResult<int>(_count);"));
            test.ReferenceAssemblies = references;
            return test.RunAsync();
        }

        [Fact]
        public Task The_fix_is_offered_on_the_compilers_CS1998()
            => new CodeFixTest<CompilerCS1998, AsyncWithoutAwaitCodeFixProvider>
            {
                TestCode = Wrap("    async Task<int> {|CS1998:CountAsync|}() => _count;"),
                FixedCode = Wrap("    Task<int> CountAsync() => Task.FromResult<int>(_count);"),
            }.RunAsync();
        [Fact]
        public Task Pragmas_for_other_warnings_or_restored_ones_do_not_hide_it()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                #pragma warning disable CS1998
                #pragma warning restore CS1998
                #pragma warning disable CS0168
                    [|async|] Task<int> Count() => _count;
                #pragma warning restore CS0168
                """),
                Wrap("""
                #pragma warning disable CS1998
                #pragma warning restore CS1998
                #pragma warning disable CS0168
                    Task<int> Count() => Task.FromResult<int>(_count);
                #pragma warning restore CS0168
                """));
    }
}
