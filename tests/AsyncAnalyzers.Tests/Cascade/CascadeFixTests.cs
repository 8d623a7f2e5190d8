using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;

namespace AsyncAnalyzers.Tests.Cascade
{
    /// <summary>ASYNC104's cascade fix: "Make 'M' async and update callers", across documents and projects.</summary>
    [Trait("Rule", "ASYNC104")]
    [Trait("Rule", "ASYNC201")]
    public sealed partial class CascadeFixTests
    {
        internal static CodeFixTest<SyncOverAsyncAnalyzer, MakeAsyncAndUpdateCallersCodeFixProvider> Test(string source, string fixedSource, string? editorConfig = null)
        {
            var test = new CodeFixTest<SyncOverAsyncAnalyzer, MakeAsyncAndUpdateCallersCodeFixProvider>
            {
                TestCode = source,
                FixedCode = fixedSource,
                // Warnings too: a cascade must not leave CS4014 (dropped task in async code), nor an async method without
                // await — CS1998 on Roslyn 4.x, ASYNC502 since Roslyn 5 dropped CS1998 (these tests run on 5.x).
                CompilerDiagnostics = CompilerDiagnostics.Warnings,
                AdditionalAnalyzers = { new AsyncAnalyzers.Design.AsyncWithoutAwaitAnalyzer() },
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig(editorConfig)));

            return test;
        }

        /// <summary>Documentation warnings (CS1591) are not what these tests are about.</summary>
        internal static string EditorConfig(string? options)
            => "root = true\n\n[*.cs]\ndotnet_diagnostic.CS1591.severity = none\n" + (options == null ? string.Empty : options + "\n");

        [Fact]
        public Task Method_becomes_async_and_sync_and_async_callers_follow()
            => Test(
                """
                using System.Threading.Tasks;

                class Service
                {
                    static Task<int> FetchAsync() => Task.FromResult(1);

                    int Load() => [|FetchAsync().Result|];

                    int Twice() { return Load() + Load(); }

                    async Task<int> UseAsync() { await Task.Yield(); return Load() * 2; }
                }
                """,
                """
                using System.Threading.Tasks;

                class Service
                {
                    static Task<int> FetchAsync() => Task.FromResult(1);

                    async Task<int> Load() => await FetchAsync();

                    async Task<int> Twice() { return await Load() + await Load(); }

                    async Task<int> UseAsync() { await Task.Yield(); return await Load() * 2; }
                }
                """).RunAsync();

        [Fact]
        public Task Void_method_becomes_Task_and_statement_callers_await_it()
            => Test(
                """
                using System.Threading.Tasks;

                class Saver
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    void Save()
                    {
                        // flush first
                        [|WriteAsync().Wait()|]; // blocks
                    }

                    void Run()
                    {
                        Save();
                        Save(); /* twice */
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class Saver
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    async Task Save()
                    {
                        // flush first
                        await WriteAsync(); // blocks
                    }

                    async Task Run()
                    {
                        await Save();
                        await Save(); /* twice */
                    }
                }
                """).RunAsync();

        [Fact]
        public Task Callers_in_other_documents_follow()
        {
            var test = Test(
                """
                using System.Threading.Tasks;

                partial class Repository
                {
                    static Task<string> ReadAsync() => Task.FromResult("x");

                    internal string Read() => [|ReadAsync().GetAwaiter().GetResult()|];
                }
                """,
                """
                using System.Threading.Tasks;

                partial class Repository
                {
                    static Task<string> ReadAsync() => Task.FromResult("x");

                    internal async Task<string> Read() => await ReadAsync();
                }
                """);
            test.TestState.Sources.Add("""
                class Controller
                {
                    internal int Length(Repository repository) => repository.Read().Length;
                }
                """);
            test.FixedState.Sources.Add("""
                using System.Threading.Tasks;

                class Controller
                {
                    internal async Task<int> Length(Repository repository) => (await repository.Read()).Length;
                }
                """);
            return test.RunAsync();
        }

