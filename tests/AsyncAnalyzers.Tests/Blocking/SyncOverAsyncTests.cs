using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.SyncOverAsyncAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.SyncOverAsyncCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>ASYNC104: sync-over-async in synchronous code; Main gets its own message and fix.</summary>
    [Trait("Rule", "ASYNC104")]
    public sealed class SyncOverAsyncTests
    {
        private static DiagnosticResult Plain(int marker, string display)
            => CSharpAnalyzerVerifier<SyncOverAsyncAnalyzer>.Diagnostic(Descriptors.SyncOverAsync).WithLocation(marker).WithArguments(display);

        private static DiagnosticResult InMain(int marker, string display)
            => CSharpAnalyzerVerifier<SyncOverAsyncAnalyzer>.Diagnostic(Descriptors.SyncOverAsyncInMain).WithLocation(marker).WithArguments(display);

        [Fact]
        public Task Result_Wait_and_GetResult_in_sync_method_are_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                class Repository
                {
                    Task<int> CountAsync() => Task.FromResult(1);
                    Task SaveAsync() => Task.CompletedTask;

                    int Count() => {|#0:CountAsync().Result|};
                    void Save() => {|#1:SaveAsync().Wait()|};
                    int Count2() => {|#2:CountAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};
                    void SaveBoth() => {|#3:Task.WaitAll(SaveAsync(), SaveAsync())|};
                }
                """,
                new[] { Plain(0, "Result"), Plain(1, "Wait()"), Plain(2, "GetAwaiter().GetResult()"), Plain(3, "Task.WaitAll") },
                """
                using System.Threading.Tasks;

                class Repository
                {
                    Task<int> CountAsync() => Task.FromResult(1);
                    Task SaveAsync() => Task.CompletedTask;

                    int Count() => {|#0:CountAsync().Result|};
                    void Save() => {|#1:SaveAsync().Wait()|};
                    int Count2() => {|#2:CountAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};
                    void SaveBoth() => {|#3:Task.WaitAll(SaveAsync(), SaveAsync())|};
                }
                """);

        [Fact]
        public Task Constructor_property_and_Dispose_are_reported_without_a_fix()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class Connection : IDisposable
                {
                    static Task<int> OpenAsync() => Task.FromResult(1);
                    static Task CloseAsync() => Task.CompletedTask;

                    private readonly int _handle;

                    public Connection() { _handle = {|#0:OpenAsync().Result|}; }

                    public int Handle => {|#1:OpenAsync().GetAwaiter().GetResult()|};

                    public void Dispose() => {|#2:CloseAsync().Wait()|};
                }
                """,
                Plain(0, "Result"), Plain(1, "GetAwaiter().GetResult()"), Plain(2, "Wait()"));

        [Fact]
        public Task Blocking_in_sync_lambda_inside_async_method_is_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    Task<int> GetAsync() => Task.FromResult(1);

                    async Task M()
                    {
                        Func<int> f = () => {|#0:GetAsync().Result|};
                        await Task.Yield();
                    }
                }
                """,
                Plain(0, "Result"));

        [Fact]
        public Task Main_gets_its_own_message_and_is_made_async()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                static class Program
                {
                    static Task RunAsync() => Task.CompletedTask;

                    // entry point
                    static void Main(string[] args)
                    {
                        {|#0:RunAsync().Wait()|};
                    }
                }
                """,
                InMain(0, "Wait()"),
                """
                using System.Threading.Tasks;

                static class Program
                {
                    static Task RunAsync() => Task.CompletedTask;

                    // entry point
                    static async Task Main(string[] args)
                    {
                        await RunAsync();
                    }
                }
                """);

        [Fact]
        public Task Int_Main_becomes_Task_of_int_and_every_blocking_call_is_awaited()
            => Verify.VerifyCodeFixAsync(
                """
                namespace App
                {
                    static class Program
                    {
                        static System.Threading.Tasks.Task<int> RunAsync() => System.Threading.Tasks.Task.FromResult(0);

                        public static int Main()
                        {
                            var first = {|#0:RunAsync().Result|};
                            return {|#1:RunAsync().GetAwaiter().GetResult()|} + first;
                        }
                    }
                }
                """,
                new[] { InMain(0, "Result"), InMain(1, "GetAwaiter().GetResult()") },
                """
                using System.Threading.Tasks;

                namespace App
                {
                    static class Program
                    {
                        static System.Threading.Tasks.Task<int> RunAsync() => System.Threading.Tasks.Task.FromResult(0);

                        public static async Task<int> Main()
                        {
                            var first = await RunAsync();
                            return await RunAsync() + first;
                        }
                    }
                }
                """);

        [Fact]
        public Task Top_level_statements_get_their_own_message_and_await()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                var value = {|#0:Task.Run(() => 42).Result|};
                System.Console.WriteLine(value);
                """,
                CSharpAnalyzerVerifier<SyncOverAsyncAnalyzer>.Diagnostic(Descriptors.SyncOverAsyncInTopLevelStatements).WithLocation(0)
                    .WithMessage("'Result' blocks in top-level statements; await the task instead (top-level statements can await)"),
                """
                using System.Threading.Tasks;

                var value = await Task.Run(() => 42);
                System.Console.WriteLine(value);
                """);

        [Fact]
        public Task Main_with_WaitAny_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                static class Program
                {
                    static void Main()
                    {
                        {|#0:Task.WaitAny(Task.Delay(1), Task.Delay(2))|};
                    }
                }
                """,
                InMain(0, "Task.WaitAny"),
                """
                using System.Threading.Tasks;

                static class Program
                {
                    static void Main()
                    {
                        {|#0:Task.WaitAny(Task.Delay(1), Task.Delay(2))|};
                    }
                }
                """);

        [Fact]
        public Task Lambda_inside_Main_gets_the_plain_message_and_no_fix()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                static class Program
                {
                    static void Main()
                    {
                        Func<int> f = () => {|#0:Task.FromResult(1).ContinueWith(t => t.Result).Result|};
                    }
                }
                """,
                Plain(0, "Result"));

        [Fact]
        public Task Async_methods_are_not_reported_by_ASYNC104()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    async Task<int> M(Task<int> t) { await Task.Yield(); return t.Result; }
                }
                """);

        [Fact]
        public Task Proven_complete_tasks_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    int M(Task<int> t)
                    {
                        if (t.IsCompletedSuccessfully)
                        {
                            return t.Result;
                        }

                        var done = Task.FromResult(3);
                        return done.Result + t.ContinueWith(x => x.Result).Status.GetHashCode();
                    }
                }
                """);

        [Fact]
        public Task Continuation_switching_on_Status_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                static class Continuations
                {
                    // Shape seen in a real library: a ContinueWith callback passed as a method group.
                    public static void OnCompleted(Task<int> completed, object state)
                    {
                        var source = (TaskCompletionSource<int>)state;
                        switch (completed.Status)
                        {
                            case TaskStatus.RanToCompletion:
                                source.SetResult(completed.Result);
                                break;
                            case TaskStatus.Canceled:
                                source.SetCanceled();
                                break;
                        }
                    }
                }
                """);

        [Fact]
        public Task Dispose_blocking_on_its_own_DisposeAsync_is_not_reported_but_other_blocking_there_is()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class Connection : IDisposable, IAsyncDisposable
                {
                    private readonly Task<int> _pending = Task.Run(() => 1);

                    // The synchronous contract leaves no other way; the callers should use 'await using'.
                    public void Dispose() => Task.Run(async () => await DisposeAsync()).Wait();

                    public async ValueTask DisposeAsync() => await Task.Yield();
                }

                class Session : IDisposable, IAsyncDisposable
                {
                    private readonly Task<int> _pending = Task.Run(() => 1);

                    public void Dispose()
                    {
                        DisposeAsync().AsTask().GetAwaiter().GetResult();
                        Console.WriteLine({|#0:_pending.Result|});
                    }

                    public async ValueTask DisposeAsync() => await Task.Yield();
                }

                class Plain : IDisposable
                {
                    private Task Flush() => Task.CompletedTask;

                    public void Dispose() => {|#1:Flush().Wait()|};
                }
                """,
                Plain(0, "Result"),
                Plain(1, "Wait()"));

        [Fact]
        public Task GetResult_of_a_custom_awaiter_is_the_awaiter_contract()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Runtime.CompilerServices;
                using System.Threading.Tasks;

                readonly struct TimedAwaiter : INotifyCompletion
                {
                    private readonly Task<int> _inner;

                    public TimedAwaiter(Task<int> inner) => _inner = inner;

                    public bool IsCompleted => _inner.IsCompleted;

                    public void OnCompleted(Action continuation) => _inner.GetAwaiter().OnCompleted(continuation);

                    // Called only once IsCompleted is true or the continuation ran.
                    public int GetResult() => _inner.GetAwaiter().GetResult();
                }

                class NotAnAwaiter
                {
                    private readonly Task<int> _inner = Task.FromResult(1);

                    public int GetResult() => {|#0:Pending().Result|};

                    private Task<int> Pending() => _inner;
                }
                """,
                Plain(0, "Result"));

        [Fact]
        public Task ContinueWith_of_another_type_proves_nothing()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class Pipeline
                {
                    // Not Task.ContinueWith: this one may call the callback before the task completes.
                    public int ContinueWith(Func<Task<int>, int> next) => next(Task.Run(() => 1));
                }

                class C
                {
                    int M(Pipeline pipeline) => pipeline.ContinueWith(step => {|#0:step.Result|});
                }
                """,
                Plain(0, "Result"));

        [Fact]
        public Task Result_after_WaitAll_with_a_timeout_is_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    int M(Task<int> first, Task<int> second)
                    {
                        var all = new Task[] { first, second };
                        if ({|#0:Task.WaitAll(all, 100)|})
                        {
                        }

                        return {|#1:first.Result|};
                    }
                }
                """,
                Plain(0, "Task.WaitAll"),
                Plain(1, "Result"));

        [Fact]
        public Task Result_after_a_reported_WaitAll_is_not_reported_again()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    // Shape seen in a real codebase: wait for stdout and stderr readers, then pick one.
                    string Read(Task<string> output, Task<string> error, bool useError)
                    {
                        {|#0:Task.WaitAll(output, error)|};
                        return (useError ? error : output).GetAwaiter().GetResult();
                    }
                }
                """,
                Plain(0, "Task.WaitAll"));

        [Fact]
        public Task Expression_trees_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Linq.Expressions;
                using System.Threading.Tasks;

                interface IService { Task<int> GetAsync(); }

                class C
                {
                    void Setup(Expression<Func<IService, int>> call) { }

                    void M() => Setup(x => x.GetAsync().Result);
                }
                """);

        [Fact]
        public Task Nameof_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    string M(Task<int> t) => nameof(t.Result);
                }
                """);

        [Fact]
        public Task Unrelated_Result_properties_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                class Outcome { public int Result => 1; public void Wait() { } }

                class C
                {
                    int M(Outcome o) { o.Wait(); return o.Result; }
                }
                """);

        [Fact]
        public Task A_method_named_Main_that_is_not_an_entry_point_shape_gets_the_plain_message()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    string Main(Task<string> t) => {|#0:t.Result|};
                }
                """,
                Plain(0, "Result"));
    }
}
