using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;

namespace AsyncAnalyzers.Tests.Cascade
{
    /// <summary>ASYNC104's cascade fix: "Make 'M' async and update callers", across documents and projects.</summary>
    public sealed class CascadeFixTests
    {
        internal static CodeFixTest<SyncOverAsyncAnalyzer, MakeAsyncAndUpdateCallersCodeFixProvider> Test(string source, string fixedSource, string? editorConfig = null)
        {
            var test = new CodeFixTest<SyncOverAsyncAnalyzer, MakeAsyncAndUpdateCallersCodeFixProvider>
            {
                TestCode = source,
                FixedCode = fixedSource,
                // Warnings too: a cascade must not leave CS4014 (dropped task in async code) or CS1998 (async without await).
                CompilerDiagnostics = CompilerDiagnostics.Warnings,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig(editorConfig)));

            return test;
        }

        /// <summary>Documentation warnings (CS1591) are not what these tests are about.</summary>
        internal static string EditorConfig(string? options)
            => "root = true\n\n[*.cs]\ndotnet_diagnostic.CS1591.severity = none\n" + (options == null ? string.Empty : options + "\n");

        // ---------------------------------------------------------------- the cascade

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
        public Task Mutual_recursion_converts_both_methods_once()
            => Test(
                """
                using System.Threading.Tasks;

                class Walker
                {
                    static Task<int> StepAsync() => Task.FromResult(1);

                    int Even(int n) => n == 0 ? [|StepAsync().Result|] : Odd(n - 1);
                    int Odd(int n) => n == 0 ? 0 : Even(n - 1);
                }
                """,
                """
                using System.Threading.Tasks;

                class Walker
                {
                    static Task<int> StepAsync() => Task.FromResult(1);

                    async Task<int> Even(int n) => n == 0 ? await StepAsync() : await Odd(n - 1);
                    async Task<int> Odd(int n) => n == 0 ? 0 : await Even(n - 1);
                }
                """).RunAsync();

        [Fact]
        public Task Only_the_overload_that_blocks_changes()
            => Test(
                """
                using System.Threading.Tasks;

                class Formatter
                {
                    static Task<string> RenderAsync(int value) => Task.FromResult(value.ToString());

                    string Format(int value) => [|RenderAsync(value).Result|];
                    string Format(string value) => value;

                    string Both() => Format(1) + Format("2");
                }
                """,
                """
                using System.Threading.Tasks;

                class Formatter
                {
                    static Task<string> RenderAsync(int value) => Task.FromResult(value.ToString());

                    async Task<string> Format(int value) => await RenderAsync(value);
                    string Format(string value) => value;

                    async Task<string> Both() => await Format(1) + Format("2");
                }
                """).RunAsync();

        [Fact]
        public Task Generic_and_extension_methods_are_converted()
            => Test(
                """
                using System.Threading.Tasks;

                static class CacheExtensions
                {
                    static Task<T> GetAsync<T>(object key) => Task.FromResult(default(T));

                    internal static T Get<T>(this Cache cache, object key) => [|GetAsync<T>(key).Result|];
                }

                class Cache
                {
                    int Size() => this.Get<int>("size");
                }
                """,
                """
                using System.Threading.Tasks;

                static class CacheExtensions
                {
                    static Task<T> GetAsync<T>(object key) => Task.FromResult(default(T));

                    internal static async Task<T> Get<T>(this Cache cache, object key) => await GetAsync<T>(key);
                }

                class Cache
                {
                    async Task<int> Size() => await this.Get<int>("size");
                }
                """).RunAsync();

        [Fact]
        public Task Partial_method_parts_change_together_and_get_the_accessibility_a_task_needs()
            => Test(
                """
                using System.Threading.Tasks;

                partial class Loader
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    partial void Save();

                    void Use() { Save(); }
                }

                partial class Loader
                {
                    partial void Save() { [|SaveAsync().Wait()|]; }
                }
                """,
                """
                using System.Threading.Tasks;

                partial class Loader
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    private partial Task Save();

                    async Task Use() { await Save(); }
                }

                partial class Loader
                {
                    private async partial Task Save() { await SaveAsync(); }
                }
                """).RunAsync();