        [Fact]
        public Task Callers_in_another_project_follow_when_public_api_may_change()
        {
            var test = Test(
                """
                namespace App
                {
                    class Screen
                    {
                        int Show(Lib.Store store) => store.Count() + 1;
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                namespace App
                {
                    class Screen
                    {
                        async Task<int> Show(Lib.Store store) => await store.Count() + 1;
                    }
                }
                """,
                "async_analyzers.cascade_public_api = true");
            var library = test.TestState.AdditionalProjects["Library"];
            library.Sources.Add("""
                using System.Threading.Tasks;

                namespace Lib
                {
                    public class Store
                    {
                        private static Task<int> CountAsync() => Task.FromResult(3);

                        public int Count() => [|CountAsync().Result|];
                    }
                }
                """);
            library.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig("async_analyzers.cascade_public_api = true")));
            var libraryFixed = test.FixedState.AdditionalProjects["Library"];
            libraryFixed.Sources.Add("""
                using System.Threading.Tasks;

                namespace Lib
                {
                    public class Store
                    {
                        private static Task<int> CountAsync() => Task.FromResult(3);

                        public async Task<int> Count() => await CountAsync();
                    }
                }
                """);
            libraryFixed.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig("async_analyzers.cascade_public_api = true")));
            test.TestState.AdditionalProjectReferences.Add("Library");
            return test.RunAsync();
        }

        [Fact]
        public Task Public_api_of_a_library_is_a_boundary_by_default()
            => Test(
                """
                using System.Threading.Tasks;

                public class Client
                {
                    static Task<int> PingAsync() => Task.FromResult(1);

                    int Ping() => [|PingAsync().Result|];

                    public int Check() => Ping();

                    internal int Internal() => Ping();
                }
                """,
                """
                using System.Threading.Tasks;

                public class Client
                {
                    static Task<int> PingAsync() => Task.FromResult(1);

                    async Task<int> Ping() => await PingAsync();

                    public int Check() => [|Ping().GetAwaiter().GetResult()|];

                    internal async Task<int> Internal() => await Ping();
                }
                """).RunAsync();

        [Fact]
        public Task Public_seed_in_a_library_gets_no_cascade_by_default()
            => Test(
                """
                using System.Threading.Tasks;

                public class Client
                {
                    static Task<int> PingAsync() => Task.FromResult(1);

                    public int Ping() => [|PingAsync().Result|];
                }
                """,
                """
                using System.Threading.Tasks;

                public class Client
                {
                    static Task<int> PingAsync() => Task.FromResult(1);

                    public int Ping() => [|PingAsync().Result|];
                }
                """).RunAsync();

        [Fact]
        public Task Public_methods_of_an_application_are_not_api()
        {
            var test = Test(
                """
                using System.Threading.Tasks;

                public class Program
                {
                    static Task<int> PingAsync() => Task.FromResult(1);

                    public int Ping() => [|PingAsync().Result|];

                    public static void Main() { System.Console.WriteLine(new Program().Ping()); }
                }
                """,
                """
                using System.Threading.Tasks;

                public class Program
                {
                    static Task<int> PingAsync() => Task.FromResult(1);

                    public async Task<int> Ping() => await PingAsync();

                    public static async Task Main() { System.Console.WriteLine(await new Program().Ping()); }
                }
                """);
            test.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task Depth_limit_stops_with_a_visible_blocking_call()
        {
            var test = Test(
                """
                using System.Threading.Tasks;

                class Chain
                {
                    static Task<int> SourceAsync() => Task.FromResult(1);

                    int A() => [|SourceAsync().Result|];
                    int B() => A();
                    int C() => B();
                    int D() => C();
                    int E() => D();
                }
                """,
                """
                using System.Threading.Tasks;

                class Chain
                {
                    static Task<int> SourceAsync() => Task.FromResult(1);

                    async Task<int> A() => await SourceAsync();
                    async Task<int> B() => await A();
                    async Task<int> C() => await B();
                    async Task<int> D() => await C();
                    int E() => [|D().GetAwaiter().GetResult()|];
                }
                """);
            // The boundary's ASYNC104 offers the cascade again; one application is what is verified here.
            test.CodeFixTestBehaviors = CodeFixTestBehaviors.FixOne;
            test.NumberOfIncrementalIterations = 1;
            test.NumberOfFixAllIterations = 1;
            return test.RunAsync();
        }

        [Fact]
        public Task Depth_option_limits_the_cascade()
        {
            var test = Test(
                """
                using System.Threading.Tasks;

                class Chain
                {
                    static Task<int> SourceAsync() => Task.FromResult(1);

                    int A() => [|SourceAsync().Result|];
                    int B() => A();
                    int C() => B();
                }
                """,
                """
                using System.Threading.Tasks;

                class Chain
                {
                    static Task<int> SourceAsync() => Task.FromResult(1);

                    async Task<int> A() => await SourceAsync();
                    int B() => [|A().GetAwaiter().GetResult()|];
                    int C() => B();
                }
                """,
                "async_analyzers.cascade_depth = 0");
            test.CodeFixTestBehaviors = CodeFixTestBehaviors.FixOne;
            test.NumberOfIncrementalIterations = 1;
            test.NumberOfFixAllIterations = 1;
            return test.RunAsync();
        }

        [Fact]
        public Task Top_level_statements_await_the_converted_method()
            => Test(
                """
                using System.Threading.Tasks;

                System.Console.WriteLine(Tools.Size());

                static class Tools
                {
                    static Task<int> SizeAsync() => Task.FromResult(1);

                    internal static int Size() => [|SizeAsync().Result|];
                }
                """,
                """
                using System.Threading.Tasks;

                System.Console.WriteLine(await Tools.Size());

                static class Tools
                {
                    static Task<int> SizeAsync() => Task.FromResult(1);

                    internal static async Task<int> Size() => await SizeAsync();
                }
                """).RunAsync();
    }
}
