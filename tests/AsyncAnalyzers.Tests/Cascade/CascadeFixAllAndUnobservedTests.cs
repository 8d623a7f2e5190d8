using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Robustness;
using AsyncAnalyzers.Tests.Verifiers;
using AsyncAnalyzers.Unobserved;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Cascade
{
    /// <summary>The cascade from ASYNC201 seeds, Fix All merging overlapping cascades, and the code action's title.</summary>
    [Trait("Rule", "ASYNC104")]
    [Trait("Rule", "ASYNC201")]
    public sealed class CascadeFixAllAndUnobservedTests
    {
        private static CodeFixTest<UnobservedTaskAnalyzer, MakeAsyncAndUpdateCallersCodeFixProvider> UnobservedTest(string source, string fixedSource)
        {
            var test = new CodeFixTest<UnobservedTaskAnalyzer, MakeAsyncAndUpdateCallersCodeFixProvider>
            {
                TestCode = source,
                FixedCode = fixedSource,
                CompilerDiagnostics = CompilerDiagnostics.Warnings,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", CascadeFixTests.EditorConfig(null)));
            return test;
        }

        [Fact]
        public Task Dropped_task_in_sync_method_is_awaited_and_callers_follow()
            => UnobservedTest(
                """
                using System.Threading.Tasks;

                class Audit
                {
                    static Task WriteAsync(string line) => Task.CompletedTask;

                    void Record(string line)
                    {
                        [|WriteAsync(line)|]; // was fire-and-forget
                    }

                    async Task HandleAsync()
                    {
                        await Task.Yield();
                        Record("handled");
                    }

                    void Handle() => Record("sync");
                }
                """,
                """
                using System.Threading.Tasks;

                class Audit
                {
                    static Task WriteAsync(string line) => Task.CompletedTask;

                    async Task Record(string line)
                    {
                        await WriteAsync(line); // was fire-and-forget
                    }

                    async Task HandleAsync()
                    {
                        await Task.Yield();
                        await Record("handled");
                    }

                    async Task Handle() => await Record("sync");
                }
                """).RunAsync();

        [Fact]
        public Task Dropped_task_in_expression_bodied_void_method_is_awaited()
            => UnobservedTest(
                """
                using System.Threading.Tasks;

                class Audit
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    void Record() => [|WriteAsync()|];
                }
                """,
                """
                using System.Threading.Tasks;

                class Audit
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    async Task Record() => await WriteAsync();
                }
                """).RunAsync();

        [Fact]
        public Task Boundary_callers_of_a_method_converted_for_a_dropped_task_keep_dropping_it_instead_of_blocking()
            => UnobservedTest(
                """
                using System.Threading.Tasks;

                class Audit
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    void Record() { [|WriteAsync()|]; }

                    internal Audit() { Record(); }

                    internal int Count { get { Record(); return 1; } }
                }
                """,
                """
                using System.Threading.Tasks;

                class Audit
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    async Task Record() { await WriteAsync(); }

                    internal Audit() { _ = Record(); }

                    internal int Count { get { _ = Record(); return 1; } }
                }
                """).RunAsync();

        [Fact]
        public Task Dropped_tasks_in_async_code_and_explicit_discards_are_not_cascade_seeds()
        {
            var source = """
                using System.Threading.Tasks;

                class Audit
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    async Task RecordAsync()
                    {
                        await Task.Yield();
                        WriteAsync(); // the compiler's CS4014; ASYNC201 stays quiet
                    }

                    void Detached() { _ = WriteAsync(); }

                    void Maybe(Audit other) { [|other?.RecordAsync()|]; }
                }
                """;
            var test = UnobservedTest(source, source);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CS4014", DiagnosticSeverity.Warning).WithSpan(10, 9, 10, 21));
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_All_merges_cascades_that_share_callers()
        {
            var test = CascadeFixTests.Test(
                """
                using System.Threading.Tasks;

                class Orders
                {
                    static Task<int> PriceAsync() => Task.FromResult(1);
                    static Task<int> TaxAsync() => Task.FromResult(2);

                    int Price() => [|PriceAsync().Result|];
                    int Tax() => [|TaxAsync().Result|];

                    int Total() => Price() + Tax();
                    int Report() => Total() * 2;
                }
                """,
                """
                using System.Threading.Tasks;

                class Orders
                {
                    static Task<int> PriceAsync() => Task.FromResult(1);
                    static Task<int> TaxAsync() => Task.FromResult(2);

                    async Task<int> Price() => await PriceAsync();
                    async Task<int> Tax() => await TaxAsync();

                    async Task<int> Total() => await Price() + await Tax();
                    async Task<int> Report() => await Total() * 2;
                }
                """);
            test.NumberOfFixAllIterations = 1; // one Fix All round converts everything, each caller once
            test.NumberOfIncrementalIterations = 2;
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_All_across_projects_is_one_solution_change()
        {
            const string LibrarySource = """
                using System.Threading.Tasks;

                namespace Lib
                {
                    public static class Clock
                    {
                        static Task<long> NowAsync() => Task.FromResult(0L);

                        public static long Now() => [|NowAsync().Result|];
                    }
                }
                """;
            const string LibraryFixed = """
                using System.Threading.Tasks;

                namespace Lib
                {
                    public static class Clock
                    {
                        static Task<long> NowAsync() => Task.FromResult(0L);

                        public static async Task<long> Now() => await NowAsync();
                    }
                }
                """;
            var test = CascadeFixTests.Test(
                """
                using System.Threading.Tasks;

                class Stamp
                {
                    static Task<string> ZoneAsync() => Task.FromResult("Z");

                    string Zone() => [|ZoneAsync().Result|];

                    string Text() => Lib.Clock.Now() + Zone();
                }
                """,
                """
                using System.Threading.Tasks;

                class Stamp
                {
                    static Task<string> ZoneAsync() => Task.FromResult("Z");

                    async Task<string> Zone() => await ZoneAsync();

                    async Task<string> Text() => await Lib.Clock.Now() + await Zone();
                }
                """,
                "async_analyzers.cascade_public_api = true");
            var library = test.TestState.AdditionalProjects["Library"];
            library.Sources.Add(LibrarySource);
            library.AnalyzerConfigFiles.Add(("/.editorconfig", CascadeFixTests.EditorConfig("async_analyzers.cascade_public_api = true")));
            var libraryFixed = test.FixedState.AdditionalProjects["Library"];
            libraryFixed.Sources.Add(LibraryFixed);
            libraryFixed.AnalyzerConfigFiles.Add(("/.editorconfig", CascadeFixTests.EditorConfig("async_analyzers.cascade_public_api = true")));
            test.TestState.AdditionalProjectReferences.Add("Library");
            test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllInDocumentCheck | CodeFixTestBehaviors.SkipFixAllInProjectCheck;
            test.NumberOfFixAllIterations = 1;
            return test.RunAsync();
        }

        [Fact]
        public async Task Title_names_the_seed_method()
        {
            var project = Harness.CreateProject(new[]
            {
                ("/0/Chain.cs", """
                    using System.Threading.Tasks;

                    class Chain
                    {
                        static Task<int> SourceAsync() => Task.FromResult(1);

                        int Read() => SourceAsync().Result;
                        int Twice() => Read() + Read();
                        int Outer() => Twice();
                        int Ctor() => new Holder(this).Value;
                    }

                    class Holder
                    {
                        internal Holder(Chain c) { Value = 1; }
                        internal int Value { get; }
                    }
                    """),
            });
            var titles = await TitlesAsync(project, new SyncOverAsyncAnalyzer());
            // The title cannot count the methods that change (Read, Twice, Outer): the light bulb does not walk the callers.
            Assert.Equal(new[] { "Make 'Read' async and update callers" }, titles);

            var withBoundary = Harness.CreateProject(new[]
            {
                ("/0/Boundary.cs", """
                    using System.Threading.Tasks;

                    class Boundary
                    {
                        static Task<int> SourceAsync() => Task.FromResult(1);

                        int Read() => SourceAsync().Result;
                        internal Boundary() { Read(); }
                        internal int Value => Read();
                    }
                    """),
            });
            Assert.Equal(new[] { "Make 'Read' async and update callers" }, await TitlesAsync(withBoundary, new SyncOverAsyncAnalyzer()));

            var single = Harness.CreateProject(new[]
            {
                ("/0/One.cs", """
                    using System.Threading.Tasks;

                    class One
                    {
                        void Save() => Task.Delay(1).Wait();
                    }
                    """),
            });
            Assert.Equal(new[] { "Make 'Save' async and update callers" }, await TitlesAsync(single, new SyncOverAsyncAnalyzer()));
        }

        private static async Task<List<string>> TitlesAsync(Project project, Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer analyzer)
        {
            var compilation = await project.GetCompilationAsync();
            var diagnostics = await compilation!.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
            var titles = new List<string>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var actions = new List<CodeAction>();
                await new MakeAsyncAndUpdateCallersCodeFixProvider().RegisterCodeFixesAsync(
                    new CodeFixContext(project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, (a, _) => actions.Add(a), default));
                titles.AddRange(actions.Select(a => a.Title));
            }

            return titles;
        }
    }
}