        [Fact]
        public Task Local_function_and_its_containing_method_are_converted()
            => Test(
                """
                using System.Threading.Tasks;

                class Job
                {
                    static Task<int> ComputeAsync() => Task.FromResult(1);

                    int Run()
                    {
                        int Compute() => [|ComputeAsync().Result|];
                        return Compute() + Compute();
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class Job
                {
                    static Task<int> ComputeAsync() => Task.FromResult(1);

                    async Task<int> Run()
                    {
                        async Task<int> Compute() => await ComputeAsync();
                        return await Compute() + await Compute();
                    }
                }
                """).RunAsync();

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

        [Fact]
        public Task Interface_member_changes_with_all_its_implementations()
            => Test(
                """
                using System.Threading.Tasks;

                interface IStore
                {
                    int Count();
                    void Clear();
                }

                class RemoteStore : IStore
                {
                    static Task<int> CountAsync() => Task.FromResult(1);

                    public int Count() => [|CountAsync().Result|];
                    public void Clear() { }
                }

                class MemoryStore : IStore
                {
                    private int _count = 2;

                    public int Count()
                    {
                        if (_count < 0)
                        {
                            return 0;
                        }

                        return _count;
                    }

                    public void Clear() { }
                }

                class Report
                {
                    int Total(IStore store) => store.Count() + new MemoryStore().Count();
                }
                """,
                """
                using System.Threading.Tasks;

                interface IStore
                {
                    Task<int> Count();
                    void Clear();
                }

                class RemoteStore : IStore
                {
                    static Task<int> CountAsync() => Task.FromResult(1);

                    public async Task<int> Count() => await CountAsync();
                    public void Clear() { }
                }

                class MemoryStore : IStore
                {
                    private int _count = 2;

                    public Task<int> Count()
                    {
                        if (_count < 0)
                        {
                            return Task.FromResult<int>(0);
                        }

                        return Task.FromResult<int>(_count);
                    }

                    public void Clear() { }
                }

                class Report
                {
                    async Task<int> Total(IStore store) => await store.Count() + await new MemoryStore().Count();
                }
                """).RunAsync();

        [Fact]
        public Task Abstract_member_changes_with_its_overrides_and_void_overrides_return_a_completed_task()
            => Test(
                """
                using System.Threading.Tasks;

                abstract class Step
                {
                    internal abstract void Execute();
                }

                sealed class Upload : Step
                {
                    static Task SendAsync() => Task.CompletedTask;

                    internal override void Execute() => [|SendAsync().Wait()|];
                }

                sealed class Noop : Step
                {
                    internal override void Execute()
                    {
                        System.Console.WriteLine("noop");
                    }
                }

                sealed class Skip : Step
                {
                    internal override void Execute() => System.Console.WriteLine("skip");
                }
                """,
                """
                using System.Threading.Tasks;

                abstract class Step
                {
                    internal abstract Task Execute();
                }

                sealed class Upload : Step
                {
                    static Task SendAsync() => Task.CompletedTask;

                    internal override async Task Execute() => await SendAsync();
                }

                sealed class Noop : Step
                {
                    internal override Task Execute()
                    {
                        System.Console.WriteLine("noop");
                        return Task.CompletedTask;
                    }
                }

                sealed class Skip : Step
                {
                    internal override Task Execute()
                    {
                        System.Console.WriteLine("skip");
                        return Task.CompletedTask;
                    }
                }
                """).RunAsync();

