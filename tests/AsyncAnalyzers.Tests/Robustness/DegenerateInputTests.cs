using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit.Abstractions;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>Degenerate inputs: huge methods, deep nesting, thousands of diagnostics, unicode, #if, partial types, generated files.</summary>
    public sealed class DegenerateInputTests
    {
        private readonly ITestOutputHelper _output;

        public DegenerateInputTests(ITestOutputHelper output) => _output = output;

        private static async Task<(int Diagnostics, string Ids)> AnalyzeOnBigStackAsync(params (string Path, string Text)[] documents)
        {
            // The analysis runs on the thread pool; the driver itself guards its recursion. Our walks are iterative.
            var project = Harness.CreateProject(documents);
            var (diagnostics, exceptions) = await Harness.AnalyzeAsync(project);
            Assert.True(exceptions.Count == 0, string.Join("\n", exceptions.Take(2)));
            return (diagnostics.Length, string.Join(",", diagnostics.Select(d => d.Id).Distinct().OrderBy(x => x, StringComparer.Ordinal)));
        }

        [Fact]
        public async Task Twenty_thousand_line_method_is_analyzed()
        {
            var source = new StringBuilder("""
                using System.Threading;
                using System.Threading.Tasks;

                class Huge
                {
                    async Task RunAsync()
                    {
                        var x = 0;

                """);
            for (var i = 0; i < 20000; i++)
            {
                source.Append(i % 1000 == 0 ? "        Thread.Sleep(1);\n" : "        x += " + (i % 7) + ";\n");
            }

            source.Append("""
                        await Task.Yield();
                    }
                }

                """);
            var stopwatch = Stopwatch.StartNew();
            var (count, ids) = await AnalyzeOnBigStackAsync(("/huge.cs", source.ToString()));
            _output.WriteLine($"20k-line method: {count} diagnostics ({ids}) in {stopwatch.ElapsedMilliseconds} ms");
            Assert.Equal(20, count);
        }

        [Fact]
        public async Task Two_thousand_deep_nesting_is_analyzed_without_overflowing_the_stack()
        {
            // A 2k-deep expression and 200 nested async lambdas inside a loop of an async method with a token.
            var expression = new StringBuilder();
            for (var i = 0; i < 2000; i++)
            {
                expression.Append("(1 + ");
            }

            expression.Append('1').Append(')', 2000);
            var lambdas = new StringBuilder();
            for (var i = 0; i < 200; i++)
            {
                lambdas.Append("Func<Task> f").Append(i).Append(" = async () => { ");
            }

            lambdas.Append("Thread.Sleep(1); await Task.Yield();");
            for (var i = 0; i < 200; i++)
            {
                lambdas.Append(" };");
            }

            var source = $$"""
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class Deep
                {
                    async Task RunAsync(CancellationToken token)
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            var x = {{expression}};
                            {{lambdas}}
                            await Task.Yield();
                        }
                    }
                }
                """;
            var (count, ids) = await AnalyzeOnBigStackAsync(("/deep.cs", source));
            _output.WriteLine($"deep nesting: {count} diagnostics ({ids})");
            Assert.Contains("ASYNC101", ids, StringComparison.Ordinal);
        }

        /// <summary>2,000 in CI; ASYNC_ROBUSTNESS_SCALE=5 gives the 10,000 of docs/reliability.md.</summary>
        [Fact]
        public async Task Thousands_of_sleeps_are_fixed_by_one_Fix_All()
        {
            var count = 2000 * Harness.Scale;
            var source = new StringBuilder("""
                using System.Threading;
                using System.Threading.Tasks;

                class Many
                {
                    async Task RunAsync(CancellationToken token)
                    {

                """);
            for (var i = 0; i < count; i++)
            {
                source.Append("        Thread.Sleep(").Append(i % 50).Append(");\n");
            }

            source.Append("""
                    }
                }

                """);
            var project = Harness.CreateProject(new[] { ("/many.cs", source.ToString()) });
            var (diagnostics, exceptions) = await Harness.AnalyzeAsync(project);
            Assert.Empty(exceptions);
            Assert.Equal(count, diagnostics.Count(d => d.Id == DiagnosticIds.BlockingSleep));

            var provider = new BlockingSleepCodeFixProvider();
            var document = project.Documents.Single();
            var stopwatch = Stopwatch.StartNew();
            var context = new FixAllContext(document, provider, FixAllScope.Document, nameof(BlockingSleepCodeFixProvider), provider.FixableDiagnosticIds, new FixedDiagnostics(diagnostics), CancellationToken.None);
            var action = await provider.GetFixAllProvider().GetFixAsync(context);
            var operations = await action!.GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
            var text = (await changed.GetTextAsync()).ToString();
            stopwatch.Stop();
            _output.WriteLine($"Fix All of {count:N0} Thread.Sleep: {stopwatch.ElapsedMilliseconds} ms");
            Assert.DoesNotContain("Thread.Sleep", text, StringComparison.Ordinal);
            Assert.Equal(count, text.Split("await Task.Delay(").Length - 1);
            // The sweeps switch every rule on, ASYNC601 too, and the project is a library: inserted awaits come configured.
            Assert.Contains("await Task.Delay(49, token).ConfigureAwait(false);", text, StringComparison.Ordinal);
        }

        [Fact]
        public Task Unicode_identifiers_are_reported_and_fixed()
            => CSharpCodeFixVerifier<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Ñandú
                {
                    async Task Привет(CancellationToken 令牌)
                    {
                        [|Thread.Sleep(1)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Ñandú
                {
                    async Task Привет(CancellationToken 令牌)
                    {
                        await Task.Delay(1, 令牌);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Inactive_if_regions_are_not_analyzed_and_active_ones_are()
            => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                #if NEVER_DEFINED
                        Thread.Sleep(1);
                #else
                        [|Thread.Sleep(2)|];
                #endif
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public async Task Partial_classes_across_files_are_analyzed_and_fixed_per_file()
        {
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>();
            test.TestState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                partial class Worker
                {
                    async Task A(CancellationToken token)
                    {
                        [|Thread.Sleep(1)|];
                        await B();
                    }
                }

                """);
            test.TestState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                partial class Worker
                {
                    async Task B()
                    {
                        [|Thread.Sleep(2)|];
                        await Task.Yield();
                    }
                }

                """);
            test.FixedState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                partial class Worker
                {
                    async Task A(CancellationToken token)
                    {
                        await Task.Delay(1, token);
                        await B();
                    }
                }

                """);
            test.FixedState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                partial class Worker
                {
                    async Task B()
                    {
                        await Task.Delay(2);
                        await Task.Yield();
                    }
                }

                """);
            await test.RunAsync();
        }

        [Fact]
        public async Task Generated_files_get_no_diagnostics_from_any_rule()
        {
            var body = """
                using System;
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                partial class Generated
                {
                    async void Fire(List<int> items, CancellationToken token)
                    {
                        Thread.Sleep(1);
                        Task.Delay(1).Wait();
                        items.ForEach(async i => await Task.Delay(i));
                        await Task.Delay(1);
                        try { await Task.Delay(1, token); } catch (Exception) { }
                    }
                }
                """;
            var (headerCount, _) = await AnalyzeOnBigStackAsync(("/gen/Client.cs", "// <auto-generated/>\n" + body));
            var (nameCount, _) = await AnalyzeOnBigStackAsync(("/gen/Client.g.cs", body));
            var (control, ids) = await AnalyzeOnBigStackAsync(("/gen/Client.cs", body));
            Assert.Equal(0, headerCount);
            Assert.Equal(0, nameCount);
            Assert.True(control >= 5, $"the same code in a normal file must be reported ({ids})");
        }

        private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly System.Collections.Immutable.ImmutableArray<Diagnostic> _diagnostics;

            public FixedDiagnostics(System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<System.Collections.Generic.IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<System.Collections.Generic.IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<System.Collections.Generic.IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult<System.Collections.Generic.IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<System.Collections.Generic.IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());
        }
    }
}
