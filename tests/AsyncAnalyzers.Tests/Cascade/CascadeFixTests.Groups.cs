using System.Threading.Tasks;

namespace AsyncAnalyzers.Tests.Cascade
{
    // ASYNC104 cascade: methods that convert together (overloads, generics, partial parts, interfaces, overrides, other projects) and renames.
    public sealed partial class CascadeFixTests
    {
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
    }
}