        [Fact]
        public Task ValueTask_is_used_when_the_type_uses_it()
            => Test(
                """
                using System.Threading.Tasks;

                class Channel
                {
                    ValueTask<int> ReadAsync() => new ValueTask<int>(1);
                    ValueTask WriteAsync() => default;

                    int Read() => [|ReadAsync().Result|];
                }
                """,
                """
                using System.Threading.Tasks;

                class Channel
                {
                    ValueTask<int> ReadAsync() => new ValueTask<int>(1);
                    ValueTask WriteAsync() => default;

                    async ValueTask<int> Read() => await ReadAsync();
                }
                """).RunAsync();

        [Fact]
        public Task In_scope_token_is_forwarded_to_the_awaited_call()
            => Test(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Downloader
                {
                    static Task<byte[]> DownloadAsync(string url, CancellationToken cancellationToken = default) => Task.FromResult(new byte[0]);

                    byte[] Download(string url, CancellationToken cancellationToken) => [|DownloadAsync(url).Result|];
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Downloader
                {
                    static Task<byte[]> DownloadAsync(string url, CancellationToken cancellationToken = default) => Task.FromResult(new byte[0]);

                    async Task<byte[]> Download(string url, CancellationToken cancellationToken) => await DownloadAsync(url, cancellationToken);
                }
                """).RunAsync();

        [Fact]
        public Task Rename_option_renames_the_method_and_every_reference()
            => Test(
                """
                using System.Threading.Tasks;

                class Mailer
                {
                    static Task SendCoreAsync() => Task.CompletedTask;

                    /// <summary>Sends; see <see cref="Send"/>.</summary>
                    void Send() => [|SendCoreAsync().Wait()|];

                    void Flush()
                    {
                        Send();
                        System.Console.WriteLine(nameof(Send));
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class Mailer
                {
                    static Task SendCoreAsync() => Task.CompletedTask;

                    /// <summary>Sends; see <see cref="SendAsync"/>.</summary>
                    async Task SendAsync() => await SendCoreAsync();

                    async Task FlushAsync()
                    {
                        await SendAsync();
                        System.Console.WriteLine(nameof(SendAsync));
                    }
                }
                """,
                "async_analyzers.rename_to_async_suffix = true").RunAsync();

        [Fact]
        public Task Rename_option_renames_an_interface_group_and_callers_in_other_documents()
        {
            var test = Test(
                """
                using System.Threading.Tasks;

                interface IFeed
                {
                    string Fetch();
                }

                class HttpFeed : IFeed
                {
                    static Task<string> GetAsync() => Task.FromResult("x");

                    public string Fetch() => [|GetAsync().Result|];
                }

                class FixedFeed : IFeed
                {
                    public string Fetch() => "fixed";

                    string FetchAsync2() => "other";
                }
                """,
                """
                using System.Threading.Tasks;

                interface IFeed
                {
                    Task<string> FetchAsync();
                }

                class HttpFeed : IFeed
                {
                    static Task<string> GetAsync() => Task.FromResult("x");

                    public async Task<string> FetchAsync() => await GetAsync();
                }

                class FixedFeed : IFeed
                {
                    public Task<string> FetchAsync() => Task.FromResult<string>("fixed");

                    string FetchAsync2() => "other";
                }
                """,
                "async_analyzers.rename_to_async_suffix = true");
            test.TestState.Sources.Add("""
                class Reader
                {
                    int Length(IFeed feed) => feed.Fetch().Length;
                }
                """);
            test.FixedState.Sources.Add("""
                using System.Threading.Tasks;

                class Reader
                {
                    async Task<int> LengthAsync(IFeed feed) => (await feed.FetchAsync()).Length;
                }
                """);
            return test.RunAsync();
        }

        [Fact]
        public Task Converted_callers_await_their_other_blocking_calls_and_keep_fire_and_forget_explicit()
            => Test(
                """
                using System.Threading.Tasks;

                class Worker
                {
                    static Task<int> FirstAsync() => Task.FromResult(1);
                    static Task<int> SecondAsync() => Task.FromResult(2);
                    static Task LogAsync() => Task.CompletedTask;

                    int First() => [|FirstAsync().Result|];

                    int Both()
                    {
                        LogAsync();
                        return First() + [|SecondAsync().GetAwaiter().GetResult()|];
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class Worker
                {
                    static Task<int> FirstAsync() => Task.FromResult(1);
                    static Task<int> SecondAsync() => Task.FromResult(2);
                    static Task LogAsync() => Task.CompletedTask;

                    async Task<int> First() => await FirstAsync();

                    async Task<int> Both()
                    {
                        _ = LogAsync();
                        return await First() + await SecondAsync();
                    }
                }
                """).RunAsync();

        [Fact]
        public Task Task_returning_method_that_blocks_becomes_async_without_touching_callers()
            => Test(
                """
                using System.Threading.Tasks;

                class Pipeline
                {
                    static Task<int> StageAsync() => Task.FromResult(1);

                    Task<int> Run()
                    {
                        var value = [|StageAsync().Result|];
                        return Task.FromResult(value + 1);
                    }

                    int Caller() => Run().Id;
                }
                """,
                """
                using System.Threading.Tasks;

                class Pipeline
                {
                    static Task<int> StageAsync() => Task.FromResult(1);

                    async Task<int> Run()
                    {
                        var value = await StageAsync();
                        return value + 1;
                    }

                    int Caller() => Run().Id;
                }
                """).RunAsync();

        [Fact]
        public Task Task_returning_method_drops_its_final_completed_task_return()
            => Test(
                """
                using System.Threading.Tasks;

                class Hooks
                {
                    static Task NotifyAsync() => Task.CompletedTask;

                    Task AfterSave(int id)
                    {
                        [|NotifyAsync().Wait()|];
                        System.Console.WriteLine(id);
                        return Task.CompletedTask;
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class Hooks
                {
                    static Task NotifyAsync() => Task.CompletedTask;

                    async Task AfterSave(int id)
                    {
                        await NotifyAsync();
                        System.Console.WriteLine(id);
                    }
                }
                """).RunAsync();

        [Fact]
        public Task Task_returning_caller_unwraps_FromResult_around_the_awaited_call()
            => Test(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class Provider
                {
                    static Task<List<int>> QueryAsync() => Task.FromResult(new List<int>());

                    List<int> Items() => [|QueryAsync().Result|];

                    Task<List<int>> GetItems(bool cached)
                    {
                        if (cached)
                        {
                            return Task.FromResult(new List<int>());
                        }

                        return Task.FromResult(Items());
                    }

                    Task Refresh()
                    {
                        return Task.Run(() => Items().Count);
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class Provider
                {
                    static Task<List<int>> QueryAsync() => Task.FromResult(new List<int>());

                    async Task<List<int>> Items() => await QueryAsync();

                    async Task<List<int>> GetItems(bool cached)
                    {
                        if (cached)
                        {
                            return new List<int>();
                        }

                        return await Items();
                    }

                    Task Refresh()
                    {
                        return Task.Run(() => [|Items().GetAwaiter().GetResult()|].Count);
                    }
                }
                """).RunAsync();

        [Fact]
        public Task Task_returning_lambda_caller_becomes_an_async_lambda()
            => Test(
                """
                using System;
                using System.Threading.Tasks;

                class Jobs
                {
                    static Task<int> RunAsync() => Task.FromResult(1);

                    int Run() => [|RunAsync().Result|];

                    Func<Task> Schedule() => () =>
                    {
                        Run();
                        return Task.CompletedTask;
                    };
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class Jobs
                {
                    static Task<int> RunAsync() => Task.FromResult(1);

                    async Task<int> Run() => await RunAsync();

                    Func<Task> Schedule() => async () =>
                    {
                        await Run();
                    };
                }
                """).RunAsync();

        [Fact]
        public Task Interface_implementations_in_another_project_change_with_the_interface()
        {
            var test = Test(
                """
                using System.Threading.Tasks;

                namespace App
                {
                    class Disk : Lib.IVolume
                    {
                        static Task<long> QueryAsync() => Task.FromResult(1L);

                        public long Free() => [|QueryAsync().Result|];
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                namespace App
                {
                    class Disk : Lib.IVolume
                    {
                        static Task<long> QueryAsync() => Task.FromResult(1L);

                        public async Task<long> Free() => await QueryAsync();
                    }
                }
                """,
                "async_analyzers.cascade_public_api = true");
            var library = test.TestState.AdditionalProjects["Library"];
            library.Sources.Add("""
                namespace Lib
                {
                    public interface IVolume
                    {
                        long Free();
                    }

                    internal sealed class Ram : IVolume
                    {
                        public long Free() => 0;
                    }
                }
                """);
            library.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig("async_analyzers.cascade_public_api = true")));
            var libraryFixed = test.FixedState.AdditionalProjects["Library"];
            libraryFixed.Sources.Add("""
                using System.Threading.Tasks;

                namespace Lib
                {
                    public interface IVolume
                    {
                        Task<long> Free();
                    }

                    internal sealed class Ram : IVolume
                    {
                        public Task<long> Free() => Task.FromResult<long>(0);
                    }
                }
                """);
            libraryFixed.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig("async_analyzers.cascade_public_api = true")));
            test.TestState.AdditionalProjectReferences.Add("Library");
            return test.RunAsync();
        }

        [Fact]
        public Task Async_lambda_callers_await_and_sync_lambda_callers_block()
            => Test(
                """
                using System;
                using System.Threading.Tasks;

                class Ui
                {
                    static Task<int> QueryAsync() => Task.FromResult(1);

                    int Query() => [|QueryAsync().Result|];

                    void Wire()
                    {
                        Func<Task<int>> later = async () => { await Task.Yield(); return Query(); };
                        Func<int> now = () => Query();
                        _ = later;
                        _ = now;
                    }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class Ui
                {
                    static Task<int> QueryAsync() => Task.FromResult(1);

                    async Task<int> Query() => await QueryAsync();

                    void Wire()
                    {
                        Func<Task<int>> later = async () => { await Task.Yield(); return await Query(); };
                        Func<int> now = () => [|Query().GetAwaiter().GetResult()|];
                        _ = later;
                        _ = now;
                    }
                }
                """).RunAsync();

        // ---------------------------------------------------------------- boundaries: the call stays blocking, visibly

        [Fact]
        public Task Constructor_property_operator_and_Dispose_callers_are_boundaries()
            => Test(
                """
                using System;
                using System.Threading.Tasks;

                class Session : IDisposable
                {
                    static Task<int> OpenAsync() => Task.FromResult(1);

                    int Open() => [|OpenAsync().Result|];

                    private readonly int _id;

                    internal Session() { _id = Open(); }

                    internal int Id => Open();

                    public static int operator +(Session a, Session b) => a.Open() + b.Open();

                    public void Dispose() { Open(); }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class Session : IDisposable
                {
                    static Task<int> OpenAsync() => Task.FromResult(1);

                    async Task<int> Open() => await OpenAsync();

                    private readonly int _id;

                    internal Session() { _id = [|Open().GetAwaiter().GetResult()|]; }

                    internal int Id => [|Open().GetAwaiter().GetResult()|];

                    public static int operator +(Session a, Session b) => [|a.Open().GetAwaiter().GetResult()|] + [|b.Open().GetAwaiter().GetResult()|];

                    public void Dispose() { [|Open().GetAwaiter().GetResult()|]; }
                }
                """).RunAsync();

        [Fact]
        public Task Boundary_statement_calls_keep_blocking_when_the_chain_below_blocked()
            => Test(
                """
                using System.Threading.Tasks;

                class Cache
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    void Flush() => [|WriteAsync().Wait()|];

                    void Save() { Flush(); }

                    internal Cache() { Save(); }
                }
                """,
                """
                using System.Threading.Tasks;

                class Cache
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    async Task Flush() => await WriteAsync();

                    async Task Save() { await Flush(); }

                    internal Cache() { [|Save().GetAwaiter().GetResult()|]; }
                }
                """).RunAsync();

        [Fact]
        public Task Ref_out_iterator_lock_catch_filter_and_event_handler_callers_are_boundaries()
            => Test(
                """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class Boundaries
                {
                    static Task<int> GetAsync() => Task.FromResult(1);
                    private readonly object _gate = new object();

                    int Get() => [|GetAsync().Result|];

                    void WithOut(out int value) { value = Get(); }

                    IEnumerable<int> Iterate() { yield return Get(); }

                    void Locked() { lock (_gate) { Get(); } }

                    void Filtered()
                    {
                        try { } catch (Exception) when (Get() > 0) { }
                    }

                    void OnClick(object sender, EventArgs e) { Get(); }

                    int Conditional(Boundaries other) => other?.Get() ?? 0;
                }
                """,
                """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class Boundaries
                {
                    static Task<int> GetAsync() => Task.FromResult(1);
                    private readonly object _gate = new object();

                    async Task<int> Get() => await GetAsync();

                    void WithOut(out int value) { value = [|Get().GetAwaiter().GetResult()|]; }

                    IEnumerable<int> Iterate() { yield return [|Get().GetAwaiter().GetResult()|]; }

                    void Locked() { lock (_gate) { [|Get().GetAwaiter().GetResult()|]; } }

                    void Filtered()
                    {
                        try { } catch (Exception) when ([|Get().GetAwaiter().GetResult()|] > 0) { }
                    }

                    void OnClick(object sender, EventArgs e) { [|Get().GetAwaiter().GetResult()|]; }

                    int Conditional(Boundaries other) => other?[|.Get().GetAwaiter().GetResult()|] ?? 0;
                }
                """).RunAsync();

        [Fact]
        public Task Method_group_use_of_a_caller_makes_it_a_boundary()
            => Test(
                """
                using System;
                using System.Threading.Tasks;

                class Timers
                {
                    static Task<int> TickAsync() => Task.FromResult(1);

                    int Tick() => [|TickAsync().Result|];

                    void OnTimer() { Tick(); }

                    void Start() { Action callback = OnTimer; callback(); }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class Timers
                {
                    static Task<int> TickAsync() => Task.FromResult(1);

                    async Task<int> Tick() => await TickAsync();

                    void OnTimer() { [|Tick().GetAwaiter().GetResult()|]; }

                    void Start() { Action callback = OnTimer; callback(); }
                }
                """).RunAsync();

        // ---------------------------------------------------------------- no cascade offered

        [Theory]
        [InlineData("Func<int> f = Load; _ = f();", "method group")]
        [InlineData("System.Linq.Expressions.Expression<Func<int>> e = () => new Holder().Load();", "expression tree")]
        public Task Seed_whose_signature_is_pinned_gets_no_cascade(string use, string why)
        {
            _ = why;
            var source = $$"""
                using System;
                using System.Threading.Tasks;

                class Holder
                {
                    static Task<int> LoadAsync() => Task.FromResult(1);

                    internal int Load() => [|LoadAsync().Result|];

                    void Wire() { {{use}} }
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Seeds_in_boundary_members_get_no_cascade()
        {
            var source = """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class Shapes : IDisposable
                {
                    static Task<int> GetAsync() => Task.FromResult(1);
                    private readonly object _gate = new object();

                    public void Dispose() => [|GetAsync().Wait()|];
                    public override string ToString() => [|GetAsync().Result|].ToString();
                    void WithRef(ref int value) { value = [|GetAsync().Result|]; }
                    IEnumerable<int> Iterate() { yield return [|GetAsync().Result|]; }
                    void Locked() { lock (_gate) { [|GetAsync().Wait()|]; } }
                    void OnClick(object sender, EventArgs e) { [|GetAsync().Wait()|]; }
                    unsafe void Pointer(int* p) { *p = [|GetAsync().Result|]; }
                    void InLambda() { Action a = () => [|GetAsync().Wait()|]; a(); }
                    [System.Diagnostics.Conditional("DEBUG")] void Trace() => [|GetAsync().Wait()|];
                }

                struct Counter
                {
                    static Task<int> NextAsync() => Task.FromResult(1);
                    private int _value;
                    void Bump() { _value += [|NextAsync().GetAwaiter().GetResult()|]; }
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Covariant_override_local_method_group_and_ref_struct_local_get_no_cascade()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class Base
                {
                    internal virtual object Get() => null;
                }

                class Derived : Base
                {
                    static Task<string> GetAsync() => Task.FromResult("x");

                    internal override string Get() => [|GetAsync().Result|];
                }

                class Locals
                {
                    static Task<int> LoadAsync() => Task.FromResult(1);

                    void Run()
                    {
                        int Local() => [|LoadAsync().Result|];
                        Func<int> f = Local;
                        _ = f();
                    }

                    void Fill()
                    {
                        Span<int> buffer = stackalloc int[4];
                        buffer[0] = [|LoadAsync().Result|];
                    }
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Caller_in_a_file_marked_generated_in_editorconfig_pins_the_method()
        {
            const string Source = """
                using System.Threading.Tasks;

                partial class Form
                {
                    static Task<int> SizeAsync() => Task.FromResult(1);

                    int Size() => [|SizeAsync().Result|];
                }
                """;
            const string Generated = "partial class Form\n{\n    int Layout() => Size();\n}\n";
            var test = Test(Source, Source);
            test.TestState.Sources.Add(("/0/Layout.cs", Generated));
            test.FixedState.Sources.Add(("/0/Layout.cs", Generated));
            test.TestState.AnalyzerConfigFiles.Clear();
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig(null) + "\n[Layout.cs]\ngenerated_code = true\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Interface_member_from_metadata_is_a_boundary()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class Comparer : System.Collections.Generic.IComparer<int>
                {
                    static Task<int> CompareAsync(int x, int y) => Task.FromResult(x - y);

                    public int Compare(int x, int y) => [|CompareAsync(x, y).Result|];
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Interface_with_a_boundary_implementation_is_not_converted()
        {
            var source = """
                using System.Threading.Tasks;

                interface ISource
                {
                    int Next();
                }

                class Remote : ISource
                {
                    static Task<int> NextAsync() => Task.FromResult(1);

                    public int Next() => [|NextAsync().Result|];
                }

                struct Fixed : ISource
                {
                    public int Next() => 4;
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Method_whose_signature_does_not_bind_gets_no_cascade()
        {
            var source = """
                using System.Threading.Tasks;

                class Importer
                {
                    static Task<int> ImportAsync() => Task.FromResult(1);

                    int Import({|CS0246:Missing|} settings) => [|ImportAsync().Result|];
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Caller_in_generated_code_pins_the_method()
        {
            var test = Test(
                """
                using System.Threading.Tasks;

                partial class Form
                {
                    static Task<int> SizeAsync() => Task.FromResult(1);

                    int Size() => [|SizeAsync().Result|];
                }
                """,
                """
                using System.Threading.Tasks;

                partial class Form
                {
                    static Task<int> SizeAsync() => Task.FromResult(1);

                    int Size() => [|SizeAsync().Result|];
                }
                """);
            test.TestState.Sources.Add(("/0/Form.Designer.cs", "partial class Form\n{\n    int Layout() => Size();\n}\n"));
            test.FixedState.Sources.Add(("/0/Form.Designer.cs", "partial class Form\n{\n    int Layout() => Size();\n}\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Main_is_left_to_the_Main_fix()
        {
            var source = """
                using System.Threading.Tasks;

                class Program
                {
                    static void Main() => {|ASYNC104:Task.Delay(1).Wait()|};
                }
                """;
            var test = Test(source, source);
            test.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Clear();
            return test.RunAsync();
        }
    }
}
