using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Design;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC602 (ships disabled; the harness switches every rule on): the Async suffix, both ways.</summary>
    [Trait("Rule", "ASYNC602")]
    public sealed class AsyncSuffixTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            """;

        private static CodeFixTest<AsyncSuffixAnalyzer, AsyncSuffixCodeFixProvider> Test(string source, string? fixedSource = null)
            => new() { TestCode = Usings + source, FixedCode = Usings + (fixedSource ?? source) };

        [Fact]
        public Task A_task_method_is_renamed_with_its_callers_in_other_files()
        {
            var test = Test(
                """
                public class Store
                {
                    public Task<int> {|#0:Load|}(string key) => Task.FromResult(key.Length);
                }
                """.Replace("{|#0:Load|}", "[|Load|]"),
                """
                public class Store
                {
                    public Task<int> LoadAsync(string key) => Task.FromResult(key.Length);
                }
                """);
            test.TestState.Sources.Add(("Caller.cs", Usings + """
                class Caller
                {
                    async Task<int> UseAsync(Store store) => await store.Load("a") + await store.Load("b");
                }
                """));
            test.FixedState.Sources.Add(("Caller.cs", Usings + """
                class Caller
                {
                    async Task<int> UseAsync(Store store) => await store.LoadAsync("a") + await store.LoadAsync("b");
                }
                """));
            return test.RunAsync();
        }

        [Fact]
        public Task A_synchronous_method_loses_the_suffix()
            => Test(
                """
                class Parser
                {
                    int [|ParseAsync|](string text) => text.Length;

                    int Twice(string text) => ParseAsync(text) * 2;
                }
                """,
                """
                class Parser
                {
                    int Parse(string text) => text.Length;

                    int Twice(string text) => Parse(text) * 2;
                }
                """).RunAsync();

        [Fact]
        public Task Async_streams_ValueTasks_and_interface_declarations()
            => Test(
                """
                interface IFeed
                {
                    IAsyncEnumerable<int> [|Items|]();

                    ValueTask<bool> [|Refresh|]();
                }

                class Feed : IFeed
                {
                    public async IAsyncEnumerable<int> Items() // an implementation: renamed with the interface, not reported
                    {
                        await Task.Yield();
                        yield return 1;
                    }

                    public ValueTask<bool> Refresh() => new ValueTask<bool>(true);
                }
                """,
                """
                interface IFeed
                {
                    IAsyncEnumerable<int> ItemsAsync();

                    ValueTask<bool> RefreshAsync();
                }

                class Feed : IFeed
                {
                    public async IAsyncEnumerable<int> ItemsAsync() // an implementation: renamed with the interface, not reported
                    {
                        await Task.Yield();
                        yield return 1;
                    }

                    public ValueTask<bool> RefreshAsync() => new ValueTask<bool>(true);
                }
                """).RunAsync();

        [Fact]
        public Task Local_functions_in_top_level_statements()
        {
            var test = Test(
                """
                await Fetch();
                Console.WriteLine(CountAsync());

                static Task [|Fetch|]() => Task.Delay(1);
                static int [|CountAsync|]() => 1;
                """,
                """
                await FetchAsync();
                Console.WriteLine(Count());

                static Task FetchAsync() => Task.Delay(1);
                static int Count() => 1;
                """);
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task A_taken_name_is_reported_without_a_fix()
            => Test("""
                class Store
                {
                    public Task [|Save|]() => Task.CompletedTask;

                    public int SaveAsync => 0; // a property takes the name
                }
                """).RunAsync();

        // ---- must not flag ----

        [Fact]
        public Task Names_that_already_fit()
            => Test("""
                class Store
                {
                    public Task SaveAsync() => Task.CompletedTask;

                    public int Count() => 0;

                    public void Reset() { }
                }
                """).RunAsync();

        [Fact]
        public Task Overrides_and_interface_implementations()
            => Test("""
                abstract class Base
                {
                    public abstract Task [|Run|]();
                }

                class Derived : Base, IDisposable, IAsyncDisposable
                {
                    public override Task Run() => Task.CompletedTask;

                    public void Dispose() { }

                    ValueTask IAsyncDisposable.DisposeAsync() => default;
                }
                """,
                """
                abstract class Base
                {
                    public abstract Task RunAsync();
                }

                class Derived : Base, IDisposable, IAsyncDisposable
                {
                    public override Task RunAsync() => Task.CompletedTask;

                    public void Dispose() { }

                    ValueTask IAsyncDisposable.DisposeAsync() => default;
                }
                """).RunAsync();

        [Fact]
        public Task Main_async_void_and_pattern_names()
            => Test("""
                class Program
                {
                    static async Task Main() => await Task.Yield();

                    async void OnClick(object sender, EventArgs e) => await Task.Yield();

                    public System.Runtime.CompilerServices.TaskAwaiter GetAwaiter() => Task.CompletedTask.GetAwaiter();
                }

                class Downloader
                {
                    public event EventHandler? DownloadCompleted;

                    public void DownloadAsync(Uri address) => DownloadCompleted?.Invoke(this, EventArgs.Empty);
                }
                """).RunAsync();

        [Fact]
        public Task Synchronous_names_about_asynchrony()
            => Test("""
                class AsyncRetryPolicy { }

                class Policies
                {
                    public static AsyncRetryPolicy RetryAsync(int count) => new AsyncRetryPolicy();

                    public static Func<Task> WrapAsync(Func<Task> action) => action;

                    public bool IsAsync() => true;

                    public bool ShouldTransitionToAsync(int pending) => pending > 10;
                }
                """).RunAsync();

        [Fact]
        public Task Names_that_say_Async_elsewhere_combinators_and_custom_awaitables()
            => Test("""
                static class TaskHelpers
                {
                    public static Task<int> ReadAsyncCore(string path) => Task.FromResult(path.Length);

                    public static async Task<bool> TimeoutAfter(this Task task, int milliseconds)
                        => await Task.WhenAny(task, Task.Delay(milliseconds)) == task;

                    public static System.Runtime.CompilerServices.ConfiguredTaskAwaitable ForAwait(this Task task) => task.ConfigureAwait(false);

                    public static IAsyncEnumerable<T> Tagged<T>(IAsyncEnumerable<T> source) => source;
                }
                """).RunAsync();

        [Fact]
        public Task Unbound_return_types_are_not_judged()
            => Test("""
                class Store
                {
                    public {|CS0246:MissingTask|} Save() => default!;

                    public Task<{|CS0246:Missing|}> Load() => default!;
                }
                """).RunAsync();

        [Fact]
        public Task Test_and_benchmark_methods()
            => Test("""
                namespace Xunit
                {
                    public class FactAttribute : System.Attribute { }
                }

                namespace NUnit.Framework
                {
                    public class TestAttribute : System.Attribute { }
                }

                class Tests
                {
                    [Xunit.Fact]
                    public async Task Saves_the_order() => await Task.Yield();

                    [NUnit.Framework.Test]
                    public Task LoadsTheOrder() => Task.CompletedTask;
                }
                """).RunAsync();

        [Fact]
        public Task Controller_actions_hub_methods_page_handlers_and_middleware()
            => Test("""
                namespace Microsoft.AspNetCore.Mvc
                {
                    public class ControllerBase { }

                    public class NonActionAttribute : System.Attribute { }
                }

                namespace Microsoft.AspNetCore.Mvc.RazorPages
                {
                    public class PageModel { }
                }

                namespace Microsoft.AspNetCore.SignalR
                {
                    public class Hub { }
                }

                namespace Microsoft.AspNetCore.Http
                {
                    public class HttpContext { }
                }

                class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    public Task<int> Get(int id) => Task.FromResult(id);

                    [Microsoft.AspNetCore.Mvc.NonAction]
                    public Task [|Helper|]() => Task.CompletedTask;
                }

                class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
                {
                    public Task OnGet() => Task.CompletedTask;
                }

                class ChatHub : Microsoft.AspNetCore.SignalR.Hub
                {
                    public Task Send(string message) => Task.CompletedTask;
                }

                class TimingMiddleware
                {
                    public Task Invoke(Microsoft.AspNetCore.Http.HttpContext context) => Task.CompletedTask;
                }
                """,
                """
                namespace Microsoft.AspNetCore.Mvc
                {
                    public class ControllerBase { }

                    public class NonActionAttribute : System.Attribute { }
                }

                namespace Microsoft.AspNetCore.Mvc.RazorPages
                {
                    public class PageModel { }
                }

                namespace Microsoft.AspNetCore.SignalR
                {
                    public class Hub { }
                }

                namespace Microsoft.AspNetCore.Http
                {
                    public class HttpContext { }
                }

                class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    public Task<int> Get(int id) => Task.FromResult(id);

                    [Microsoft.AspNetCore.Mvc.NonAction]
                    public Task HelperAsync() => Task.CompletedTask;
                }

                class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
                {
                    public Task OnGet() => Task.CompletedTask;
                }

                class ChatHub : Microsoft.AspNetCore.SignalR.Hub
                {
                    public Task Send(string message) => Task.CompletedTask;
                }

                class TimingMiddleware
                {
                    public Task Invoke(Microsoft.AspNetCore.Http.HttpContext context) => Task.CompletedTask;
                }
                """).RunAsync();

        [Fact]
        public Task Minimal_api_handlers()
            => Test("""
                namespace Microsoft.AspNetCore.Builder
                {
                    public static class EndpointRouteBuilderExtensions
                    {
                        public static void MapGet(this object app, string pattern, System.Delegate handler) { }
                    }
                }

                static class Endpoints
                {
                    public static void Register(object app)
                    {
                        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/todos", GetTodos);
                    }

                    static Task<string[]> GetTodos() => Task.FromResult(new string[0]);
                }
                """).RunAsync();

        [Fact]
        public Task Generated_code_is_skipped()
            => new CodeFixTest<AsyncSuffixAnalyzer, AsyncSuffixCodeFixProvider>
            {
                TestCode = "// <auto-generated/>\n" + Usings + "class Store\n{\n    public Task Save() => Task.CompletedTask;\n}\n",
            }.RunAsync();

        [Theory]
        [InlineData(ReferenceSet.Net472)]
        [InlineData(ReferenceSet.NetStandard20)]
        public Task Older_frameworks(ReferenceSet references)
        {
            var test = new CodeFixTest<AsyncSuffixAnalyzer, AsyncSuffixCodeFixProvider>
            {
                TestCode = "using System.Threading.Tasks;\n\nclass Store\n{\n    public Task [|Save|]() => Task.FromResult(0);\n}\n",
                FixedCode = "using System.Threading.Tasks;\n\nclass Store\n{\n    public Task SaveAsync() => Task.FromResult(0);\n}\n",
            };
            test.ReferenceAssemblies = references;
            return test.RunAsync();
        }
    }
}
