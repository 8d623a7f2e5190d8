using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.AsyncCounterpartAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    // ASYNC103: extension twins are found wherever C# puts them in scope (the name pre-check must not hide any), and only there.
    public sealed partial class AsyncCounterpartTests
    {
        private const string RepoWithExtensionIn = """
            namespace Data
            {
                public class Repo { public int Load() => 1; }
            }

            namespace Data.Extensions
            {
                public static class RepoExtensions
                {
                    public static System.Threading.Tasks.Task<int> LoadAsync(this Data.Repo repo) => System.Threading.Tasks.Task.FromResult(1);
                }
            }
            """;

        private static string Caller(string usings, string namespaceLine = "namespace App;") => usings + "\n" + namespaceLine + """


            class C
            {
                async System.Threading.Tasks.Task<int> M(Data.Repo repo)
                {
                    await System.Threading.Tasks.Task.Yield();
                    return {|#0:repo.Load()|};
                }
            }
            """;

        private static DiagnosticResult LoadHasATwin() => Verify.Diagnostic().WithLocation(0).WithArguments("Repo.Load", "LoadAsync");

        [Fact]
        public async Task Extension_twin_imported_by_a_using_directive_is_found()
        {
            var test = new AnalyzerTest<AsyncCounterpartAnalyzer> { TestState = { Sources = { Caller("using Data.Extensions;"), RepoWithExtensionIn } } };
            test.ExpectedDiagnostics.Add(LoadHasATwin());
            await test.RunAsync();
        }

        [Fact]
        public async Task Extension_twin_imported_by_a_global_using_in_another_file_is_found()
        {
            var test = new AnalyzerTest<AsyncCounterpartAnalyzer> { TestState = { Sources = { Caller(string.Empty), RepoWithExtensionIn, "global using Data.Extensions;" } } };
            test.ExpectedDiagnostics.Add(LoadHasATwin());
            await test.RunAsync();
        }

        [Fact]
        public async Task Extension_twin_imported_by_using_static_is_found()
        {
            var test = new AnalyzerTest<AsyncCounterpartAnalyzer> { TestState = { Sources = { Caller("using static Data.Extensions.RepoExtensions;"), RepoWithExtensionIn } } };
            test.ExpectedDiagnostics.Add(LoadHasATwin());
            await test.RunAsync();
        }

        [Fact]
        public async Task Extension_twin_in_an_enclosing_namespace_is_found()
        {
            var test = new AnalyzerTest<AsyncCounterpartAnalyzer> { TestState = { Sources = { Caller(string.Empty, "namespace Data.Extensions.Callers;"), RepoWithExtensionIn } } };
            test.ExpectedDiagnostics.Add(LoadHasATwin());
            await test.RunAsync();
        }

        // No using: the twin's class sits in a namespace enclosing the caller's, but in the referenced library; the caller's
        // own project declares that namespace too, so the caller's namespace symbol alone would not see the library's part.
        [Fact]
        public async Task Extension_twin_in_an_enclosing_namespace_of_a_referenced_assembly_is_found()
        {
            var test = new AnalyzerTest<AsyncCounterpartAnalyzer> { TestState = { Sources = { Caller(string.Empty, "namespace Data.Extensions.Callers;") } } };
            test.TestState.AdditionalProjects["Library"].Sources.Add(RepoWithExtensionIn);
            test.TestState.AdditionalProjectReferences.Add("Library");
            test.ExpectedDiagnostics.Add(LoadHasATwin());
            await test.RunAsync();
        }

        /// <summary>The caller (importing Data.Extensions) and <paramref name="sources"/> here, <paramref name="librarySource"/> in a referenced project: Load has a twin.</summary>
        private static Task VerifyTwinWithLibraryAsync(string librarySource, params string[] sources)
        {
            var test = new AnalyzerTest<AsyncCounterpartAnalyzer> { TestState = { Sources = { Caller("using Data.Extensions;") } } };
            foreach (var source in sources)
            {
                test.TestState.Sources.Add(source);
            }

            test.TestState.AdditionalProjects["Library"].Sources.Add(librarySource);
            test.TestState.AdditionalProjectReferences.Add("Library");
            test.ExpectedDiagnostics.Add(LoadHasATwin());
            return test.RunAsync();
        }

        [Fact]
        public Task Extension_twin_from_a_referenced_assembly_is_found()
            => VerifyTwinWithLibraryAsync(RepoWithExtensionIn);

        // The imported namespace has a part here without extension methods (skipped, as the compiler skips it) and a part in
        // the referenced library that holds the twin.
        [Fact]
        public Task Extension_twin_in_a_namespace_that_spans_two_assemblies_is_found()
            => VerifyTwinWithLibraryAsync(RepoWithExtensionIn, "namespace Data.Extensions { public static class Helpers { public static int LoadCount() => 0; } }");

        [Fact]
        public Task Extension_twin_declared_here_in_a_namespace_a_library_also_uses_is_found()
            => VerifyTwinWithLibraryAsync(
                "namespace Data.Extensions { public class Unrelated { public System.Threading.Tasks.Task<int> LoadAsync() => System.Threading.Tasks.Task.FromResult(1); } }",
                RepoWithExtensionIn);

        [Fact]
        public Task Extension_twin_in_a_namespace_the_file_does_not_import_is_not_a_twin()
            => new AnalyzerTest<AsyncCounterpartAnalyzer>
            {
                TestState = { Sources = { Caller(string.Empty).Replace("{|#0:repo.Load()|}", "repo.Load()", System.StringComparison.Ordinal), RepoWithExtensionIn } },
            }.RunAsync();
    }
}
